namespace Latent.Symbolic

open System.Collections.Generic
open System.Numerics

/// Simplification for display. The smart constructors keep every expression canonical but never
/// expand or factor, so a derivative comes out as a long sum of products that share factors.
/// These rewrites pull common factors out of sums and multiply sums out, and `compact` keeps
/// whichever form prints shortest. Every result is an ordinary canonical Expr with the same value.
[<RequireQualifiedAccess>]
module Simplify =
    /// Most terms the expansion of one node may have; a node that would have more stays as it is,
    /// so (a + b)^50 or a product of many sums cannot blow up.
    [<Literal>]
    let MaxTerms = 64

    /// Largest power of a sum that expansion multiplies out. (r/re - kappa)^20 in an EAM function
    /// would expand to 21 terms of binomial coefficients that no reader wants and that only cost time.
    [<Literal>]
    let MaxPower = 6

    let private termsOf (e: Expr) =
        match e.Node with
        | Sum ts -> ts
        | _ -> [ e ]

    /// A term of a sum as its numeric coefficient, its other factors as (base, exponent) pairs,
    /// and the argument of its exp factor (the product constructor merges exps into one).
    type private Term =
        { Coefficient: Number
          Powers: (Expr * Expr) list
          ExpArgument: Expr option }

    let private decompose (t: Expr) : Term =
        let coefficient, factors =
            match t.Node with
            | Number n -> n, []
            | Product(f :: rest) ->
                match f.Node with
                | Number n -> n, rest
                | _ -> Number.one, f :: rest
            | _ -> Number.one, [ t ]
        let exps, others = factors |> List.partition (fun f -> match f.Node with Apply(Exp, _) -> true | _ -> false)
        { Coefficient = coefficient
          Powers =
            others
            |> List.map (fun f ->
                match f.Node with
                | Power(b, e) -> b, e
                | _ -> f, Expr.one)
          ExpArgument = exps |> List.tryHead |> Option.map (fun f -> (Expr.children f).Head) }

    let private numberOf (e: Expr) =
        match e.Node with
        | Number n -> Some n
        | _ -> None

    /// Bases present in every term, each with the smallest exponent when all exponents are numbers
    /// (r^-2 and r^-1 give r^-2) or with the exponent they all share otherwise. With denominators,
    /// also a base missing from some terms but with a negative numeric exponent in others, at
    /// that smallest exponent (a missing base counts as exponent 0): the common denominator.
    /// Numeric bases (2^(1/2)) stay in the terms: they belong with the coefficient, and the
    /// inverse of 0^-1 would fold to 0 instead of cancelling.
    let private commonPowers (denominators: bool) (terms: Term list) : Expr list =
        // Only a base in every term, or (for denominators) one with a negative numeric exponent
        // somewhere, can be common: filtering by one count first keeps a sum of thousands of
        // distinct terms linear instead of scanning every term for every base.
        let count = Dictionary<Expr, int>(HashIdentity.Reference)
        let negative = HashSet<Expr>(HashIdentity.Reference)
        for t in terms do
            for b, x in t.Powers do
                count.[b] <- (match count.TryGetValue b with | true, c -> c | _ -> 0) + 1
                if numberOf x |> Option.exists Number.isNegative then negative.Add b |> ignore
        let candidate (b: Expr) = count.[b] = terms.Length || (denominators && negative.Contains b)
        let bases = terms |> List.collect (fun t -> List.map fst t.Powers) |> List.filter (fun b -> not (Expr.isNumber b) && candidate b) |> List.distinct
        bases
        |> List.choose (fun b ->
            let exponents = terms |> List.map (fun t -> t.Powers |> List.tryFind (fun (b2, _) -> b2 = b) |> Option.map snd)
            let numbers = exponents |> List.map (Option.bind numberOf)
            let present = exponents |> List.choose id
            if present.Length = terms.Length then
                if List.forall Option.isSome numbers then Some(Expr.pow b (Expr.ofNumber (numbers |> List.choose id |> List.min)))
                elif present |> List.forall (fun x -> x = present.Head) then Some(Expr.pow b present.Head)
                else None
            else
                // Exponents of the terms that have the base; all must be numbers.
                let given = List.zip exponents numbers |> List.choose (fun (e, n) -> if e.IsSome then Some n else None)
                if denominators && List.forall Option.isSome given then
                    let smallest = given |> List.choose id |> List.min
                    if Number.isNegative smallest then Some(Expr.pow b (Expr.ofNumber smallest)) else None
                else None)

    /// exp of the terms shared by every term's exp argument: exp(-2*z*r + 1) and exp(-2*z*r)
    /// share exp(-2*z*r). Zero (exp(0) = 1) when some term has no exp factor.
    let private commonExponent (terms: Term list) : Expr =
        match terms |> List.map (fun t -> t.ExpArgument) with
        | Some first :: rest when rest |> List.forall Option.isSome ->
            let others = rest |> List.map (fun a -> HashSet<Expr>(termsOf (Option.get a)))
            termsOf first |> List.filter (fun a -> others |> List.forall (fun s -> s.Contains a)) |> Expr.sum
        | _ -> Expr.zero

    /// The numeric factor common to all coefficients: −1 when all are negative, times (for exact
    /// rationals only) the largest rational that leaves them all integers with no common divisor,
    /// as 2 for 2, 4 and 1/6 for 1/2, 1/3; with integerOnly, the largest integer that divides
    /// them all, leaving fractions in the terms (2 for 2/3, 4).
    let private commonCoefficient (integerOnly: bool) (coefficients: Number list) : Number =
        let magnitude =
            let exact = coefficients |> List.choose (function Exact(n, d) -> Some(BigInteger.Abs n, d) | Real _ -> None)
            if exact.Length < coefficients.Length then Number.one
            else
                let numerators = exact |> List.map fst |> List.reduce (fun a b -> BigInteger.GreatestCommonDivisor(a, b))
                let denominators = exact |> List.map snd |> List.reduce (fun a b -> a / BigInteger.GreatestCommonDivisor(a, b) * b)
                if integerOnly then Number.rational numerators BigInteger.One else Number.rational numerators denominators
        if coefficients |> List.forall Number.isNegative then Number.neg magnitude else magnitude

    /// The factor common to every term of a sum and the sum of the terms divided by it, or None
    /// when nothing (but 1) is common or e is not a sum.
    let private factorOut (integerOnly: bool) (denominators: bool) (e: Expr) : (Expr * Expr) option =
        match e.Node with
        | Sum ts ->
            let terms = ts |> List.map decompose
            let common =
                Expr.product
                    (Expr.ofNumber (commonCoefficient integerOnly (terms |> List.map (fun t -> t.Coefficient)))
                     :: Expr.exp (commonExponent terms)
                     :: commonPowers denominators terms)
            if Expr.isOne common then None
            else
                let inverse = Expr.reciprocal common
                Some(common, ts |> List.map (fun t -> Expr.product [ t; inverse ]) |> Expr.sum)
        | _ -> None

    /// Every sum with the factors common to all its terms pulled out (sign, rational content,
    /// shared bases at their smallest exponent, shared exp factors), innermost sums first.
    let factorCommon (e: Expr) : Expr =
        e
        |> Expr.transform (fun x ->
            match factorOut false false x with
            | Some(common, cofactor) -> Expr.product [ common; cofactor ]
            | None -> x)

    /// A sum, or a sum to a positive integer power: a factor that distribution multiplies out.
    let private isExpandable (f: Expr) =
        match f.Node with
        | Sum _ -> true
        | Power(b, Expr.Num k) ->
            match b.Node with
            | Sum _ -> Number.isInteger k && not (Number.isNegative k) && Number.toFloat k <= float MaxPower
            | _ -> false
        | _ -> false

    /// The node with its sum factors (and positive integer powers of sums) multiplied out, its
    /// children taken as they are; None when that would exceed MaxTerms terms at any step.
    let rec private distribute (e: Expr) : Expr option =
        let factors =
            match e.Node with
            | Product fs -> fs
            | _ -> [ e ]
        let sums, others = factors |> List.partition isExpandable
        if sums.IsEmpty then Some e
        else
            // Each sum factor as (its terms, how many times it multiplies).
            let multiplicands =
                sums
                |> List.map (fun f ->
                    match f.Node with
                    | Power(b, Expr.Num k) -> termsOf b, int (Number.toFloat k)
                    | _ -> termsOf f, 1)
            let times (acc: Expr list option) (terms: Expr list) =
                match acc with
                | Some xs when xs.Length * terms.Length <= MaxTerms ->
                    let products = [ for x in xs do for t in terms -> Expr.product [ x; t ] ]
                    // Like bases merging can bring a sum back (sqrt(s)*sqrt(s) = s, s^(3/2)*s^(3/2) = s^3):
                    // multiply it out too, or leave that one term as it is if it is too big.
                    let s = products |> List.map (fun p -> defaultArg (distributeIfNeeded p) p) |> Expr.sum
                    if (termsOf s).Length <= MaxTerms then Some(termsOf s) else None
                | _ -> None
            multiplicands
            |> List.fold (fun acc (terms, k) -> Seq.fold (fun a _ -> times a terms) acc (seq { 1..k })) (Some [ Expr.product others ])
            |> Option.map Expr.sum

    and private distributeIfNeeded (p: Expr) =
        match p.Node with
        | Product fs when List.exists isExpandable fs -> distribute p
        | Power _ when isExpandable p -> distribute p
        | _ -> Some p

    /// Products distributed over sums and positive integer powers of sums multiplied out, in
    /// every subexpression (function arguments and denominators too), like terms collected.
    /// A node whose expansion would exceed MaxTerms terms is left unexpanded.
    let expand (e: Expr) : Expr =
        e
        |> Expr.transform (fun x ->
            if isExpandable x || (match x.Node with Product fs -> List.exists isExpandable fs | _ -> false) then
                defaultArg (distribute x) x
            else x)

    /// The polynomial expansion of e over its sums, products and positive integer powers, leaving
    /// everything else (function calls, negative or symbolic powers) as an opaque atom; None past
    /// MaxTerms. This is the expansion compact tries: it does not undo choices made inside atoms.
    let private expandPolynomial (memo: Dictionary<Expr, Expr option>) (e: Expr) : Expr option =
        let rec go (x: Expr) : Expr option =
            match memo.TryGetValue x with
            | true, r -> r
            | _ ->
                let all (xs: Expr list) =
                    let ys = List.map go xs
                    if List.forall Option.isSome ys then Some(List.map Option.get ys) else None
                let r =
                    match x.Node with
                    | Sum ts ->
                        all ts |> Option.map Expr.sum |> Option.filter (fun s -> (termsOf s).Length <= MaxTerms)
                    | Product fs -> all fs |> Option.bind (Expr.product >> distribute)
                    | Power(b, (Expr.Num k as n)) when Number.isInteger k && not (Number.isNegative k) && Number.toFloat k <= float MaxPower ->
                        go b |> Option.bind (fun b -> distribute (Expr.pow b n))
                    | _ -> Some x
                memo.[x] <- r
                r
        go e

    let private printedLength (e: Expr) = (Infix.print e).Length

    /// What compact minimises: the printed length, then the number of nodes (x*(y + z) over
    /// x*y + x*z, which print equally long).
    let private size (e: Expr) = printedLength e, Expr.treeSize e

    /// The smallest candidate; the earliest among equals, so the choice is deterministic.
    let private smallest (candidates: Expr list) : Expr =
        candidates
        |> List.map (fun c -> c, size c)
        |> List.reduce (fun (best, n) (c, m) -> if m < n then c, m else best, n)
        |> fst

    /// Both ways of taking common factors out: with the rational content (x/6 + y/4 as
    /// (2*x + 3*y)/12) and with its integer part only (x/6 + y/4 as it is). Both take the common
    /// denominator out too (see together).
    let private factorings (e: Expr) =
        [ factorOut false true e; factorOut true true e ] |> List.choose id |> List.distinct

    let private hasDenominator (common: Expr) =
        Expr.postOrder [ common ]
        |> List.exists (fun f ->
            match f.Node with
            | Power(b, Expr.Num k) -> Number.isNegative k && not (Expr.isNumber b)
            | _ -> false)

    /// Forms of a sum compact builds (an expansion, a group of terms), for it to choose from: with
    /// common factors out and, if its terms have a common denominator, only with that out, so that
    /// a sum of fractions becomes one fraction over a polynomial: -(1 + r*z + r^2*z^2)/r^2, not
    /// -(1/r^2 + z/r + z^2), which prints shorter but hides the polynomial. A sum the input had
    /// keeps its own form among the candidates, so 1/r + x stays as it is.
    let private together (e: Expr) : Expr list =
        let factored = factorings e
        let forms = factored |> List.map (fun (c, f) -> Expr.product [ c; f ])
        if factored |> List.exists (fst >> hasDenominator) then forms else e :: forms

    let private tidy (e: Expr) = smallest (together e)

    /// The smallest form of a sum whose terms are already compact: as it is (for a sum compact
    /// built itself, only together), common factors out, those with the cofactor expanded,
    /// expanded, and with its terms grouped by exp factor.
    let rec private compactSum (memo: Dictionary<Expr, Expr option>) (built: bool) (s: Expr) : Expr =
        let expandedDifferent (x: Expr) =
            match expandPolynomial memo x with
            | Some y when y <> x -> Some y
            | _ -> None
        let expanded = expandedDifferent s
        smallest
            [ yield! (if built then together s else [ s ])
              for common, cofactor in factorings s do
                  yield Expr.product [ common; cofactor ]
                  match expandedDifferent cofactor with
                  | Some y -> yield Expr.product [ common; tidy y ]
                  | None -> ()
              match expanded with
              | Some y -> yield tidy y
              | None -> ()
              for x in s :: Option.toList expanded do
                  match groupedByExponential memo x with
                  | Some g -> yield g
                  | None -> () ]

    /// A sum of terms with different exp factors (1/r - (1/r + z)*exp(-2*r*z) + ...), each group
    /// of terms sharing one exp factor compacted on its own: nothing is common to all terms, but
    /// much is common within a group. None when there is only one group or no group to combine.
    and private groupedByExponential (memo: Dictionary<Expr, Expr option>) (s: Expr) : Expr option =
        match s.Node with
        | Sum ts ->
            let groups = ts |> List.groupBy (fun t -> (decompose t).ExpArgument)
            if groups.Length < 2 || groups |> List.forall (fun (_, g) -> g.Length = 1) then None
            else
                groups
                |> List.map (fun (_, g) -> match g with [ single ] -> single | _ -> compactSum memo true (Expr.sum g))
                |> Expr.sum
                |> Some
        | _ -> None

    let private compactOnce (e: Expr) : Expr =
        let memo = Dictionary<Expr, Expr option>(HashIdentity.Reference)
        e
        |> Expr.transform (fun x ->
            match x.Node with
            | Sum _ -> compactSum memo false x
            | _ -> x)

    /// The display form: innermost sums first, each sum as the smallest (printed length, then
    /// nodes) of itself, its common factors out, that with the remaining cofactor expanded (and
    /// re-factored), its expansion, and its terms grouped by exp factor. Repeated while the whole
    /// gets strictly smaller, so the result never prints longer than e and compact is idempotent.
    let compact (e: Expr) : Expr =
        let rec loop (current: Expr) currentSize =
            let next = compactOnce current
            let nextSize = size next
            if nextSize < currentSize then loop next nextSize else current
        loop e (size e)
