/// The LaTeX printer: exact golden strings, and well-formedness for random expressions.
module Latent.Symbolic.Tests.LatexTests

open System.Text.RegularExpressions
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic

/// (infix input, the exact LaTeX)
let golden: (string * string) list =
    [ "x - 2*y", @"x - 2 y"
      "2*x/(3*y^2)", @"\frac{2 x}{3 y^{2}}"
      "-x/3", @"-\frac{x}{3}"
      "1/3", @"\frac{1}{3}"
      "exp(-r*z)*(1 + r*z)/r", @"\frac{\left(1 + r z\right) e^{-r z}}{r}"
      "exp(a + b)", @"\exp\left(a + b\right)"
      "1/sqrt(x)", @"\frac{1}{\sqrt{x}}"
      "x^(1/3)", @"\sqrt[3]{x}"
      "x^(3/2)", @"x^{\frac{3}{2}}"
      "(1/2)^x", @"\left(\frac{1}{2}\right)^{x}"
      "(x + y)^2", @"\left(x + y\right)^{2}"
      "3*2^x", @"3 \cdot 2^{x}"
      "-1.5e20*x", @"-1.5 \times 10^{20} x"
      "2.5e-7", @"2.5 \times 10^{-7}"
      "pi*r^2", @"\pi r^{2}"
      "log(x)*sin(x)", @"\ln\left(x\right) \sin\left(x\right)"
      "cos(x) + tanh(x)", @"\cos\left(x\right) + \tanh\left(x\right)"
      "erf(x) + erfc(x)", @"\operatorname{erf}\left(x\right) + \operatorname{erfc}\left(x\right)"
      "abs(x - y)", @"\left|x - y\right|"
      "zeta*Delta + alpha", @"\alpha + \Delta \zeta"
      "z_Na*r_c/zeta_1s", @"\frac{r_{c} z_{\mathrm{Na}}}{\zeta_{\mathrm{1s}}}"
      "E_alpha + x_12", @"E_{\alpha} + x_{12}"
      "rc + a_b_c", @"a_{\mathrm{b\_c}} + \mathit{rc}"
      "x <= y", @"x \le y"
      "x >= y", @"x \ge y"
      "select(r < r_c, 1 - r/r_c, 0)", @"\begin{cases} 1 - \frac{r}{r_{c}} & \text{if } r < r_{c} \\ 0 & \text{otherwise} \end{cases}" ]

let goldenData: obj[] seq = golden |> Seq.mapi (fun i _ -> [| box i |])

[<Theory; MemberData(nameof goldenData)>]
let ``prints the golden LaTeX`` (case: int) =
    let text, latex = golden.[case]
    Assert.Equal(latex, Latex.print (parse text))

/// Braces balance (escaped \{ and \} aside) and never close before they open; \left and \right pair up.
let wellFormed (latex: string) =
    let unescaped = Regex.Replace(latex, @"\\[{}]", "")
    let depths = unescaped |> Seq.scan (fun d c -> match c with '{' -> d + 1 | '}' -> d - 1 | _ -> d) 0 |> List.ofSeq
    let count (pattern: string) = Regex.Matches(latex, pattern).Count
    List.last depths = 0 && List.forall (fun d -> d >= 0) depths && count @"\\left[(|]" = count @"\\right[)|]"

[<Fact>]
let ``the well-formedness check rejects unbalanced text`` () =
    Assert.False(wellFormed @"\frac{x}{y")
    Assert.False(wellFormed @"}x{")
    Assert.False(wellFormed @"\left(x")
    Assert.True(wellFormed @"\mathrm{a\{b}")

[<Property(MaxTest = 1000)>]
let ``LaTeX of any expression is well formed`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExpr) (fun e ->
        let latex = Latex.print e
        wellFormed latex || failwithf "not well formed: %s for %O" latex e)

[<Property(MaxTest = 200)>]
let ``LaTeX printing is deterministic`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExpr) (fun e -> Latex.print e = Latex.print (Expr.transform id e))
