namespace Latent.Symbolic

open System
open System.Collections.Concurrent
open System.Collections.Generic

/// Functions of one argument. sqrt is not here: it is the power 1/2, so that powers combine
/// (sqrt(x)*sqrt(x) = x) and one differentiation rule covers it; printers show it as sqrt again.
type Func =
    | Exp
    | Log
    | Sin
    | Cos
    | Tanh
    | Erf
    | Erfc
    | Abs

/// Comparisons used inside select(condition, a, b). They evaluate to 1 (true) or 0 (false).
type Relation =
    | Less
    | LessEqual
    | Greater
    | GreaterEqual

/// Names and values of functions and relations, defined once for every printer, folder and interpreter.
[<RequireQualifiedAccess>]
module FuncInfo =
    /// Lower-case name, as the text form and emitters' math libraries spell it.
    let name (f: Func) =
        match f with
        | Exp -> "exp"
        | Log -> "log"
        | Sin -> "sin"
        | Cos -> "cos"
        | Tanh -> "tanh"
        | Erf -> "erf"
        | Erfc -> "erfc"
        | Abs -> "abs"

    /// The function's value in double precision (erf and erfc from MathNet.Numerics).
    let apply (f: Func) (v: float) : float =
        match f with
        | Exp -> Math.Exp v
        | Log -> Math.Log v
        | Sin -> Math.Sin v
        | Cos -> Math.Cos v
        | Tanh -> Math.Tanh v
        | Erf -> MathNet.Numerics.SpecialFunctions.Erf v
        | Erfc -> MathNet.Numerics.SpecialFunctions.Erfc v
        | Abs -> Math.Abs v

    /// The relation as the text form writes it.
    let relationText (r: Relation) =
        match r with
        | Less -> "<"
        | LessEqual -> "<="
        | Greater -> ">"
        | GreaterEqual -> ">="

/// An expression: a hash-consed node of the one expression union `Node`. Every Expr is built
/// through the smart constructors of the `Expr` module, which simplify and intern, so that
/// structurally equal expressions are the same object: equality and hashing are O(1) and a
/// repeated subexpression is stored once (expressions are DAGs, never blown-up trees).
[<Sealed>]
type Expr internal (node: Node, hash: int, free: Set<string>) =
    /// The node: what kind of expression this is, with its children.
    member _.Node = node
    /// Symbols the expression depends on (named constants such as pi excluded).
    member _.FreeSymbols = free
    member internal _.Hash = hash

    override _.GetHashCode() = hash

    override this.Equals(other: obj) =
        match other with
        | :? Expr as e -> obj.ReferenceEquals(this, e) || (hash = e.Hash && node = e.Node)
        | _ -> false

    interface IEquatable<Expr> with
        member this.Equals(e: Expr) = obj.ReferenceEquals(this, e) || (hash = e.Hash && node = e.Node)

    interface IComparable<Expr> with
        member this.CompareTo(e: Expr) = ExprOrder.Compare(this, e)

    interface IComparable with
        member this.CompareTo(o: obj) =
            match o with
            | :? Expr as e -> ExprOrder.Compare(this, e)
            | _ -> invalidArg "o" "not an Expr"

    override this.ToString() = ExprOrder.Describe this

