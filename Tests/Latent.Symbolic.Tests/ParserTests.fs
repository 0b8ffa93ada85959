/// The parser: precedence, associativity, numbers, statements, programs, and every error with
/// its exact position and message.
module Latent.Symbolic.Tests.ParserTests

open System
open System.Threading
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic
open Latent.Symbolic.Tests.Numerics


let parseError (text: string) =
    match Parser.parseExpression text with
    | Ok e -> failwithf "'%s' parsed as %O, expected an error" text e
    | Error err -> err

/// (text, the expression the smart constructors build for it)
let golden: (string * Expr) list =
    [ "x + y*z", Expr.sum [ x; Expr.product [ y; z ] ]
      "(x + y)*z", Expr.product [ Expr.sum [ x; y ]; z ]
      "x - y - z", Expr.subtract (Expr.subtract x y) z
      "x - (y - z)", Expr.subtract x (Expr.subtract y z)
      "x/y/z", Expr.divide (Expr.divide x y) z
      "x/(y/z)", Expr.divide x (Expr.divide y z)
      "x^y^z", Expr.pow x (Expr.pow y z)
      "(x^y)^z", Expr.pow (Expr.pow x y) z
      "x**y**z", Expr.pow x (Expr.pow y z)
      "-x^2", Expr.negate (Expr.pow x (n 2))
      "(-x)^2", Expr.pow (Expr.negate x) (n 2)
      "2^-x", Expr.pow (n 2) (Expr.negate x)
      "x^-2", Expr.pow x (n -2)
      "-2^2", n -4
      "- -x", x
      "+x", x
      "x*-y", Expr.negate (Expr.product [ x; y ])
      "-x*y", Expr.negate (Expr.product [ x; y ])
      "2*x^3/4", Expr.product [ Expr.rational 1 2; Expr.pow x (n 3) ]
      "sqrt(x)", Expr.pow x Expr.half
      "1/sqrt(x)", Expr.pow x (Expr.rational -1 2)
      "pow(x, 3)", Expr.pow x (n 3)
      "exp(x)*exp(y)", Expr.exp (Expr.sum [ x; y ])
      "ln(x) + log(y)", Expr.sum [ Expr.log x; Expr.log y ]
      "sin(x) + cos(x) + tanh(x)", Expr.sum [ Expr.sin x; Expr.cos x; Expr.tanh x ]
      "erf(x) - erfc(x)", Expr.subtract (Expr.erf x) (Expr.erfc x)
      "abs(x - y)", Expr.abs (Expr.subtract x y)
      "min(x, y)", Expr.minimum x y
      "max(x, y)", Expr.maximum x y
      "select(x < y, x, y)", Expr.select (Expr.compare Less x y) x y
      "x <= y + 1", Expr.compare LessEqual x (Expr.sum [ y; Expr.one ])
      "x > 2*y", Expr.compare Greater x (Expr.product [ n 2; y ])
      "x >= -y", Expr.compare GreaterEqual x (Expr.negate y)
      "(x < y) < z", Expr.compare Less (Expr.compare Less x y) z
      "pi*x", Expr.product [ Expr.pi; x ]
      "r_c + _a1", Expr.sum [ Expr.symbol "r_c"; Expr.symbol "_a1" ]
      "  x\t*\n y  ", Expr.product [ x; y ]
      "x # a comment\n + y", Expr.sum [ x; y ] ]

let goldenData: obj[] seq = golden |> Seq.map (fun (t, _) -> [| box t |])

[<Theory; MemberData(nameof goldenData)>]
let ``parses to the expression the constructors build`` (text: string) =
    let expected = golden |> List.find (fst >> (=) text) |> snd
    Assert.Equal(expected, parse text)

