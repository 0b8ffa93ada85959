namespace Latent.Symbolic

open System.Numerics

/// Plain-text infix printing: what a user would type. The output is canonical (one text per
/// expression) and reads back through Parser.parseExpression to the very same expression, so it
/// doubles as a serialisation format for formulas. That holds for symbols named as the parser
/// reads them (identifiers other than function names) and finite numbers.
[<RequireQualifiedAccess>]
module Infix =
    type private Level = PrintLevel
    type private Printed = PrintedForm

    let private printed text level negative = PrintedForm.Of(text, level, negative)

    let private parenthesise (p: Printed) = "(" + p.Text + ")"

    /// Text of p where the context needs at least `level` and, unless `allowMinus`, no leading minus.
    let private atLeast (level: Level) (allowMinus: bool) (p: Printed) =
        if p.Level < level || (p.Negative && not allowMinus) then parenthesise p else p.Text

    let private funcName (f: Func) = FuncInfo.name f

    let private relationText (r: Relation) = FuncInfo.relationText r

    let private integerText (i: BigInteger) = i.ToString(System.Globalization.CultureInfo.InvariantCulture)

    let private number (n: Number) : Printed =
        match n with
        | Exact(p, q) when q.IsOne -> printed (integerText p) (if p.Sign < 0 then Level.Multiplicative else Level.Atom) (p.Sign < 0)
        | Exact(p, q) -> printed (integerText p + "/" + integerText q) Level.Multiplicative (p.Sign < 0)
        | Real v -> printed (Number.FormatReal v) (if v < 0.0 then Level.Multiplicative else Level.Atom) (v < 0.0)

    /// A numeric exponent that is negative, with its negation: such factors of a product go to the
    /// denominator. Numeric bases are excluded because 0^(-1) or 10^(-400) would not read back as
    /// the same node after the detour through 1/(b^k) (the positive power may fold to a number).
    let private negativeExponent (b: Expr) (e: Expr) : Number option =
        match b.Node, e.Node with
        | Node.Number _, _ -> None
        | _, Node.Number n when Number.isNegative n -> Some(Number.neg n)
        | _ -> None

    /// A product's leading numeric coefficient.
    let private (|Coefficient|_|) (factors: Expr list) =
        match factors with
        | f :: rest ->
            match f.Node with
            | Node.Number c -> Some(c, rest)
            | _ -> None
        | [] -> None

    let rec private print' (e: Expr) : Printed =
        match e.Node with
        | Node.Number n -> number n
        | Symbol s -> printed s Level.Atom false
        | Sum terms -> sum terms
        | Product factors ->
            match factors with
            | Coefficient(c, rest) -> product c rest
            | _ -> product Number.one factors
        | Power(b, x) ->
            match negativeExponent b x with
            | Some _ -> product Number.one [ e ]
            | None -> power b x
        | Apply(f, a) -> printed (funcName f + "(" + (print' a).Text + ")") Level.Atom false
        | Compare(r, a, b) ->
            let side x = atLeast Level.Additive true (print' x)
            printed (side a + " " + relationText r + " " + side b) Level.Comparison false
        | Select(c, a, b) ->
            printed ("select(" + (print' c).Text + ", " + (print' a).Text + ", " + (print' b).Text + ")") Level.Atom false

    /// b^x with x not a negative number (or b a number): sqrt for the exponent 1/2.
    and private power (b: Expr) (x: Expr) : Printed =
        let half = Number.rational BigInteger.One (BigInteger 2)
        match x.Node with
        | Node.Number n when n = half -> printed ("sqrt(" + (print' b).Text + ")") Level.Atom false
        | _ ->
            let baseText = atLeast Level.Atom false (print' b)
            // Exponents other than plain names, calls and unsigned numbers get parentheses, so that
            // x^(1/2), x^(-y) and x^(y^z) read unambiguously.
            let exponentText = atLeast Level.Atom false (print' x)
            printed (baseText + "^" + exponentText) Level.Power false

    /// One factor of a product's numerator or denominator (a positive power).
    and private factor (f: Expr) : string =
        match f.Node with
        | Power(b, x) -> atLeast Level.Power false (power b x)
        | _ -> atLeast Level.Power false (print' f)

    /// coefficient * factors, with numeric negative powers (and a rational coefficient's
    /// denominator) written as a division: -2*x/(3*y^2).
    and private product (coefficient: Number) (factors: Expr list) : Printed =
        let negative = Number.isNegative coefficient
        let magnitude = if negative then Number.neg coefficient else coefficient
        let numeratorCoefficient, denominatorCoefficient =
            match magnitude with
            | Exact(p, q) -> (if p.IsOne then [] else [ integerText p ]), (if q.IsOne then [] else [ integerText q ])
            | Real v -> [ Number.FormatReal v ], []
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
        let numeratorText = if numerator.IsEmpty then "1" else String.concat "*" numerator
        let denominatorText =
            match denominator with
            | [] -> ""
            | [ single ] -> "/" + single
            | many -> "/(" + String.concat "*" many + ")"
        printed ((if negative then "-" else "") + numeratorText + denominatorText) Level.Multiplicative negative

    /// Terms joined by + and -, a negative coefficient after the first term becoming subtraction.
    and private sum (terms: Expr list) : Printed =
        let split (t: Expr) : Printed * Printed option =
            // The term as printed, and its negation when its sign is negative.
            match t.Node with
            | Node.Number n when Number.isNegative n -> print' t, Some(number (Number.neg n))
            | Product(Coefficient(c, rest)) when Number.isNegative c -> print' t, Some(product (Number.neg c) rest)
            | _ -> print' t, None
        let parts = terms |> List.map split
        let text =
            parts
            |> List.mapi (fun i (p, negated) ->
                match i, negated with
                | 0, _ -> atLeast Level.Additive true p
                | _, Some m -> " - " + atLeast Level.Multiplicative false m
                | _, None -> " + " + atLeast Level.Multiplicative false p)
            |> String.concat ""
        printed text Level.Additive (fst parts.Head).Negative

    /// The expression as infix text that Parser.parseExpression reads back to the same expression.
    let print (e: Expr) : string = (print' e).Text