/// The one expression union. Sums and products are n-ary, flattened and sorted; subtraction is
/// a sum with a −1 coefficient and division a product with a −1 power.
and [<CustomEquality; NoComparison>] Node =
    | Number of Number
    | Symbol of string
    | Sum of Expr list
    | Product of Expr list
    | Power of Expr * Expr
    | Apply of Func * Expr
    | Compare of Relation * Expr * Expr
    | Select of Expr * Expr * Expr

    // Children are interned, so comparing them by reference is exact.
    override this.Equals(other: obj) =
        match other with
        | :? Node as o ->
            let same (a: Expr) (b: Expr) = obj.ReferenceEquals(a, b) || a.Equals b
            let rec sameList xs ys =
                match xs, ys with
                | [], [] -> true
                | x :: xs, y :: ys -> same x y && sameList xs ys
                | _ -> false
            match this, o with
            | Number a, Number b -> a.Equals b
            | Symbol a, Symbol b -> String.Equals(a, b, StringComparison.Ordinal)
            | Sum a, Sum b -> sameList a b
            | Product a, Product b -> sameList a b
            | Power(a, b), Power(c, d) -> same a c && same b d
            | Apply(f, a), Apply(g, b) -> f = g && same a b
            | Compare(r, a, b), Compare(s, c, d) -> r = s && same a c && same b d
            | Select(a, b, c), Select(d, e, f) -> same a d && same b e && same c f
            | _ -> false
        | _ -> false

    override this.GetHashCode() =
        let inline mix (h: int) (x: int) = (h * 397) ^^^ x
        let listHash seed (xs: Expr list) = xs |> List.fold (fun h (e: Expr) -> mix h e.Hash) seed
        match this with
        | Number n -> mix 1 (n.GetHashCode())
        | Symbol s -> mix 2 (StringComparer.Ordinal.GetHashCode s)
        | Sum ts -> listHash 3 ts
        | Product fs -> listHash 4 fs
        | Power(b, e) -> mix (mix 5 b.Hash) e.Hash
        | Apply(f, a) -> mix (mix 6 (int (f.GetHashCode()))) a.Hash
        | Compare(r, a, b) -> mix (mix (mix 7 (r.GetHashCode())) a.Hash) b.Hash
        | Select(c, a, b) -> mix (mix (mix 8 c.Hash) a.Hash) b.Hash

/// The canonical order of expressions. It depends only on structure, never on creation order or
/// hash codes, so sums, products and generated code come out the same in every run.
/// A power sorts by its base, then its exponent (a non-power counts as exponent 1), so x < x^2 < y.
and [<AbstractClass; Sealed>] ExprOrder private () =
    static let rank (n: Node) =
        match n with
        | Number _ -> 0
        | Symbol _ -> 1
        | Product _ -> 2
        | Sum _ -> 3
        | Apply _ -> 4
        | Power _ -> 5
        | Compare _ -> 6
        | Select _ -> 7

    static let one = Number(Exact(Numerics.BigInteger.One, Numerics.BigInteger.One))

    static member Compare(a: Expr, b: Expr) : int =
        if obj.ReferenceEquals(a, b) then 0
        else
            match a.Node, b.Node with
            | Number x, Number y -> compare x y
            | Number _, _ -> -1
            | _, Number _ -> 1
            | Power(b1, e1), Power(b2, e2) -> ExprOrder.Lex [ b1; e1 ] [ b2; e2 ]
            | Power(b1, e1), _ ->
                let c = ExprOrder.Compare(b1, b)
                if c <> 0 then c else ExprOrder.CompareNodeWithOne(e1.Node)
            | _, Power(b2, e2) ->
                let c = ExprOrder.Compare(a, b2)
                if c <> 0 then c else -ExprOrder.CompareNodeWithOne(e2.Node)
            | Symbol x, Symbol y -> String.CompareOrdinal(x, y) |> sign
            | Sum xs, Sum ys
            | Product xs, Product ys -> ExprOrder.Lex xs ys
            | Apply(f, x), Apply(g, y) ->
                let c = compare f g
                if c <> 0 then c else ExprOrder.Compare(x, y)
            | Compare(r, x1, y1), Compare(s, x2, y2) ->
                let c = compare r s
                if c <> 0 then c else ExprOrder.Lex [ x1; y1 ] [ x2; y2 ]
            | Select(c1, a1, b1), Select(c2, a2, b2) -> ExprOrder.Lex [ c1; a1; b1 ] [ c2; a2; b2 ]
            | x, y -> compare (rank x) (rank y)

    /// Order of an exponent against the implicit exponent 1 of a non-power.
    static member private CompareNodeWithOne(e: Node) =
        match e with
        | Number n -> compare n (Exact(Numerics.BigInteger.One, Numerics.BigInteger.One))
        | _ -> 1

    static member private Lex (xs: Expr list) (ys: Expr list) =
        match xs, ys with
        | [], [] -> 0
        | [], _ -> -1
        | _, [] -> 1
        | x :: xs, y :: ys ->
            let c = ExprOrder.Compare(x, y)
            if c <> 0 then c else ExprOrder.Lex xs ys

    /// A plain, unambiguous rendering for debugging; the real printers live in Infix and Latex.
    static member Describe(e: Expr) : string =
        let list name (xs: Expr list) = name + "(" + String.Join(", ", xs |> List.map ExprOrder.Describe) + ")"
        match e.Node with
        | Number n -> n.ToString()
        | Symbol s -> s
        | Sum ts -> list "sum" ts
        | Product fs -> list "product" fs
        | Power(b, x) -> list "pow" [ b; x ]
        | Apply(f, x) -> (sprintf "%A" f).ToLowerInvariant() + "(" + ExprOrder.Describe x + ")"
        | Compare(r, x, y) -> list (sprintf "%A" r) [ x; y ]
        | Select(c, x, y) -> list "select" [ c; x; y ]

    static member internal One = one