[<Fact>]
let ``precedence and associativity give the conventional values`` () =
    let at (text: string) = Evaluate.at (Map [ "x", 1.5; "y", 0.25; "z", 3.0 ]) (parse text)
    let cases =
        [ "1 + 2*3", 7.0
          "2*3^2", 18.0
          "2^3^2", 512.0
          "-2^2", -4.0
          "(-2)^2", 4.0
          "8/4/2", 1.0
          "8 - 4 - 2", 2.0
          "2^-1", 0.5
          "-x^2 + y", -1.5 * 1.5 + 0.25
          "x/y*z", 1.5 / 0.25 * 3.0
          "exp(-x*y)*(1 + x)/z", Math.Exp(-1.5 * 0.25) * 2.5 / 3.0
          "select(x > y, x - y, y - x)", 1.25
          "min(x, z) + max(x, z)", 4.5
          "x < y", 0.0
          "sqrt(z)", Math.Sqrt 3.0 ]
    for text, want in cases do
        let got = at text
        Assert.True(close 1e-15 0.0 got want, sprintf "%s = %.17g, expected %.17g" text got want)

[<Fact>]
let ``integers are exact, literals with a point or exponent are doubles`` () =
    let number (text: string) =
        match (parse text).Node with
        | Node.Number v -> v
        | other -> failwithf "expected a number for %s, got %A" text other
    Assert.Equal(Number.ofInt 12, number "12")
    Assert.Equal(Number.rational (Numerics.BigInteger 1) (Numerics.BigInteger 3), number "1/3")
    Assert.Equal(Real 0.5, number "0.5")
    Assert.Equal(Real 0.5, number ".5")
    Assert.Equal(Real 1e-3, number "1e-3")
    Assert.Equal(Real 1.5e20, number "1.5E+20")
    // A double with an integral value below 2^53 is the same value as the integer.
    Assert.Equal(Number.ofInt 2, number "2.0")
    Assert.Equal(Number.ofInt 100, number "1e2")
    // Digits beyond the double range stay exact.
    Assert.Equal(Exact(Numerics.BigInteger.Parse "123456789012345678901234567890", Numerics.BigInteger.One), number "123456789012345678901234567890")

[<Fact>]
let ``x^(1/2) and sqrt(x) are one expression, x^0.5 is not`` () =
    Assert.Equal(parse "sqrt(x)", parse "x^(1/2)")
    Assert.NotEqual(parse "sqrt(x)", parse "x^0.5")

let statements (text: string) =
    match Parser.parseStatements text with
    | Ok s -> s
    | Error err -> failwithf "did not parse: %O" err

[<Fact>]
let ``statements are separated by newlines and semicolons, with comments and blank lines`` () =
    let text = "# header\n\na = 2*x   # two x\n  b = a + y; a*b\n;\r\nc=1"
    let parsed = statements text
    Assert.Equal<string option list>([ Some "a"; Some "b"; None; Some "c" ], parsed |> List.map (fun s -> s.Name))
    Assert.Equal<(int * int) list>([ 3, 1; 4, 3; 4, 14; 6, 1 ], parsed |> List.map (fun s -> s.Position.Line, s.Position.Column))
    // Not substituted: b still refers to a.
    Assert.Equal(Expr.sum [ Expr.symbol "a"; y ], parsed.[1].Body)
    Assert.Equal(Expr.product [ Expr.symbol "a"; Expr.symbol "b" ], parsed.[2].Body)

[<Fact>]
let ``empty text and comments alone are no statements`` () =
    Assert.Empty(statements "")
    Assert.Empty(statements "  # nothing\n\n;;\n")

[<Fact>]
let ``newlines inside parentheses do not end a statement`` () =
    let parsed = statements "e = exp(-x*(y +\n  z)\n)\nf = (1 +\n 2)"
    Assert.Equal(Expr.exp (Expr.negate (Expr.product [ x; Expr.sum [ y; z ] ])), parsed.[0].Body)
    Assert.Equal(n 3, parsed.[1].Body)
    Assert.Equal(4, parsed.[1].Position.Line)

[<Fact>]
let ``a program substitutes each definition into the statements after it`` () =
    match Parser.parseProgram "A = 2\nzeta = A*x\nE = exp(-zeta*r)/r\nE*A" with
    | Error err -> failwithf "did not parse: %O" err
    | Ok parsed ->
        let r = Expr.symbol "r"
        let e = Expr.divide (Expr.exp (Expr.negate (Expr.product [ n 2; x; r ]))) r
        Assert.Equal<Expr list>([ n 2; Expr.product [ n 2; x ]; e; Expr.product [ n 2; e ] ], parsed |> List.map (fun s -> s.Body))
        Assert.Equal<Set<string>>(set [ "r"; "x" ], parsed.[3].Body.FreeSymbols)

