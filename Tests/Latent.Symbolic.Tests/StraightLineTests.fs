/// Straight-line programs: lowering rules by example, a golden text form, properties on random
/// expression lists (values, no repeated work, single assignment, determinism, size), and the
/// size of the Coulomb integral kernel of docs/model.md §6.
module Latent.Symbolic.Tests.StraightLineTests

open System
open System.Collections.Generic
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic
open Latent.Symbolic.Tests.Numerics

type Operand = StraightLine.Operand
type Operation = StraightLine.Operation

let r = Expr.symbol "r"

let operations (p: StraightLine.Program) = p.Instructions |> Array.map (fun i -> i.Operation) |> List.ofArray

let calls (f: Func) (p: StraightLine.Program) =
    (StraightLine.stats p).Calls |> Map.tryFind f |> Option.defaultValue 0

/// exp(-z r) (1 + z r) / r, the kind of kernel the generator fuses with its derivative (docs/model.md §2).
let screened = Expr.divide (Expr.product [ Expr.exp (Expr.negate (Expr.mul z r)); Expr.add Expr.one (Expr.mul z r) ]) r
let screenedProgram () = StraightLine.build [ "f", screened; "df_dr", Differentiate.withRespectTo "r" screened ]

[<Fact>]
let ``value and derivative share one exp and agree with the reference interpreter`` () =
    let p = screenedProgram ()
    Assert.Equal(1, calls Exp p)
    // z*r is needed by exp's argument and by 1 + z*r: computed once.
    Assert.Equal(1, operations p |> List.filter (fun o -> o = Operation.Mul(Operand.Input "r", Operand.Input "z")) |> List.length)
    let point = Map [ "r", 1.3; "z", 0.8 ]
    let values = StraightLine.evaluateAt p point
    Assert.True(close 1e-14 0.0 (Evaluate.at point screened) values.[0])
    Assert.True(close 1e-14 0.0 (Evaluate.at point (Differentiate.withRespectTo "r" screened)) values.[1])

[<Fact>]
let ``format writes inputs, instructions and outputs`` () =
    let expected =
        String.concat
            "\n"
            [ "inputs: r, z"
              "t0 = r * z"
              "t1 = 1.0 + t0"
              "t2 = -t0"
              "t3 = exp(t2)"
              "t4 = t1 * t3"
              "t5 = 1.0 / r"
              "t6 = t4 * t5"
              "t7 = t5 * t5"
              "t8 = t4 * t7"
              "t9 = z * t4"
              "t10 = t9 * t5"
              "t11 = z * t3"
              "t12 = t11 * t5"
              "t13 = t8 + t10"
              "t14 = t12 - t13"
              "f = t6"
              "df_dr = t14"
              "" ]
    Assert.Equal(expected, StraightLine.format (screenedProgram ()))

[<Fact>]
let ``a negative coefficient is subtracted by its magnitude`` () =
    let p = StraightLine.build [ "a", Expr.sum [ x; Expr.product [ n -2; y ] ] ]
    Assert.Equal<Operation list>([ Operation.Mul(Operand.Constant 2.0, Operand.Input "y"); Operation.Sub(Operand.Input "x", Operand.Temp 0) ], operations p)
    // x + (-2y) and x - 2y round identically, so here the reference agrees bitwise.
    let point = Map [ "x", 0.1; "y", 0.7 ]
    Assert.Equal(Evaluate.at point (Expr.sum [ x; Expr.product [ n -2; y ] ]), (StraightLine.evaluateAt p point).[0])

[<Fact>]
let ``a sum of negative terms starts at its first non-negative term`` () =
    let p = StraightLine.build [ "a", Expr.sum [ Expr.negate x; y ] ]
    Assert.Equal<Operation list>([ Operation.Sub(Operand.Input "y", Operand.Input "x") ], operations p)

[<Fact>]
let ``negation is Neg, never a multiplication by -1`` () =
    let p = StraightLine.build [ "a", Expr.negate x; "b", Expr.sum [ Expr.negate x; Expr.negate y ] ]
    // -x - y: the magnitudes are summed and negated once.
    Assert.Equal<Operation list>([ Operation.Neg(Operand.Input "x"); Operation.Add(Operand.Input "x", Operand.Input "y"); Operation.Neg(Operand.Temp 1) ], operations p)