/// Interning: one Expr object per distinct node. The table only grows; expressions in this domain
/// number in the tens of thousands, and equality stays correct (structural) even without it.
module internal Intern =
    let private table = ConcurrentDictionary<Node, Expr>()

    /// Symbols that are named constants, not variables.
    let constants = set [ "pi" ]

    let private freeOf (node: Node) =
        let union (xs: Expr list) = xs |> List.fold (fun s (e: Expr) -> Set.union s e.FreeSymbols) Set.empty
        match node with
        | Number _ -> Set.empty
        | Symbol s -> if constants.Contains s then Set.empty else Set.singleton s
        | Sum xs
        | Product xs -> union xs
        | Power(a, b)
        | Compare(_, a, b) -> union [ a; b ]
        | Apply(_, a) -> a.FreeSymbols
        | Select(c, a, b) -> union [ c; a; b ]

    let node (n: Node) : Expr = table.GetOrAdd(n, fun n -> Expr(n, n.GetHashCode(), freeOf n))

    let count () = table.Count

/// Smart constructors: the only way to build expressions. Each one simplifies as it builds
/// (constant folding, flattening, like terms and like powers, canonical order), so an expression
/// is always in canonical form and equal forms are one object.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Expr =
    let ofNumber (n: Number) = Intern.node (Number n)
    let zero = ofNumber Number.zero
    let one = ofNumber Number.one
    let minusOne = ofNumber Number.minusOne
    let ofInt (i: int) = ofNumber (Number.ofInt i)
    let ofFloat (v: float) = ofNumber (Number.ofFloat v)
    let half = ofNumber (Number.rational Numerics.BigInteger.One (Numerics.BigInteger 2))
    let rational (n: int) (d: int) = ofNumber (Number.rational (Numerics.BigInteger n) (Numerics.BigInteger d))

    /// A variable or parameter. Names are not validated here; the parser decides what is a name.
    let symbol (name: string) = Intern.node (Symbol name)
    let pi = symbol "pi"
    /// Names that denote constants rather than variables.
    let constantNames = Intern.constants

    let (|Num|_|) (e: Expr) = match e.Node with Number n -> Some n | _ -> None
    let isNumber (e: Expr) = match e.Node with Number _ -> true | _ -> false
    let isZero (e: Expr) = match e.Node with Number n -> Number.isZero n | _ -> false
    let isOne (e: Expr) = match e.Node with Number n -> Number.isOne n | _ -> false
    let isIntegerNumber (e: Expr) = match e.Node with Number n -> Number.isInteger n | _ -> false

    /// Numeric coefficient and the rest of a term: 3*x*y -> (3, x*y); x -> (1, x).
    let private splitCoefficient (t: Expr) =
        match t.Node with
        | Product((Num c) :: rest) ->
            match rest with
            | [ single ] -> c, single
            | _ -> c, Intern.node (Product rest)
        | _ -> Number.one, t

    /// c * rest for rest already canonical and free of a coefficient.
    let private withCoefficient (c: Number) (rest: Expr) =
        if Number.isOne c then rest
        elif Number.isZero c then zero
        else
            match rest.Node with
            | Number n -> ofNumber (Number.mul c n)
            | Product fs -> Intern.node (Product(ofNumber c :: fs))
            | _ -> Intern.node (Product [ ofNumber c; rest ])

    let private sorted (xs: seq<Expr>) = xs |> Seq.sortWith (fun a b -> ExprOrder.Compare(a, b)) |> List.ofSeq

    let private isEvenRootExponent (e: Expr) =
        match e.Node with
        | Number(Exact(_, d)) -> not d.IsOne && d.IsEven
        | _ -> false

    /// The undefined value, NaN: what 0·(1/0) and ∞ − ∞ are, as IEEE doubles compute them.
    let undefined = ofNumber (Real Double.NaN)

    let private isNaN (e: Expr) = match e.Node with Number(Real v) -> Double.IsNaN v | _ -> false

    /// A division by zero inside e: a power of the number 0 with a negative exponent (what 1/0 is
    /// once built), or NaN. Zero cannot absorb it: 0·(1/0) is undefined, not 0.
    let divisionByZero (e: Expr) : Expr option =
        let seen = HashSet<Expr>(HashIdentity.Reference)
        let rec find (x: Expr) =
            if not (seen.Add x) then None
            else
                match x.Node with
                | Power(b, p) when isZero b && (match p.Node with Number n -> Number.isNegative n | _ -> false) -> Some x
                | Number(Real v) when Double.IsNaN v -> Some x
                | Number _ | Symbol _ -> None
                | Sum xs | Product xs -> List.tryPick find xs
                | Power(a, b) | Compare(_, a, b) -> match find a with Some f -> Some f | None -> find b
                | Apply(_, a) -> find a
                | Select(c, a, b) -> List.tryPick find [ c; a; b ]
        find e

    /// Sum of terms: flattens nested sums, adds numbers, collects like terms (2x + 3x = 5x).
    let rec sum (terms: seq<Expr>) : Expr =
        let coefficients = Dictionary<Expr, Number>()
        let mutable constant = Number.zero
        let rec add (t: Expr) =
            match t.Node with
            | Sum ts -> List.iter add ts
            | Number n -> constant <- Number.add constant n
            | _ ->
                let c, rest = splitCoefficient t
                match coefficients.TryGetValue rest with
                | true, c0 -> coefficients.[rest] <- Number.add c0 c
                | _ -> coefficients.[rest] <- c
        Seq.iter add terms
        let body = [ for kv in coefficients do if not (Number.isZero kv.Value) then withCoefficient kv.Value kv.Key ] |> sorted
        let all = if Number.isZero constant then body else ofNumber constant :: body
        // NaN absorbs everything, as in IEEE arithmetic; and 1/0 − 1/0 is ∞ − ∞, undefined rather than 0.
        let cancelledPole () = coefficients |> Seq.exists (fun kv -> Number.isZero kv.Value && (divisionByZero kv.Key).IsSome)
        if Double.IsNaN(Number.toFloat constant) || cancelledPole () then undefined
        else
            match all with
            | [] -> zero
            | [ single ] -> single
            | many -> Intern.node (Sum many)

    /// Product of factors: flattens, multiplies numbers, collects like bases (x*x^2 = x^3) and
    /// merges exponentials (exp(a)*exp(b) = exp(a+b)).
    and product (factors: seq<Expr>) : Expr =
        let exponents = Dictionary<Expr, ResizeArray<Expr>>()
        let baseOrder = ResizeArray<Expr>()
        let expArguments = ResizeArray<Expr>()
        let mutable coefficient = Number.one
        let addPower (b: Expr) (e: Expr) =
            match exponents.TryGetValue b with
            | true, es -> es.Add e
            | _ ->
                exponents.[b] <- ResizeArray [ e ]
                baseOrder.Add b
        let rec add (f: Expr) =
            match f.Node with
            | Product fs -> List.iter add fs
            | Number n -> coefficient <- Number.mul coefficient n
            | Apply(Exp, a) -> expArguments.Add a
            | Power(b, e) -> addPower b e
            | _ -> addPower f one
        Seq.iter add factors
        if Number.isZero coefficient then
            // 0·f is 0 only where f is defined: a factor that divides by zero makes the product undefined.
            if factors |> Seq.exists (fun f -> (divisionByZero f).IsSome) then undefined else zero
        elif Double.IsNaN(Number.toFloat coefficient) then undefined
        else
            let powers = [ for b in baseOrder -> pow b (sum exponents.[b]) ]
            let powers = if expArguments.Count = 0 then powers else apply Exp (sum expArguments) :: powers
            if powers |> List.exists (fun p -> match p.Node with Product _ | Number _ -> true | _ -> false) then
                // A power folded to a number, or distributed over a product: combine once more.
                product (ofNumber coefficient :: powers)
            else
                let rest = powers |> List.filter (fun p -> not (isOne p)) |> sorted
                match rest with
                | [] -> ofNumber coefficient
                | [ single ] -> withCoefficient coefficient single
                | many -> withCoefficient coefficient (Intern.node (Product many))

    /// b^e: folds numbers exactly where possible; (x^a)^n = x^(a*n) for integer n (and for any
    /// exponent when x^a is an even root, hence non-negative); (x*y)^n = x^n*y^n for integer n;
    /// exp(a)^e = exp(a*e).
    and pow (b: Expr) (e: Expr) : Expr =
        match b.Node, e.Node with
        | _, Number n when Number.isZero n -> one
        | _, Number n when Number.isOne n -> b
        | _ when isNaN b || isNaN e -> undefined
        | Number x, Number y ->
            match Number.tryPow x y with
            | Some r -> ofNumber r
            | None -> Intern.node (Power(b, e))
        | Number x, _ when Number.isOne x -> one
        | Power(b2, e2), _ when isIntegerNumber e || isEvenRootExponent e2 -> pow b2 (product [ e2; e ])
        | Product fs, _ when isIntegerNumber e -> product (fs |> List.map (fun f -> pow f e))
        | Apply(Exp, a), _ -> apply Exp (product [ a; e ])
        | _ -> Intern.node (Power(b, e))

    /// f(x) with the exact identities exp(0) = 1, log(1) = 0, log(exp x) = x, exp(log x) = x,
    /// abs(abs x) = abs x, abs(exp x) = exp x, and folding of functions of non-exact numbers.
    and apply (f: Func) (x: Expr) : Expr =
        let raw () = Intern.node (Apply(f, x))
        match f, x.Node with
        | _, Number(Real v) when Double.IsNaN v -> x
        | (Sin | Tanh | Erf), Number n when Number.isZero n -> zero
        | (Exp | Cos | Erfc), Number n when Number.isZero n -> one
        | Log, Number n when Number.isOne n -> zero
        | Exp, Apply(Log, a) -> a
        | Log, Apply(Exp, a) -> a
        | Abs, Number n -> ofNumber (if Number.isNegative n then Number.neg n else n)
        | Abs, Apply((Abs | Exp), _) -> x
        | _, Number(Real v) ->
            let r = FuncInfo.apply f v
            if Double.IsNaN r || Double.IsInfinity r then raw () else ofFloat r
        | _ -> raw ()

    let add (a: Expr) (b: Expr) = sum [ a; b ]
    let mul (a: Expr) (b: Expr) = product [ a; b ]
    let negate (a: Expr) = product [ minusOne; a ]
    let subtract (a: Expr) (b: Expr) = sum [ a; negate b ]
    let reciprocal (a: Expr) = pow a minusOne
    let divide (a: Expr) (b: Expr) = product [ a; reciprocal b ]
    let sqrt (a: Expr) = pow a half
    let exp a = apply Exp a
    let log a = apply Log a
    let sin a = apply Sin a
    let cos a = apply Cos a
    let tanh a = apply Tanh a
    let erf a = apply Erf a
    let erfc a = apply Erfc a
    let abs a = apply Abs a

    /// A comparison; folds to 1 or 0 when both sides are numbers, or when they are equal.
    let compare (r: Relation) (a: Expr) (b: Expr) : Expr =
        match a.Node, b.Node with
        | Number x, Number y ->
            let c = Operators.compare (Number.toFloat x) (Number.toFloat y)
            let holds =
                match r with
                | Less -> c < 0
                | LessEqual -> c <= 0
                | Greater -> c > 0
                | GreaterEqual -> c >= 0
            if holds then one else zero
        | _ when a = b -> (match r with LessEqual | GreaterEqual -> one | Less | Greater -> zero)
        | _ -> Intern.node (Compare(r, a, b))

    /// select(condition, a, b): a where the condition is non-zero, b elsewhere.
    let select (condition: Expr) (a: Expr) (b: Expr) : Expr =
        match condition.Node with
        | Number n -> if Number.isZero n then b else a
        | _ when a = b -> a
        | _ -> Intern.node (Select(condition, a, b))

    let minimum a b = select (compare LessEqual a b) a b
    let maximum a b = select (compare GreaterEqual a b) a b

    /// The direct children of an expression.
    let children (e: Expr) : Expr list =
        match e.Node with
        | Number _
        | Symbol _ -> []
        | Sum xs
        | Product xs -> xs
        | Power(a, b)
        | Compare(_, a, b) -> [ a; b ]
        | Apply(_, a) -> [ a ]
        | Select(c, a, b) -> [ c; a; b ]

    /// Rebuilds a node from new children through the smart constructors (so it re-simplifies).
    let rebuild (e: Expr) (newChildren: Expr list) : Expr =
        match e.Node, newChildren with
        | (Number _ | Symbol _), _ -> e
        | Sum _, xs -> sum xs
        | Product _, xs -> product xs
        | Power _, [ a; b ] -> pow a b
        | Apply(f, _), [ a ] -> apply f a
        | Compare(r, _, _), [ a; b ] -> compare r a b
        | Select _, [ c; a; b ] -> select c a b
        | _ -> invalidArg "newChildren" "wrong number of children for this node"

    /// Bottom-up rewrite of a DAG, visiting every distinct node once. `rule` sees the node rebuilt
    /// from rewritten children and returns its replacement.
    let transform (rule: Expr -> Expr) (e: Expr) : Expr =
        let memo = Dictionary<Expr, Expr>(HashIdentity.Reference)
        let rec go (x: Expr) =
            match memo.TryGetValue x with
            | true, r -> r
            | _ ->
                let kids = children x
                let rebuilt = if kids.IsEmpty then x else rebuild x (List.map go kids)
                let r = rule rebuilt
                memo.[x] <- r
                r
        go e

    /// Replaces symbols by expressions (simultaneously, not recursively).
    let substitute (bindings: IReadOnlyDictionary<string, Expr>) (e: Expr) : Expr =
        transform (fun x -> match x.Node with Symbol s when bindings.ContainsKey s -> bindings.[s] | _ -> x) e

    /// Whether e depends on the symbol.
    let dependsOn (name: string) (e: Expr) = e.FreeSymbols.Contains name

    /// Every distinct node reachable from the roots, children before parents (a topological order).
    let postOrder (roots: seq<Expr>) : Expr list =
        let seen = HashSet<Expr>(HashIdentity.Reference)
        let order = ResizeArray<Expr>()
        let rec visit (x: Expr) =
            if seen.Add x then
                for c in children x do visit c
                order.Add x
        Seq.iter visit roots
        List.ofSeq order

    /// Number of distinct nodes (the size of the DAG).
    let dagSize (e: Expr) = (postOrder [ e ]).Length

    /// Number of nodes if the DAG were written out as a tree (can be exponential in dagSize).
    let treeSize (e: Expr) : float =
        let memo = Dictionary<Expr, float>(HashIdentity.Reference)
        let rec go (x: Expr) =
            match memo.TryGetValue x with
            | true, s -> s
            | _ ->
                let s = 1.0 + (children x |> List.sumBy go)
                memo.[x] <- s
                s
        go e

/// Arithmetic operators (an intrinsic augmentation: same file, so F# resolves the operators).
type Expr with
    static member (+)(a: Expr, b: Expr) = Expr.add a b
    static member (-)(a: Expr, b: Expr) = Expr.subtract a b
    static member (*)(a: Expr, b: Expr) = Expr.mul a b
    static member (/)(a: Expr, b: Expr) = Expr.divide a b
    static member (~-)(a: Expr) = Expr.negate a
    static member Pow(a: Expr, b: Expr) = Expr.pow a b