/// (text, line, column, message) for one expression.
let expressionErrors: (string * int * int * string) list =
    [ "x +", 1, 4, "unexpected end of input"
      "", 1, 1, "unexpected end of input"
      "x * * y", 1, 5, "unexpected '*'"
      "(x + 1", 1, 7, "expected ')'"
      "(x + 1 y)", 1, 8, "expected ')'"
      "x + 1)", 1, 6, "unexpected ')'"
      "x y", 1, 3, "unexpected 'y'"
      "2x", 1, 2, "unexpected 'x'"
      "x = 2", 1, 3, "unexpected '='"
      "()", 1, 2, "unexpected ')'"
      "foo(x)", 1, 1, "unknown function 'foo'"
      "1 + sqr t(x)", 1, 9, "unexpected 't'"
      "y*\n  foo(x)", 2, 3, "unknown function 'foo'"
      "exp(x, y)", 1, 1, "'exp' takes 1 argument, got 2"
      "2*exp()", 1, 3, "'exp' takes 1 argument, got 0"
      "pow(x)", 1, 1, "'pow' takes 2 arguments, got 1"
      "select(x, y)", 1, 1, "'select' takes 3 arguments, got 2"
      "exp(x y)", 1, 7, "expected ',' or ')'"
      "exp(x,)", 1, 7, "unexpected ')'"
      "exp + 1", 1, 1, "'exp' is a function: write exp(...)"
      "1 + sqrt", 1, 5, "'sqrt' is a function: write sqrt(...)"
      "pi(2)", 1, 1, "'pi' is a constant, not a function"
      "x < y < z", 1, 7, "comparisons cannot be chained; use parentheses"
      "1e400*x", 1, 1, "number '1e400' is out of range"
      "x ^ ^ y", 1, 5, "unexpected '^'"
      "x <= * y", 1, 6, "unexpected '*'"
      "x $ y", 1, 3, "unexpected '$'"
      // A digit of another script (Myanmar five) is not a number (found by fuzzing: it used to throw).
      "6\u1095", 1, 2, "unexpected '\u1095'" ]

let expressionErrorData: obj[] seq = expressionErrors |> Seq.mapi (fun i _ -> [| box i |])

[<Theory; MemberData(nameof expressionErrorData)>]
let ``expression errors name the offending token and its position`` (case: int) =
    let text, line, column, message = expressionErrors.[case]
    let err = parseError text
    Assert.Equal(message, err.Message)
    Assert.Equal({ Line = line; Column = column }, err.Position)

/// (text, line, column, message) for programs.
let programErrors: (string * int * int * string) list =
    [ "x = 1\nx = 2", 2, 1, "'x' is already defined (line 1)"
      "a = 1; b = 2;  a = 3", 1, 16, "'a' is already defined (line 1)"
      "pi = 3", 1, 1, "'pi' is a constant and cannot be defined"
      "y = 1\n  exp = 3", 2, 3, "'exp' is a function and cannot be defined"
      "select = 3", 1, 1, "'select' is a function and cannot be defined"
      "x = x + 1", 1, 1, "'x' is defined in terms of itself"
      "y = 2*a\na = 3", 2, 1, "'a' is used before its definition (line 1)"
      "y = 1 +\n 2", 1, 8, "unexpected end of line"
      "y = 1 +", 1, 8, "unexpected end of input"
      "y = 1\nz = 2 3", 2, 7, "unexpected '3'"
      "y = (1 + 2", 1, 11, "expected ')'"
      "y = = 2", 1, 5, "unexpected '='"
      "y == 2", 1, 3, "unexpected '=='" ]

let programErrorData: obj[] seq = programErrors |> Seq.mapi (fun i _ -> [| box i |])

[<Theory; MemberData(nameof programErrorData)>]
let ``program errors point at the statement or token at fault`` (case: int) =
    let text, line, column, message = programErrors.[case]
    match Parser.parseProgram text with
    | Ok s -> failwithf "'%s' parsed as %A, expected an error" text s
    | Error err ->
        Assert.Equal(message, err.Message)
        Assert.Equal({ Line = line; Column = column }, err.Position)

