/// FsCheck generators of random canonical expressions, shared by every property test.
module Latent.Symbolic.Tests.ExprGen

open FsCheck
open FsCheck.FSharp
open Latent.Symbolic

/// Variables the generated expressions use.
let variables = [ "x"; "y"; "z" ]

let symbol = Gen.elements variables |> Gen.map Expr.symbol

let smallInteger = Gen.choose (-5, 5) |> Gen.map Expr.ofInt

let rational =
    gen {
        let! n = Gen.choose (-9, 9)
        let! d = Gen.choose (1, 6)
        return Expr.rational n d
    }

/// Doubles with many significant digits, so printing must round-trip them exactly.
let real = Gen.choose (-50000, 50000) |> Gen.map (fun i -> Expr.ofFloat (float i / 997.0))

let leaf = Gen.frequency [ 5, symbol; 2, smallInteger; 1, rational; 1, real; 1, Gen.constant Expr.pi ]

let private funcs = [ Exp; Log; Sin; Cos; Tanh; Erf; Erfc; Abs ]
let private relations = [ Less; LessEqual; Greater; GreaterEqual ]

/// Any expression, including ones that are undefined somewhere (log of negatives, 0^-1):
/// for structural properties (printing, parsing, CSE) that do not evaluate.
let rec private anySized (size: int) : Gen<Expr> =
    if size <= 0 then leaf
    else
        let sub = anySized (size / 2)
        Gen.frequency
            [ 2, leaf
              3, Gen.map2 (fun a b -> Expr.sum [ a; b ]) sub sub
              3, Gen.map2 (fun a b -> Expr.product [ a; b ]) sub sub
              1, Gen.map2 Expr.subtract sub sub
              1, Gen.map2 Expr.divide sub sub
              2, Gen.map2 Expr.pow sub (Gen.oneof [ smallInteger; rational; sub ])
              2, Gen.map2 Expr.apply (Gen.elements funcs) sub
              1,
              gen {
                  let! r = Gen.elements relations
                  let! a = sub
                  let! b = sub
                  let! c = sub
                  let! d = sub
                  return Expr.select (Expr.compare r a b) c d
              } ]

let anyExpr : Gen<Expr> = Gen.sized (fun s -> anySized (min s 24))

/// 1 + a^2: a positive quantity ≥ 1, used to keep logs, roots and divisions defined.
let private positive (a: Expr) = Expr.sum [ Expr.one; Expr.pow a (Expr.ofInt 2) ]

/// Expressions that are smooth and finite for every variable in [0.5, 2]: for derivative checks.
let rec private smoothSized (size: int) : Gen<Expr> =
    if size <= 0 then Gen.frequency [ 4, symbol; 1, smallInteger; 1, rational; 1, real ]
    else
        let sub = smoothSized (size / 2)
        Gen.frequency
            [ 1, smoothSized 0
              3, Gen.map2 (fun a b -> Expr.sum [ a; b ]) sub sub
              3, Gen.map2 (fun a b -> Expr.product [ a; b ]) sub sub
              1, Gen.map2 Expr.subtract sub sub
              2, Gen.map2 (fun a b -> Expr.divide a (positive b)) sub sub
              2, Gen.map2 Expr.pow sub (Gen.elements [ Expr.ofInt 2; Expr.ofInt 3 ])
              2, Gen.map2 (fun a k -> Expr.pow (positive a) k) sub (Gen.elements [ Expr.ofInt -1; Expr.half; Expr.rational -1 2; Expr.rational 3 2 ])
              1, Gen.map2 (fun a b -> Expr.pow (positive a) (Expr.tanh b)) sub sub
              1, Gen.map (fun a -> Expr.exp (Expr.sin a)) sub
              1, Gen.map (fun a -> Expr.exp (Expr.negate (Expr.pow a (Expr.ofInt 2)))) sub
              1, Gen.map (fun a -> Expr.log (positive a)) sub
              1, Gen.map (fun a -> Expr.abs (positive a)) sub
              3, Gen.map2 Expr.apply (Gen.elements [ Sin; Cos; Tanh; Erf; Erfc ]) sub ]

let smooth : Gen<Expr> = Gen.sized (fun s -> smoothSized (min s 16))

/// A point with every variable in [0.5, 2].
let point : Gen<Map<string, float>> =
    Gen.listOfLength variables.Length (Gen.choose (0, 15000))
    |> Gen.map (fun ks -> List.zip variables (ks |> List.map (fun k -> 0.5 + float k / 10000.0)) |> Map.ofList)

/// Non-empty lists of expressions, for multi-output CSE.
let anyExprList : Gen<Expr list> = Gen.nonEmptyListOf anyExpr |> Gen.map (List.truncate 6)
let smoothList : Gen<Expr list> = Gen.nonEmptyListOf smooth |> Gen.map (List.truncate 6)