[<Fact>]
let ``negative powers are powers of one reciprocal per base`` () =
    let p = StraightLine.build [ "a", Expr.divide x (Expr.pow y (n 2)); "b", Expr.divide (Expr.ofInt 3) (Expr.product [ x; y ]) ]
    // 1/y is computed once and shared by y^-2 and (xy)^-1: one division per base, as by hand.
    Assert.Equal<Operation list>(
        [ Operation.Div(Operand.Constant 1.0, Operand.Input "y")
          Operation.Mul(Operand.Temp 0, Operand.Temp 0)
          Operation.Mul(Operand.Input "x", Operand.Temp 1)
          Operation.Div(Operand.Constant 1.0, Operand.Input "x")
          Operation.Mul(Operand.Temp 3, Operand.Temp 0)
          Operation.Mul(Operand.Constant 3.0, Operand.Temp 4) ],
        operations p)

[<Fact>]
let ``integer powers share their squares across outputs`` () =
    let p = StraightLine.build [ for k in [ 2; 3; 4; 6 ] -> sprintf "p%d" k, Expr.pow x (n k) ]
    // x^2, x^3 = x*x^2, x^4 = x^2*x^2, x^6 = x^2*x^4: four multiplications for four powers.
    Assert.Equal(4, (StraightLine.stats p).Multiplications)
    Assert.Equal(4, p.Instructions.Length)
    // Same products in the same order as Evaluate.power: bitwise equal for every exponent it multiplies out.
    let powers = [ for k in -64 .. 64 do if abs k > 1 then yield sprintf "p%d" k, Expr.pow x (n k) ]
    let q = StraightLine.build powers
    let point = Map [ "x", 1.0123456789 ]
    Assert.Equal<float list>(powers |> List.map (snd >> Evaluate.at point), StraightLine.evaluateAt q point |> List.ofArray)

[<Fact>]
let ``general powers whose exponents differ by integers share one Pow of the fraction`` () =
    // Rose's embedding and its derivatives hold x^a, x^(a-1), x^(a-2): one Pow and a few products.
    let a = Number.ofFloat 3.01224842410443
    let exponents = [ a; Number.add a (Number.ofInt -1); Number.add a (Number.ofInt -2) ]
    let powers = exponents |> List.mapi (fun k p -> sprintf "p%d" k, Expr.pow x (Expr.ofNumber p))
    let program = StraightLine.build powers
    Assert.Equal(1, (StraightLine.stats program).Powers)
    Assert.Contains(Operation.Pow(Operand.Input "x", Operand.Constant(3.01224842410443 - 3.0)), operations program)
    // Exact rational exponents share their fraction too.
    let rational = StraightLine.build [ "a", Expr.pow x (Expr.rational 301 100); "b", Expr.pow x (Expr.rational 201 100) ]
    Assert.Equal(1, (StraightLine.stats rational).Powers)
    // Within two ulps of Math.Pow, and the same special values: zero (+0 also at -0), infinity, NaN.
    for v in [ 0.37; 1.0; 1.5; 12.0; 1e100 ] do
        for (_, e), value in List.zip powers (StraightLine.evaluateAt program (Map [ "x", v ]) |> List.ofArray) do
            Assert.True(ulps (Evaluate.at (Map [ "x", v ]) e) value <= 2L, sprintf "%s at %g" (string e) v)
    for v in [ 0.0; -0.0; Double.PositiveInfinity; -2.0; nan ] do
        let values = StraightLine.evaluateAt program (Map [ "x", v ])
        exponents
        |> List.iteri (fun k p ->
            let expected = Math.Pow(v, Number.toFloat p)
            if Double.IsNaN expected then Assert.True(Double.IsNaN values.[k])
            else Assert.Equal(BitConverter.DoubleToInt64Bits expected, BitConverter.DoubleToInt64Bits values.[k]))

[<Fact>]
let ``half powers use one square root`` () =
    let p = StraightLine.build [ "a", Expr.sqrt x; "b", Expr.pow x (Expr.rational -1 2); "c", Expr.pow x (Expr.rational 5 2); "d", Expr.pow x (Expr.rational 1 3) ]
    Assert.Equal<Operation list>(
        [ Operation.Sqrt(Operand.Input "x")
          Operation.Div(Operand.Constant 1.0, Operand.Temp 0)
          Operation.Mul(Operand.Input "x", Operand.Input "x")
          Operation.Mul(Operand.Temp 2, Operand.Temp 0)
          Operation.Pow(Operand.Input "x", Operand.Constant(1.0 / 3.0)) ],
        operations p)

