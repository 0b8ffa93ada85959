namespace Latent.Symbolic

open System
open System.Globalization
open System.Numerics

/// LaTeX (math mode) for reports and documentation: fractions for division, roots, upright
/// function names, Greek letters and subscripts from symbol names. For reading only; the
/// round-trippable text form is Infix.
[<RequireQualifiedAccess>]
module Latex =
    let private greek =
        set
            [ "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta"; "iota"; "kappa"; "lambda"; "mu"
              "nu"; "xi"; "pi"; "rho"; "sigma"; "tau"; "upsilon"; "phi"; "chi"; "psi"; "omega"; "varepsilon"
              "vartheta"; "varphi"; "Gamma"; "Delta"; "Theta"; "Lambda"; "Xi"; "Pi"; "Sigma"; "Upsilon"; "Phi"
              "Psi"; "Omega" ]

    /// Characters LaTeX would read as commands or grouping, escaped inside \mathit and \mathrm.
    let private escape (s: string) =
        s
        |> Seq.map (fun c ->
            match c with
            | '\\' -> @"\backslash{}"
            | '_' | '{' | '}' | '#' | '$' | '%' | '&' -> "\\" + string c
            | '^' -> @"\hat{}"
            | '~' -> @"\sim{}"
            | c -> string c)
        |> String.concat ""

    /// The main part of a name: a Greek letter, a single letter, or a multi-letter italic word.
    let private nameBody (s: string) =
        if greek.Contains s then "\\" + s
        elif s.Length = 1 && Char.IsLetterOrDigit s.[0] then s
        else @"\mathit{" + escape s + "}"

    /// A subscript: Greek, a single character or digits as they are, words upright (z_{\mathrm{Na}}).
    let private subscript (s: string) =
        if greek.Contains s then "\\" + s
        elif s.Length = 1 || s |> Seq.forall Char.IsDigit then escape s
        else @"\mathrm{" + escape s + "}"

    let private symbol (s: string) =
        match s.IndexOf '_' with
        | i when i > 0 && i < s.Length - 1 -> nameBody (s.Substring(0, i)) + "_{" + subscript (s.Substring(i + 1)) + "}"
        | _ -> nameBody s

    let private integerText = ExprPrinter.integerText

    /// A non-negative double: 1.5E+20 becomes 1.5 \times 10^{20}.
    let private realText (v: float) =
        let s = Number.FormatReal v
        match s.IndexOf 'E' with
        | -1 -> s
        | i ->
            let exponent = Int32.Parse(s.Substring(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            s.Substring(0, i) + @" \times 10^{" + exponent.ToString(CultureInfo.InvariantCulture) + "}"

    let private functionName (f: Func) =
        match f with
        | Exp -> @"\exp"
        | Log -> @"\ln"
        | Sin -> @"\sin"
        | Cos -> @"\cos"
        | Tanh -> @"\tanh"
        | Erf -> @"\operatorname{erf}"
        | Erfc -> @"\operatorname{erfc}"
        | Abs -> "" // unused: |x| is a special call

    let private relationText (r: Relation) =
        match r with
        | Less -> "<"
        | LessEqual -> @"\le"
        | Greater -> ">"
        | GreaterEqual -> @"\ge"

    /// Juxtaposed factors, with \cdot where the next one starts with a digit (2 \cdot 3^{x}).
    let private juxtapose (parts: string list) =
        match parts with
        | [] -> "1"
        | first :: rest ->
            rest
            |> List.fold (fun acc p -> if p.Length > 0 && Char.IsDigit p.[0] then acc + @" \cdot " + p else acc + " " + p) first

    let private group (text: string) = @"\left(" + text + @"\right)"

    let private notation: Notation =
        { Group = group
          Symbol = symbol
          Real =
            fun v ->
                let text = realText v
                PrintedForm.Of(text, (if text.Contains @"\times" then PrintLevel.Multiplicative else PrintLevel.Atom), false)
          Factors = juxtapose
          Quotient = fun numerator denominator -> @"\frac{" + juxtapose numerator + "}{" + juxtapose denominator + "}"
          Root =
            fun exponent ->
                match exponent with
                | Exact(p, q) when p.IsOne && q = BigInteger 2 -> Some(fun b -> @"\sqrt{" + b + "}")
                | Exact(p, q) when p.IsOne && q > BigInteger 2 && q <= BigInteger 16 -> Some(fun b -> @"\sqrt[" + integerText q + "]{" + b + "}")
                | _ -> None
          // Only names and unsigned numbers stand bare: \left(\sin\left(x\right)\right)^{2}.
          AtomicBase =
            fun b ->
                match b.Node with
                | Symbol _
                | Node.Number _ -> true
                | _ -> false
          Superscript = fun exponent -> "^{" + exponent + "}"
          SuperscriptDelimits = true
          FunctionName = functionName
          SpecialCall =
            fun f a argument ->
                match f, a.Node with
                | Abs, _ -> Some(PrintedForm.Of(@"\left|" + argument + @"\right|", PrintLevel.Atom, false))
                // e^{x}, except for arguments that read badly in a superscript.
                | Exp, (Sum _ | Compare _ | Select _) -> None
                | Exp, _ -> Some(PrintedForm.Of("e^{" + argument + "}", PrintLevel.Power, false))
                | _ -> None
          Relation = relationText
          Select =
            fun c a b ->
                let text = @"\begin{cases} " + a + @" & \text{if } " + c + @" \\ " + b + @" & \text{otherwise} \end{cases}"
                // Parenthesised inside products: a brace block next to a factor reads badly.
                PrintedForm.Of(text, PrintLevel.Additive, false) }

    /// The expression as LaTeX math (without the surrounding $ or \[ \]).
    let print (e: Expr) : string = ExprPrinter.print notation e
