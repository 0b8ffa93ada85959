namespace Latent.Symbolic

open System
open System.Collections.Generic
open System.Text

/// Straight-line programs: many output expressions lowered together into one list of primitive
/// instructions, each distinct subexpression computed once (common-subexpression elimination).
/// The form is language-independent: emitters (C#, scalar and SIMD; C++ later) print it one
/// instruction per statement, and `evaluate` runs it with the same double arithmetic in the same
/// order, so an emitted kernel and this interpreter agree bitwise.
///
/// There is deliberately no fused multiply-add: netstandard2.0 has no Math.FusedMultiplyAdd, so the
/// interpreter could not reproduce a fused rounding, and the .NET JIT never contracts a*b+c on its
/// own, so plain Mul then Add is what emitted scalar and SIMD code computes too.
[<RequireQualifiedAccess>]
module StraightLine =
    /// A value an instruction reads.
    type Operand =
        /// A literal double (always finite when produced by constant folding).
        | Constant of float
        /// A free symbol of the outputs, supplied by the caller.
        | Input of string
        /// The result of instruction number `index` (temporaries are numbered in program order).
        | Temp of index: int

    /// One primitive operation. Comparisons yield 1.0 or 0.0; Select yields `ifTrue` where the
    /// condition is non-zero (NaN counts as non-zero, as `c != 0.0 ? a : b` does in C# and C++).
    [<RequireQualifiedAccess>]
    type Operation =
        | Add of Operand * Operand
        | Sub of Operand * Operand
        | Mul of Operand * Operand
        | Div of Operand * Operand
        | Neg of Operand
        | Sqrt of Operand
        /// General real power, Math.Pow: only for exponents that are not integers or halves.
        | Pow of Operand * Operand
        | Call of Func * Operand
        | Compare of Relation * Operand * Operand
        | Select of condition: Operand * ifTrue: Operand * ifFalse: Operand

    /// `Temp Target = Operation`. Target equals the instruction's index in the program.
    type Instruction = { Target: int; Operation: Operation }

    /// Inputs are the sorted (ordinal) free symbols of all outputs, whether or not constant folding
    /// left each one used, so a kernel's signature depends only on its formulas.
    type Program =
        { Inputs: string list
          Instructions: Instruction array
          Outputs: (string * Operand) list }

    /// Instruction counts by kind, for documentation and benchmarks.
    type Stats =
        { Instructions: int
          Additions: int
          Subtractions: int
          Multiplications: int
          Divisions: int
          Negations: int
          SquareRoots: int
          Powers: int
          /// Calls of each function that occurs (exp, log, erf, ...).
          Calls: Map<Func, int>
          Comparisons: int
          Selects: int }

    /// The operands an operation reads, left to right.
    let operands (op: Operation) : Operand list =
        match op with
        | Operation.Add(a, b)
        | Operation.Sub(a, b)
        | Operation.Mul(a, b)
        | Operation.Div(a, b)
        | Operation.Pow(a, b)
        | Operation.Compare(_, a, b) -> [ a; b ]
        | Operation.Neg a
        | Operation.Sqrt a
        | Operation.Call(_, a) -> [ a ]
        | Operation.Select(c, a, b) -> [ c; a; b ]

    /// One operation on values: the single definition of the arithmetic, shared by constant
    /// folding and the interpreter so that folded constants equal what the program would compute.
    let private apply (op: Operation) (value: Operand -> float) : float =
        match op with
        | Operation.Add(a, b) -> value a + value b
        | Operation.Sub(a, b) -> value a - value b
        | Operation.Mul(a, b) -> value a * value b
        | Operation.Div(a, b) -> value a / value b
        | Operation.Neg a -> -(value a)
        | Operation.Sqrt a -> Math.Sqrt(value a)
        | Operation.Pow(a, b) -> Math.Pow(value a, value b)
        | Operation.Call(f, a) -> Evaluate.func f (value a)
        | Operation.Compare(r, a, b) -> Evaluate.relation r (value a) (value b)
        | Operation.Select(c, a, b) -> if value c <> 0.0 then value a else value b

    /// Lower-case name of a function, as the text form and emitters' math libraries spell it.
    let funcName (f: Func) = FuncInfo.name f

    let private relationText (r: Relation) = FuncInfo.relationText r

    /// Hash-consing key of an operation. Constants compare by bit pattern so that 0.0 and -0.0
    /// (equal as doubles) are never merged.
    let private key (op: Operation) =
        let operandKey o =
            match o with
            | Constant v -> struct (0, BitConverter.DoubleToInt64Bits v, "")
            | Input s -> struct (1, 0L, s)
            | Temp i -> struct (2, int64 i, "")
        let name =
            match op with
            | Operation.Add _ -> "add"
            | Operation.Sub _ -> "sub"
            | Operation.Mul _ -> "mul"
            | Operation.Div _ -> "div"
            | Operation.Neg _ -> "neg"
            | Operation.Sqrt _ -> "sqrt"
            | Operation.Pow _ -> "pow"
            | Operation.Call(f, _) -> funcName f
            | Operation.Compare(r, _, _) -> relationText r
            | Operation.Select _ -> "select"
        name, operands op |> List.map operandKey

    /// The value of a numeric exponent if it is an integer or a half-integer within the range the
    /// reference interpreter does by multiplication (|p| ≤ 64), as twice its value.
    let private doubledSmallExponent (p: Expr) : int option =
        match p.Node with
        | Number n ->
            let twice = 2.0 * Number.toFloat n
            if Math.Round twice = twice && abs twice <= 128.0 then Some(int twice) else None
        | _ -> None

    /// A numeric exponent p with 1 < p < 65 that is not an integer or half-integer, as its whole part
    /// n = ⌊p⌋ and its fraction f = p − n (for a floating-point p an exact subtraction, since n ≥ p/2).
    let private splitExponent (p: Expr) : (int * float) option =
        match p.Node with
        | Number n ->
            let v = Number.toFloat n
            let whole = Math.Floor v
            // The fraction in the exponent's own arithmetic, so that 301/100 and 201/100 share 1/100.
            let fraction = Number.toFloat (Number.add n (Number.ofInt -(int whole)))
            if v > 1.0 && v < 65.0 && fraction > 0.0 && fraction < 1.0 then Some(int whole, fraction) else None
        | _ -> None

    /// A factor that goes to the denominator: a power with a negative integer or half-integer exponent.
    let private isReciprocalFactor (f: Expr) =
        match f.Node with
        | Power(_, p) -> (match doubledSmallExponent p with Some k -> k < 0 | None -> false)
        | _ -> false

    /// b^p with a negative exponent, as the positive power b^-p.
    let private flipPower (f: Expr) =
        match f.Node with
        | Power(b, p) -> Expr.pow b (Expr.negate p)
        | _ -> invalidArg "f" "not a power"

    /// A sum term that is subtracted: a negative number or a product with a negative coefficient.
    let private isNegativeTerm (t: Expr) =
        match t.Node with
        | Number n -> Number.isNegative n
        | Product(c :: _) -> (match c.Node with Number n -> Number.isNegative n | _ -> false)
        | _ -> false

    let private negateTerm (t: Expr) =
        match t.Node with
        | Number n -> Expr.ofNumber (Number.neg n)
        | Product(c :: rest) -> (match c.Node with Number n -> Expr.product (Expr.ofNumber (Number.neg n) :: rest) | _ -> Expr.negate t)
        | _ -> Expr.negate t

    /// Lowers the outputs together. Every distinct expression node is lowered once (memo on Expr),
    /// and every operation is emitted once (memo on operation and operands; for Add and Mul in both
    /// operand orders, which IEEE arithmetic makes equal), so no two instructions compute the same
    /// thing. Instructions come out in the order a depth-first walk of the outputs first needs
    /// them; the walk follows the canonical order of children, so the program is deterministic.
    let build (outputs: (string * Expr) list) : Program =
        match outputs |> List.countBy fst |> List.tryFind (fun (_, n) -> n > 1) with
        | Some(name, _) -> invalidArg "outputs" (sprintf "output '%s' is given more than once" name)
        | None -> ()
        let instructions = ResizeArray<Instruction>()
        let emitted = Dictionary<string * struct (int * int64 * string) list, Operand>(HashIdentity.Structural)
        let lowered = Dictionary<Expr, Operand>(HashIdentity.Structural)
        let products = Dictionary<Expr list, Operand>(HashIdentity.Structural)

        let emit (op: Operation) : Operand =
            let args = operands op
            let allConstant = args |> List.forall (function Constant _ -> true | _ -> false)
            let folded =
                if allConstant then
                    let v = apply op (function Constant c -> c | _ -> nan)
                    // Non-finite results (log 0, 1/0) stay instructions: emitters print finite literals only.
                    if Double.IsNaN v || Double.IsInfinity v then None else Some(Constant v)
                else None
            match folded with
            | Some c -> c
            | None ->
                let k = key op
                match emitted.TryGetValue k with
                | true, t -> t
                | _ ->
                    let t = Temp instructions.Count
                    instructions.Add { Target = instructions.Count; Operation = op }
                    emitted.[k] <- t
                    match op with
                    | Operation.Add(a, b) -> emitted.[key (Operation.Add(b, a))] <- t
                    | Operation.Mul(a, b) -> emitted.[key (Operation.Mul(b, a))] <- t
                    | _ -> ()
                    t

        let mul a b = emit (Operation.Mul(a, b))

        /// b^n for 1 ≤ n ≤ 64 by square-and-multiply over the bits of n, the same products in the
        /// same order as Evaluate.power, so integer powers agree bitwise with the reference. The
        /// squares b^2, b^4, ... are shared by every power of the same base.
        let integerPower (b: Operand) (n: int) : Operand =
            let mutable result = None
            let mutable square = b
            let mutable k = n
            while k > 0 do
                if k &&& 1 = 1 then result <- Some(match result with None -> square | Some r -> mul r square)
                k <- k >>> 1
                if k > 0 then square <- mul square square
            result.Value

        /// 1/x, one division per distinct x (emit shares it): every negative power of x is then a
        /// product of these, as one writes kernels by hand, since a division costs several
        /// multiplications' latency.
        let reciprocal (x: Operand) = emit (Operation.Div(Constant 1.0, x))

        let rec lower (e: Expr) : Operand =
            match lowered.TryGetValue e with
            | true, o -> o
            | _ ->
                let o =
                    match e.Node with
                    | Number n -> Constant(Number.toFloat n)
                    | Symbol s ->
                        match Evaluate.constant s with
                        | Some c -> Constant c
                        | None -> Input s
                    | Sum terms -> lowerSum terms
                    | Product factors -> lowerProduct factors
                    | Power(b, p) -> lowerPower b p
                    | Apply(f, a) -> emit (Operation.Call(f, lower a))
                    | Compare(r, a, b) ->
                        let a = lower a
                        emit (Operation.Compare(r, a, lower b))
                    | Select(c, a, b) ->
                        match lower c with
                        | Constant v -> lower (if v <> 0.0 then a else b)
                        | c ->
                            let a = lower a
                            emit (Operation.Select(c, a, lower b))
                lowered.[e] <- o
                o

        /// Positive terms summed as a balanced tree, negative ones likewise by their magnitude and
        /// subtracted once (a + (-2)*b is a - 2*b): the same number of operations as a left-to-right
        /// chain, but a dependency depth of log2 n instead of n, which is what bounds the speed of a
        /// kernel made of long sums. Terms are lowered in canonical order, so the program is
        /// deterministic.
        and lowerSum (terms: Expr list) : Operand =
            let lowered = terms |> List.map (fun t -> isNegativeTerm t, (if isNegativeTerm t then lower (negateTerm t) else lower t))
            let positives = lowered |> List.filter (fst >> not) |> List.map snd
            let negatives = lowered |> List.filter fst |> List.map snd
            let rec tree (xs: Operand list) =
                match xs with
                | [ x ] -> x
                | _ ->
                    let rec pairs (ys: Operand list) =
                        match ys with
                        | a :: b :: rest -> emit (Operation.Add(a, b)) :: pairs rest
                        | rest -> rest
                    tree (pairs xs)
            match positives, negatives with
            | [], [] -> Constant 0.0
            | ps, [] -> tree ps
            | [], ns -> emit (Operation.Neg(tree ns))
            | ps, ns -> emit (Operation.Sub(tree ps, tree ns))

        /// c * F: F (the coefficient-free part) is computed as its own value and then scaled, so
        /// that 2*x*y and 3*x*y share x*y; -F is Neg(F); c/D is one division.
        /// F itself: numerator factors multiplied left to right, reciprocal factors collected into
        /// one denominator (x*y^-2 is x/(y*y)).
        and lowerProduct (factors: Expr list) : Operand =
            let coefficient, rest =
                match factors with
                | f :: fs -> (match f.Node with Number n -> Some n, fs | _ -> None, factors)
                | [] -> None, []
            let numerators, denominators = rest |> List.partition (isReciprocalFactor >> not)
            // Denominators as products of reciprocals, in canonical order.
            let denominator () =
                denominators
                |> List.map (fun f -> match f.Node with Power(b, p) -> reciprocalPower b (-(doubledSmallExponent p).Value) | _ -> invalidArg "f" "not a power")
                |> List.reduce mul
            match coefficient with
            | Some c when numerators.IsEmpty -> emit (Operation.Mul(Constant(Number.toFloat c), denominator ()))
            | Some c when Number.isMinusOne c -> emit (Operation.Neg(lower (Expr.product rest)))
            | Some c -> emit (Operation.Mul(Constant(Number.toFloat c), lower (Expr.product rest)))
            | None when denominators.IsEmpty -> lowerFactors numerators
            | None when numerators.IsEmpty -> denominator ()
            | None -> mul (lower (Expr.product numerators)) (denominator ())

        /// b^(−k/2) for k > 0: powers of 1/b, times 1/sqrt(b) for odd k.
        and reciprocalPower (b: Expr) (k: int) : Operand =
            let whole = if k / 2 > 0 then Some(integerPower (reciprocal (lower b)) (k / 2)) else None
            let half = if k % 2 = 1 then Some(reciprocal (emit (Operation.Sqrt(lower b)))) else None
            match whole, half with
            | Some w, Some h -> mul w h
            | Some w, None -> w
            | None, Some h -> h
            | None, None -> Constant 1.0

        /// A product of coefficient-free factors, multiplied left to right. The product rule makes
        /// products that differ from an earlier one by one factor (z*u*v next to u*v), so a product
        /// whose factors minus one were already multiplied reuses that value: one Mul instead of a
        /// chain. Every chain prefix is recorded, since each is a product computed anyway.
        and lowerFactors (factors: Expr list) : Operand =
            match products.TryGetValue factors with
            | true, o -> o
            | _ ->
                let arr = List.toArray factors
                let reuse =
                    if arr.Length < 3 then None
                    else
                        seq { 0 .. arr.Length - 1 }
                        |> Seq.tryPick (fun i ->
                            match products.TryGetValue [ for j in 0 .. arr.Length - 1 do if j <> i then arr.[j] ] with
                            | true, o -> Some(if i = 0 then mul (lower arr.[0]) o else mul o (lower arr.[i]))
                            | _ -> None)
                let o =
                    match reuse with
                    | Some o -> o
                    | None ->
                        let mutable acc = lower arr.[0]
                        for k in 1 .. arr.Length - 1 do
                            acc <- mul acc (lower arr.[k])
                            products.[List.ofArray arr.[.. k]] <- acc
                        acc
                products.[factors] <- o
                o

        /// Integer powers by multiplication, halves through one square root (x^(k/2) is
        /// x^(k div 2) * sqrt(x)), negative ones of both kinds as 1/positive power; anything
        /// else is a general Pow.
        and lowerPower (b: Expr) (p: Expr) : Operand =
            match doubledSmallExponent p with
            | Some k when k < 0 -> reciprocalPower b -k
            | Some k when k % 2 = 0 -> integerPower (lower b) (k / 2)
            | Some k ->
                let x = lower b
                let root = emit (Operation.Sqrt x)
                if k = 1 then root else mul (integerPower x (k / 2)) root
            | None ->
                let x = lower b
                match splitExponent p with
                | Some(whole, fraction) ->
                    // x^p = x^n · x^f, n = ⌊p⌋: a function and its derivatives hold x^a, x^(a−1), x^(a−2),
                    // …, which then share one Pow of the fraction, and the integer powers share their
                    // squares; a Pow costs many multiplications. Exact at the special values too (x = 0,
                    // ∞, negative or NaN give what Pow gives, since f > 0 and n ≥ 1) but for the sign of a
                    // zero at x = −0, which the final + 0.0 makes +0 as Pow does; otherwise within an ulp
                    // or two of Pow, and every evaluator runs this same program.
                    let product = mul (integerPower x whole) (emit (Operation.Pow(x, Constant fraction)))
                    emit (Operation.Add(product, Constant 0.0))
                | None -> emit (Operation.Pow(x, lower p))

        let outs = outputs |> List.map (fun (name, e) -> name, lower e)
        let inputs = outputs |> List.fold (fun s (_, e: Expr) -> Set.union s e.FreeSymbols) Set.empty
        { Inputs = Set.toList inputs
          Instructions = instructions.ToArray()
          Outputs = outs }

    /// Runs the program: the value of each output, in order. Every input is read once through
    /// `lookup`, whose exceptions propagate.
    let evaluate (program: Program) (lookup: string -> float) : float array =
        let inputs = Dictionary<string, float>(StringComparer.Ordinal)
        for name in program.Inputs do inputs.[name] <- lookup name
        let temps = Array.zeroCreate<float> program.Instructions.Length
        let value o =
            match o with
            | Constant c -> c
            | Input s ->
                match inputs.TryGetValue s with
                | true, v -> v
                | _ -> raise (KeyNotFoundException(sprintf "'%s' is not an input of the program" s))
            | Temp i -> temps.[i]
        for ins in program.Instructions do temps.[ins.Target] <- apply ins.Operation value
        program.Outputs |> List.map (snd >> value) |> Array.ofList

    /// Runs the program with input values from a map; raises KeyNotFoundException naming a missing input.
    let evaluateAt (program: Program) (values: Map<string, float>) : float array =
        evaluate program (fun name ->
            match values.TryFind name with
            | Some v -> v
            | None -> raise (KeyNotFoundException(sprintf "no value given for input '%s'" name)))

    let private operandText (o: Operand) =
        match o with
        | Constant c -> Number.FormatReal c
        | Input s -> s
        | Temp i -> "t" + string i

    /// The right-hand side of an instruction as text.
    let formatOperation (op: Operation) : string =
        let t = operandText
        match op with
        | Operation.Add(a, b) -> t a + " + " + t b
        | Operation.Sub(a, b) -> t a + " - " + t b
        | Operation.Mul(a, b) -> t a + " * " + t b
        | Operation.Div(a, b) -> t a + " / " + t b
        | Operation.Neg a -> "-" + t a
        | Operation.Sqrt a -> "sqrt(" + t a + ")"
        | Operation.Pow(a, b) -> "pow(" + t a + ", " + t b + ")"
        | Operation.Call(f, a) -> funcName f + "(" + t a + ")"
        | Operation.Compare(r, a, b) -> t a + " " + relationText r + " " + t b
        | Operation.Select(c, a, b) -> "select(" + t c + ", " + t a + ", " + t b + ")"

    /// Readable text, one line each for the inputs, every instruction and every output, lines
    /// separated by '\n' whatever the platform.
    let format (program: Program) : string =
        let sb = StringBuilder()
        sb.Append("inputs:") |> ignore
        if not program.Inputs.IsEmpty then sb.Append(' ').Append(String.Join(", ", program.Inputs)) |> ignore
        sb.Append('\n') |> ignore
        for ins in program.Instructions do
            sb.Append('t').Append(ins.Target).Append(" = ").Append(formatOperation ins.Operation).Append('\n') |> ignore
        for name, o in program.Outputs do
            sb.Append(name).Append(" = ").Append(operandText o).Append('\n') |> ignore
        sb.ToString()

    /// Counts the instructions by kind.
    let stats (program: Program) : Stats =
        let count p = program.Instructions |> Array.filter (fun i -> p i.Operation) |> Array.length
        { Instructions = program.Instructions.Length
          Additions = count (function Operation.Add _ -> true | _ -> false)
          Subtractions = count (function Operation.Sub _ -> true | _ -> false)
          Multiplications = count (function Operation.Mul _ -> true | _ -> false)
          Divisions = count (function Operation.Div _ -> true | _ -> false)
          Negations = count (function Operation.Neg _ -> true | _ -> false)
          SquareRoots = count (function Operation.Sqrt _ -> true | _ -> false)
          Powers = count (function Operation.Pow _ -> true | _ -> false)
          Calls =
            program.Instructions
            |> Array.choose (fun i -> match i.Operation with Operation.Call(f, _) -> Some f | _ -> None)
            |> Array.countBy id
            |> Map.ofArray
          Comparisons = count (function Operation.Compare _ -> true | _ -> false)
          Selects = count (function Operation.Select _ -> true | _ -> false) }