[<Fact>]
let ``select and compare lower to their own operations`` () =
    let e = Expr.minimum x y
    let p = StraightLine.build [ "m", e ]
    Assert.Equal<Operation list>(
        [ Operation.Compare(LessEqual, Operand.Input "x", Operand.Input "y")
          Operation.Select(Operand.Temp 0, Operand.Input "x", Operand.Input "y") ],
        operations p)
    for xv, yv in [ 1.0, 2.0; 2.0, 1.0; 1.5, 1.5 ] do
        Assert.Equal(min xv yv, (StraightLine.evaluateAt p (Map [ "x", xv; "y", yv ])).[0])

[<Fact>]
let ``a condition that folds to a constant selects its branch without instructions`` () =
    // pi is a symbol to the constructors, so only lowering can decide pi < 4.
    let p = StraightLine.build [ "s", Expr.select (Expr.compare Less Expr.pi (n 4)) x (Expr.exp y) ]
    Assert.Empty(p.Instructions)
    Assert.Equal<(string * Operand) list>([ "s", Operand.Input "x" ], p.Outputs)
    Assert.Equal<string list>([ "x"; "y" ], p.Inputs)

[<Fact>]
let ``constant and input outputs need no instructions`` () =
    let p = StraightLine.build [ "two pi", Expr.product [ n 2; Expr.pi ]; "root 2", Expr.sqrt (n 2); "half", Expr.half; "x", x ]
    Assert.Empty(p.Instructions)
    Assert.Equal<(string * Operand) list>(
        [ "two pi", Operand.Constant(2.0 * Math.PI); "root 2", Operand.Constant(Math.Sqrt 2.0); "half", Operand.Constant 0.5; "x", Operand.Input "x" ],
        p.Outputs)
    Assert.Equal<float list>([ 2.0 * Math.PI; Math.Sqrt 2.0; 0.5; 3.0 ], StraightLine.evaluateAt p (Map [ "x", 3.0 ]) |> List.ofArray)

[<Fact>]
let ``a non-finite constant stays an instruction`` () =
    let p = StraightLine.build [ "a", Expr.log (Expr.sum [ Expr.pi; Expr.product [ n -1; Expr.pi ] ]); "b", Expr.log (Expr.sin Expr.pi) ]
    // pi - pi folds in Expr to 0 (log 0 = -inf, not folded); sin(pi) is not 0 in doubles and folds.
    Assert.Equal(Operand.Constant(Math.Log(Math.Sin Math.PI)), snd p.Outputs.[1])
    Assert.Equal(Double.NegativeInfinity, (StraightLine.evaluateAt p Map.empty).[0])
    Assert.True(p.Instructions |> Array.forall (fun i -> StraightLine.operands i.Operation |> List.forall (function Operand.Constant c -> Double.IsFinite c | _ -> true)))

[<Fact>]
let ``a missing input is named`` () =
    let p = StraightLine.build [ "f", Expr.mul x y ]
    let ex = Assert.Throws<KeyNotFoundException>(fun () -> StraightLine.evaluateAt p (Map [ "x", 1.0 ]) |> ignore)
    Assert.Contains("'y'", ex.Message)

[<Fact>]
let ``duplicate output names are rejected`` () =
    Assert.Throws<ArgumentException>(fun () -> StraightLine.build [ "f", x; "f", y ] |> ignore) |> ignore

[<Fact>]
let ``stats count by kind`` () =
    let p = StraightLine.build [ "a", Expr.sum [ Expr.exp x; Expr.exp (Expr.sqrt y); Expr.log x; Expr.divide Expr.one y ] ]
    let s = StraightLine.stats p
    Assert.True((Map [ Exp, 2; Log, 1 ] = s.Calls), sprintf "%A" s.Calls)
    Assert.Equal(1, s.SquareRoots)
    Assert.Equal(1, s.Divisions)
    Assert.Equal(3, s.Additions)
    Assert.Equal(s.Instructions, p.Instructions.Length)

// ---------------------------------------------------------------------------------------------
// Properties on random expression lists.

/// Largest magnitude of any subexpression at the point. Lowering reorders some arithmetic (a
/// coefficient multiplies the rest of a product last, x/(y*y) instead of x*(1/(y*y)), x^(3/2) as
/// x*sqrt(x) instead of Math.Pow), so the program agrees with the reference interpreter only to
/// rounding; a sum that cancels keeps the absolute error of its largest part, hence the scale.
let scaleAt (point: Map<string, float>) (e: Expr) =
    Expr.postOrder [ e ] |> List.fold (fun m s -> max m (abs (Evaluate.at point s))) 1.0

let named (es: Expr list) = es |> List.mapi (fun i e -> sprintf "o%d" i, e)

