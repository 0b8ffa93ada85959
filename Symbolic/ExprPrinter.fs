namespace Latent.Symbolic

open System.Globalization
open System.Numerics

/// The layout every printer shares, written in a Notation: a child binding looser than its place
/// needs gets parentheses, sums write negative terms as subtraction, products put negative powers
/// and a rational coefficient's denominator under a quotient, powers of 1/q may be roots.
[<RequireQualifiedAccess>]
module internal ExprPrinter =
    type private Level = PrintLevel

    let private printed text level negative = PrintedForm.Of(text, level, negative)

    /// Text of p where the context needs at least `level` and, unless `allowMinus`, no leading minus.
    let atLeast (notation: Notation) (level: Level) (allowMinus: bool) (p: PrintedForm) =
        if p.Level < level || (p.Negative && not allowMinus) then notation.Group p.Text else p.Text

    let integerText (i: BigInteger) = i.ToString(CultureInfo.InvariantCulture)

    let private number (notation: Notation) (n: Number) : PrintedForm =
        match n with
        | Exact(p, q) when q.IsOne -> printed (integerText p) (if p.Sign < 0 then Level.Multiplicative else Level.Atom) (p.Sign < 0)
        | Exact(p, q) ->
            let sign = if p.Sign < 0 then "-" else ""
            printed (sign + notation.Quotient [ integerText (BigInteger.Abs p) ] [ integerText q ]) Level.Multiplicative (p.Sign < 0)
        | Real v when v < 0.0 -> printed ("-" + (notation.Real -v).Text) Level.Multiplicative true
        | Real v -> notation.Real v

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

    let rec private print' (notation: Notation) (e: Expr) : PrintedForm =
        match e.Node with
        | Node.Number n -> number notation n
        | Symbol s -> printed (notation.Symbol s) Level.Atom false
        | Sum terms -> sum notation terms
        | Product(Coefficient(c, rest)) -> product notation c rest
        | Product factors -> product notation Number.one factors
        | Power(b, x) ->
            match negativeExponent b x with
            | Some _ -> product notation Number.one [ e ]
            | None -> power notation b x
        | Apply(f, a) ->
            let argument = (print' notation a).Text
            match notation.SpecialCall f a argument with
            | Some special -> special
            | None -> printed (notation.FunctionName f + notation.Group argument) Level.Atom false
        | Compare(r, a, b) ->
            let side x = atLeast notation Level.Additive true (print' notation x)
            printed (side a + " " + notation.Relation r + " " + side b) Level.Comparison false
        | Select(c, a, b) -> notation.Select (print' notation c).Text (print' notation a).Text (print' notation b).Text

    /// b^x with x not a negative number (or b a number).
    and private power (notation: Notation) (b: Expr) (x: Expr) : PrintedForm =
        let root =
            match x.Node with
            | Node.Number k -> notation.Root k
            | _ -> None
        match root with
        | Some root -> printed (root (print' notation b).Text) Level.Atom false
        | None ->
            let printedBase = print' notation b
            let baseText =
                if notation.AtomicBase b then atLeast notation Level.Atom false printedBase
                else notation.Group printedBase.Text
            // An undelimited exponent other than a plain name, call or unsigned number gets
            // parentheses, so that x^(1/2), x^(-y) and x^(y^z) read unambiguously.
            let printedExponent = print' notation x
            let exponentText =
                if notation.SuperscriptDelimits then printedExponent.Text
                else atLeast notation Level.Atom false printedExponent
            printed (baseText + notation.Superscript exponentText) Level.Power false

    /// One factor of a product's numerator or denominator (a positive power).
    and private factor (notation: Notation) (f: Expr) : string =
        match f.Node with
        | Power(b, x) -> atLeast notation Level.Power false (power notation b x)
        | _ -> atLeast notation Level.Power false (print' notation f)

    /// coefficient * factors, with numeric negative powers (and a rational coefficient's
    /// denominator) written as a quotient: -2*x/(3*y^2).
    and private product (notation: Notation) (coefficient: Number) (factors: Expr list) : PrintedForm =
        let negative = Number.isNegative coefficient
        let magnitude = if negative then Number.neg coefficient else coefficient
        let numeratorCoefficient, denominatorCoefficient =
            match magnitude with
            | Exact(p, q) -> (if p.IsOne then [] else [ integerText p ]), (if q.IsOne then [] else [ integerText q ])
            | Real v -> [ (notation.Real v).Text ], []
        let numerator, denominator =
            factors
            |> List.fold
                (fun (num, den) f ->
                    match f.Node with
                    | Power(b, x) ->
                        match negativeExponent b x with
                        | Some k when Number.isOne k -> num, den @ [ factor notation b ]
                        | Some k -> num, den @ [ atLeast notation Level.Power false (power notation b (Expr.ofNumber k)) ]
                        | None -> num @ [ factor notation f ], den
                    | _ -> num @ [ factor notation f ], den)
                ([], [])
        let numerator = numeratorCoefficient @ numerator
        let denominator = denominatorCoefficient @ denominator
        let sign = if negative then "-" else ""
        let text = if denominator.IsEmpty then notation.Factors numerator else notation.Quotient numerator denominator
        printed (sign + text) Level.Multiplicative negative

    /// Terms joined by + and -, a negative coefficient after the first term becoming subtraction.
    and private sum (notation: Notation) (terms: Expr list) : PrintedForm =
        let split (t: Expr) : PrintedForm * PrintedForm option =
            // The term as printed, and its negation when its sign is negative.
            match t.Node with
            | Node.Number n when Number.isNegative n -> print' notation t, Some(number notation (Number.neg n))
            | Product(Coefficient(c, rest)) when Number.isNegative c -> print' notation t, Some(product notation (Number.neg c) rest)
            | _ -> print' notation t, None
        let parts = terms |> List.map split
        let text =
            parts
            |> List.mapi (fun i (p, negated) ->
                match i, negated with
                | 0, _ -> atLeast notation Level.Additive true p
                | _, Some m -> " - " + atLeast notation Level.Multiplicative false m
                | _, None -> " + " + atLeast notation Level.Multiplicative false p)
            |> String.concat ""
        printed text Level.Additive (fst parts.Head).Negative

    /// The expression written in the notation.
    let print (notation: Notation) (e: Expr) : string = (print' notation e).Text
