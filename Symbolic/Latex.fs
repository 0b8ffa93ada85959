namespace Latent.Symbolic

open System
open System.Globalization
open System.Numerics

/// LaTeX (math mode) for reports and documentation: fractions for division, roots, upright
/// function names, Greek letters and subscripts from symbol names. For reading only; the
/// round-trippable text form is Infix.
[<RequireQualifiedAccess>]
module Latex =
    type private Level = PrintLevel
    type private Printed = PrintedForm

    let private printed text level negative = PrintedForm.Of(text, level, negative)

    let private atLeast (level: Level) (allowMinus: bool) (p: Printed) =
        if p.Level < level || (p.Negative && not allowMinus) then @"\left(" + p.Text + @"\right)" else p.Text

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

    let private integerText (i: BigInteger) = i.ToString(CultureInfo.InvariantCulture)

    /// A non-negative double: 1.5E+20 becomes 1.5 \times 10^{20}.
    let private realText (v: float) =
        let s = Number.FormatReal v
        match s.IndexOf 'E' with
        | -1 -> s
        | i ->
            let exponent = Int32.Parse(s.Substring(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            s.Substring(0, i) + @" \times 10^{" + exponent.ToString(CultureInfo.InvariantCulture) + "}"

    let private number (n: Number) : Printed =
        match n with
        | Exact(p, q) when q.IsOne -> printed (integerText p) (if p.Sign < 0 then Level.Multiplicative else Level.Atom) (p.Sign < 0)
        | Exact(p, q) ->
            let sign = if p.Sign < 0 then "-" else ""
            printed (sign + @"\frac{" + integerText (BigInteger.Abs p) + "}{" + integerText q + "}") Level.Multiplicative (p.Sign < 0)
        | Real v ->
            let text = (if v < 0.0 then "-" else "") + realText (abs v)
            let level = if v < 0.0 || text.Contains @"\times" then Level.Multiplicative else Level.Atom
            printed text level (v < 0.0)

    let private functionName (f: Func) =
        match f with
        | Exp -> @"\exp"
        | Log -> @"\ln"
        | Sin -> @"\sin"
        | Cos -> @"\cos"
        | Tanh -> @"\tanh"
        | Erf -> @"\operatorname{erf}"
        | Erfc -> @"\operatorname{erfc}"
        | Abs -> ""

    let private relationText (r: Relation) =
        match r with
        | Less -> "<"
        | LessEqual -> @"\le"
        | Greater -> ">"
        | GreaterEqual -> @"\ge"

    let private (|Coefficient|_|) (factors: Expr list) =
        match factors with
        | f :: rest ->
            match f.Node with
            | Node.Number c -> Some(c, rest)
            | _ -> None
        | [] -> None

    /// Numeric negative exponents of non-numeric bases go to the denominator of a \frac.
    let private negativeExponent (b: Expr) (e: Expr) : Number option =
        match b.Node, e.Node with
        | Node.Number _, _ -> None
        | _, Node.Number n when Number.isNegative n -> Some(Number.neg n)
        | _ -> None

    /// Juxtaposed factors, with \cdot where the next one starts with a digit (2 \cdot 3^{x}).
    let private juxtapose (parts: string list) =
        match parts with
        | [] -> "1"
        | first :: rest ->
            rest
            |> List.fold (fun acc p -> if p.Length > 0 && Char.IsDigit p.[0] then acc + @" \cdot " + p else acc + " " + p) first

    let rec private print' (e: Expr) : Printed =
        match e.Node with
        | Node.Number n -> number n
        | Symbol s -> printed (symbol s) Level.Atom false
        | Sum terms -> sum terms
        | Product(Coefficient(c, rest)) -> product c rest
        | Product factors -> product Number.one factors
        | Power(b, x) ->
            match negativeExponent b x with
            | Some _ -> product Number.one [ e ]
            | None -> power b x
        | Apply(Abs, a) -> printed (@"\left|" + (print' a).Text + @"\right|") Level.Atom false
        | Apply(Exp, a) ->
            match a.Node with
            | Sum _
            | Compare _
            | Select _ -> printed (@"\exp\left(" + (print' a).Text + @"\right)") Level.Atom false
            | _ -> printed ("e^{" + (print' a).Text + "}") Level.Power false
        | Apply(f, a) -> printed (functionName f + @"\left(" + (print' a).Text + @"\right)") Level.Atom false
        | Compare(r, a, b) ->
            let side x = atLeast Level.Additive true (print' x)
            printed (side a + " " + relationText r + " " + side b) Level.Comparison false
        | Select(c, a, b) ->
            let text =
                @"\begin{cases} " + (print' a).Text + @" & \text{if } " + (print' c).Text + @" \\ " + (print' b).Text
                + @" & \text{otherwise} \end{cases}"
            // Parenthesised inside products: a brace block next to a factor reads badly.
            printed text Level.Additive false

    and private power (b: Expr) (x: Expr) : Printed =
        match x.Node with
        | Node.Number(Exact(p, q)) when p.IsOne && q = BigInteger 2 -> printed (@"\sqrt{" + (print' b).Text + "}") Level.Atom false
        | Node.Number(Exact(p, q)) when p.IsOne && q > BigInteger 2 && q <= BigInteger 16 ->
            printed (@"\sqrt[" + integerText q + "]{" + (print' b).Text + "}") Level.Atom false
        | _ ->
            let printedBase = print' b
            let baseText =
                match b.Node with
                | Symbol _ -> printedBase.Text
                | Node.Number _ when printedBase.Level = Level.Atom && not printedBase.Negative -> printedBase.Text
                | _ -> @"\left(" + printedBase.Text + @"\right)"
            printed (baseText + "^{" + (print' x).Text + "}") Level.Power false

    and private factor (f: Expr) : string =
        match f.Node with
        | Power(b, x) -> atLeast Level.Power false (power b x)
        | _ -> atLeast Level.Power false (print' f)

    and private product (coefficient: Number) (factors: Expr list) : Printed =
        let negative = Number.isNegative coefficient
        let magnitude = if negative then Number.neg coefficient else coefficient
        let numeratorCoefficient, denominatorCoefficient =
            match magnitude with
            | Exact(p, q) -> (if p.IsOne then [] else [ integerText p ]), (if q.IsOne then [] else [ integerText q ])
            | Real v -> [ realText v ], []
        let numerator, denominator =
            factors
            |> List.fold
                (fun (num, den) f ->
                    match f.Node with
                    | Power(b, x) ->
                        match negativeExponent b x with
                        | Some k when Number.isOne k -> num, den @ [ factor b ]
                        | Some k -> num, den @ [ atLeast Level.Power false (power b (Expr.ofNumber k)) ]
                        | None -> num @ [ factor f ], den
                    | _ -> num @ [ factor f ], den)
                ([], [])
        let numerator = numeratorCoefficient @ numerator
        let denominator = denominatorCoefficient @ denominator
        let sign = if negative then "-" else ""
        match denominator with
        | [] -> printed (sign + juxtapose numerator) Level.Multiplicative negative
        | _ -> printed (sign + @"\frac{" + juxtapose numerator + "}{" + juxtapose denominator + "}") Level.Multiplicative negative

    and private sum (terms: Expr list) : Printed =
        let parts =
            terms
            |> List.map (fun t ->
                match t.Node with
                | Node.Number n when Number.isNegative n -> print' t, Some(number (Number.neg n))
                | Product(Coefficient(c, rest)) when Number.isNegative c -> print' t, Some(product (Number.neg c) rest)
                | _ -> print' t, None)
        let text =
            parts
            |> List.mapi (fun i (p, negated) ->
                match i, negated with
                | 0, _ -> atLeast Level.Additive true p
                | _, Some m -> " - " + atLeast Level.Multiplicative false m
                | _, None -> " + " + atLeast Level.Multiplicative false p)
            |> String.concat ""
        printed text Level.Additive (fst parts.Head).Negative

    /// The expression as LaTeX math (without the surrounding $ or \[ \]).
    let print (e: Expr) : string = (print' e).Text