[<Property(MaxTest = 300)>]
let ``the program computes what the expressions mean`` () =
    Prop.forAll (Arb.fromGen (Gen.zip ExprGen.smoothList ExprGen.point)) (fun (es, point) ->
        let values = StraightLine.evaluateAt (StraightLine.build (named es)) point
        let failures =
            List.zip es (List.ofArray values)
            |> List.filter (fun (e, v) -> not (close 1e-12 (1e-12 * scaleAt point e) (Evaluate.at point e) v))
        match failures with
        | [] -> Prop.ofTestable true
        | (e, v) :: _ -> Prop.ofTestable false |> Prop.label (sprintf "%O: reference %.17g, program %.17g" e (Evaluate.at point e) v))

/// An operation up to the order of a commutative pair, so "no two equal" also catches x*y next to y*x.
let normalised (op: Operation) =
    match op with
    | Operation.Add(a, b) when compare a b > 0 -> Operation.Add(b, a)
    | Operation.Mul(a, b) when compare a b > 0 -> Operation.Mul(b, a)
    | _ -> op

[<Property(MaxTest = 300)>]
let ``no operation is computed twice`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExprList) (fun es ->
        let ops = StraightLine.build (named es) |> operations |> List.map normalised
        (List.distinct ops).Length = ops.Length)

[<Property(MaxTest = 300)>]
let ``every temporary is assigned once, before it is read, and is read`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExprList) (fun es ->
        let p = StraightLine.build (named es)
        let reads =
            [ for i in p.Instructions do
                  for o in StraightLine.operands i.Operation do
                      match o with
                      | Operand.Temp t -> yield i.Target, t
                      | _ -> () ]
        let outputTemps = p.Outputs |> List.choose (function _, Operand.Temp t -> Some t | _ -> None)
        let used = set (List.map snd reads @ outputTemps)
        (p.Instructions |> Array.mapi (fun k i -> i.Target = k) |> Array.forall id)
        && (reads |> List.forall (fun (at, t) -> t < at))
        && (outputTemps |> List.forall (fun t -> t < p.Instructions.Length))
        && (Seq.init p.Instructions.Length id |> Seq.forall used.Contains))