[<Fact>]
let ``statements allow redefinition; only programs forbid it`` () =
    Assert.Equal(2, (statements "x = 1\nx = 2").Length)

[<Fact>]
let ``deep nesting is an error, not a stack overflow`` () =
    let nested k = String('(', k) + "x" + String(')', k)
    let signs k = String('-', k) + "x"
    let powers k = String.Join("^", Array.create k "x")
    // On a thread with a small stack, so that the limit is known to leave room to spare on ordinary threads.
    let results = ref []
    let worker =
        Thread(
            (fun () ->
                results.Value <-
                    [ Parser.parseExpression (nested 90)
                      Parser.parseExpression (nested 100000)
                      Parser.parseExpression (signs 100000)
                      Parser.parseExpression (powers 100000) ]),
            512 * 1024
        )
    worker.Start()
    worker.Join()
    match results.Value with
    | [ Ok shallow; Error a; Error b; Error c ] ->
        Assert.Equal(x, shallow)
        for err in [ a; b; c ] do Assert.Equal("expression is nested too deeply", err.Message)
    | other -> failwithf "unexpected results %A" other

/// Random token soup, mostly ill-formed: every entry point answers with Ok or a located Error.
let tokenSoup: Gen<string> =
    [ "x"; "y1"; "_"; "2"; "0.5"; ".5"; "1e"; "e-3"; "+"; "-"; "*"; "**"; "/"; "^"; "("; ")"; ","; "<"; "<="; ">"; "="
      "=="; ";"; "\n"; "\r\n"; " "; "\t"; "#c"; "pi"; "exp"; "exp("; "select("; "min("; "foo("; "$" ]
    |> Gen.elements
    |> Gen.listOf
    |> Gen.map (String.concat "")

[<Property(MaxTest = 2000)>]
let ``any text gives Ok or an error located inside it`` () =
    Prop.forAll (Arb.fromGen tokenSoup) (fun text ->
        let lines = text.Split('\n').Length
        let located (err: ParseError) =
            err.Position.Line >= 1 && err.Position.Line <= lines && err.Position.Column >= 1
            && err.Message.Length > 0 && not (err.Message.Contains "\n")
        let expression =
            match Parser.parseExpression text with
            | Ok e -> Parser.parseExpression (Infix.print e) = Ok e
            | Error err -> located err
        let program =
            match Parser.parseProgram text with
            | Ok _ -> true
            | Error err -> located err
        expression && program)

/// A formula that divides by zero, or whose numbers leave the double range, is refused where it does
/// so: 0/0 is not 0 (nor NaN in disguise), and (x-x)/(x-x) is 0/0.
[<Theory>]
[<InlineData("0/0", 3, "division by zero: the divisor is 0")>]
[<InlineData("1/0", 3, "division by zero: the divisor is 0")>]
[<InlineData("(x-x)/(x-x)", 7, "division by zero: the divisor is 0")>]
[<InlineData("2*x/(3-3)", 5, "division by zero: the divisor is 0")>]
[<InlineData("0^-1", 3, "division by zero: 0 to a negative power")>]
[<InlineData("pow(0, -2)", 1, "division by zero in 'pow'")>]
[<InlineData("1e308*10", 1, "the value is beyond the range of a double")>]
let ``division by zero and overflow are refused where they are written`` (text: string, column: int, message: string) =
    match Parser.parseExpression text with
    | Ok e -> failwithf "%s parsed as %O" text e
    | Error err ->
        Assert.Equal(column, err.Position.Column)
        Assert.StartsWith(message, err.Message)

/// A chain of thousands of terms is one n-ary sum built once: linear, not quadratic, in its length.
[<Fact>]
let ``a sum of seven thousand terms parses in seconds, not minutes`` () =
    let text = String.Join("+", [| for i in 0 .. 6999 -> sprintf "x%d" i |])
    let clock = Diagnostics.Stopwatch.StartNew()
    match Parser.parseExpression text with
    | Ok e -> Assert.Equal(7000, (Expr.children e).Length)
    | Error err -> failwithf "%O" err
    // About a second here; the quadratic build it replaced took minutes. Loose, so a loaded machine cannot fail it.
    Assert.True(clock.Elapsed.TotalSeconds < 15.0, sprintf "took %O" clock.Elapsed)