[<Property(MaxTest = 200)>]
let ``building is deterministic`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExprList) (fun es ->
        let a = StraightLine.build (named es)
        let b = StraightLine.build (named es)
        // A program may hold a NaN constant (0 times a division by zero), and F#'s generated equality of the operand
        // union says NaN ≠ NaN even with equivalence-relation semantics (Equals and GenericEqualityER both gave false on
        // that rare draw). So: = where it holds, else the same structure (%A) and the same round-trip text (format).
        let same (x: 'T) (y: 'T) = x = y || sprintf "%A" x = sprintf "%A" y
        a.Inputs = b.Inputs
        && a.Instructions.Length = b.Instructions.Length
        && Array.forall2 same a.Instructions b.Instructions
        && a.Outputs.Length = b.Outputs.Length
        && List.forall2 same a.Outputs b.Outputs
        && StraightLine.format a = StraightLine.format b)

/// Instructions a node may cost: a k-ary sum k - 1 additions; a k-ary product k - 2
/// multiplications, one division and one scaling by its coefficient (a negative term's magnitude
/// in a sum costs one less than the term, and shares the rest with it); an integer or
/// half-integer power n at most 2 log2|n| multiplications plus a square root and a reciprocal; a
/// power of any other numeric exponent p > 1 the multiplications of its whole part plus a Pow of the
/// fraction, a product and the + 0.0 (an exact exponent's bound above covers that too); anything
/// else one. The bound is the sum over the distinct nodes of the DAG: CSE never does
/// more work than the DAG has, up to this fixed lowering cost of each node. (Measured on 20,000
/// random lists: instructions never exceed it, and equal it only where every node costs one.)
let budget (es: Expr list) =
    Expr.postOrder es
    |> List.sumBy (fun e ->
        match e.Node with
        | Number _
        | Symbol _ -> 0
        | Sum ts -> ts.Length - 1
        | Product fs -> fs.Length
        | Power(_, p) ->
            match p.Node with
            | Number k when Number.isExact k || Math.Round(2.0 * Number.toFloat k) = 2.0 * Number.toFloat k ->
                2 * int (Math.Ceiling(Math.Log2(abs (2.0 * Number.toFloat k) + 1.0))) + 1
            | Number k when Number.toFloat k > 1.0 -> 2 * int (Math.Ceiling(Math.Log2(2.0 * Number.toFloat k + 1.0))) + 3
            | _ -> 1
        | _ -> 1)

[<Property(MaxTest = 300)>]
let ``instructions stay within the DAG's budget`` () =
    Prop.forAll (Arb.fromGen ExprGen.anyExprList) (fun es ->
        let count = (StraightLine.build (named es)).Instructions.Length
        count <= budget es |> Prop.label (sprintf "%d instructions, budget %d" count (budget es)))

// ---------------------------------------------------------------------------------------------
// Size of a real kernel.

/// docs/model.md §6: Coulomb energy of two unit 1s Slater densities with exponents a ≠ b at distance R.
let coulombUnequal =
    let a, b, R = Expr.symbol "a", Expr.symbol "b", Expr.symbol "R"
    let sq e = Expr.pow e (n 2)
    let d = Expr.subtract (sq a) (sq b)
    let b4, a4 = Expr.pow b (n 4), Expr.pow a (n 4)
    let d2, d3R = sq d, Expr.product [ Expr.pow d (n 3); R ]
    let ea = Expr.exp (Expr.product [ n -2; a; R ])
    let eb = Expr.exp (Expr.product [ n -2; b; R ])
    let first = Expr.subtract (Expr.divide (Expr.mul a b4) d2) (Expr.divide (Expr.mul b4 (Expr.subtract (sq b) (Expr.mul (n 3) (sq a)))) d3R)
    let second = Expr.add (Expr.divide (Expr.mul b a4) d2) (Expr.divide (Expr.mul a4 (Expr.subtract (sq a) (Expr.mul (n 3) (sq b)))) d3R)
    Expr.sum [ Expr.reciprocal R; Expr.negate (Expr.mul ea first); Expr.negate (Expr.mul eb second) ]

[<Fact>]
let ``the unequal-exponent Coulomb integral with two R-derivatives is compact`` () =
    let j1 = Differentiate.withRespectTo "R" coulombUnequal
    let j2 = Differentiate.withRespectTo "R" j1
    let outputs = [ "J", coulombUnequal; "dJ_dR", j1; "d2J_dR2", j2 ]
    let p = StraightLine.build outputs
    let s = StraightLine.stats p
    // Measured 71 instructions (13 divisions, 2 exp) for all three, against 33 + 45 + 58 = 136
    // when each is built alone; the DAG has 51 nodes, the written-out trees 532. The bound leaves
    // room for small lowering changes, not for lost sharing.
    Assert.True((Map [ Exp, 2 ] = s.Calls), sprintf "%A" s.Calls)
    Assert.True(s.Instructions <= 75, StraightLine.format p)
    Assert.True(s.Divisions <= 13, sprintf "%A" s)
    let alone = outputs |> List.sumBy (fun o -> (StraightLine.build [ o ]).Instructions.Length)
    Assert.True(100 * s.Instructions <= 55 * alone, sprintf "%d together, %d alone" s.Instructions alone)
    // Values: SlaterCoulombTests checks J against quadrature (docs/model.md §6); here the program must match the reference.
    let point = Map [ "a", 1.3; "b", 0.7; "R", 1.7 ]
    let values = StraightLine.evaluateAt p point
    for (_, e), v in List.zip outputs (List.ofArray values) do
        Assert.True(close 1e-12 (1e-12 * scaleAt point e) (Evaluate.at point e) v)

/// Long sums are lowered as balanced trees: the dependency chain of a sum of n terms is about
/// log2 n additions deep, not n, which is what limits the speed of kernels made of long sums.
[<Fact>]
let ``a sum of eight terms is a balanced tree of depth three`` () =
    let terms = [ for k in 1 .. 8 -> Expr.product [ Expr.symbol (sprintf "a%d" k); Expr.symbol (sprintf "b%d" k) ] ]
    let p = StraightLine.build [ "s", Expr.sum terms ]
    let depth = Collections.Generic.Dictionary<int, int>()
    let depthOf (o: Operand) = match o with Operand.Temp i -> depth.[i] | _ -> 0
    for instruction in p.Instructions do
        depth.[instruction.Target] <- 1 + (StraightLine.operands instruction.Operation |> List.map depthOf |> List.max)
    let _, out = List.exactlyOne p.Outputs
    // One multiplication below three levels of additions.
    Assert.Equal(4, depthOf out)
    Assert.Equal(7, p.Instructions |> Array.filter (fun i -> match i.Operation with Operation.Add _ -> true | _ -> false) |> Array.length)
