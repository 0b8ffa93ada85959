namespace Latent.Symbolic

open System.Collections.Generic

/// Exact symbolic differentiation: one recursive match, one case per node, memoised over the DAG
/// so a shared subexpression is differentiated once and its derivative is shared too.
[<RequireQualifiedAccess>]
module Differentiate =
    /// 2/sqrt(pi), the factor in d erf(x)/dx.
    let private twoOverSqrtPi = Expr.product [ Expr.ofInt 2; Expr.pow Expr.pi (Expr.rational -1 2) ]

    /// d e / d x, for a variable x (named constants such as pi cannot be variables).
    let withRespectTo (x: string) (e: Expr) : Expr =
        if Expr.constantNames.Contains x then invalidArg "x" (sprintf "'%s' is a constant, not a variable" x)
        let memo = Dictionary<Expr, Expr>(HashIdentity.Reference)
        let rec d (u: Expr) : Expr =
            if not (Expr.dependsOn x u) then Expr.zero
            else
                match memo.TryGetValue u with
                | true, r -> r
                | _ ->
                    let r = rule u
                    memo.[u] <- r
                    r
        and rule (u: Expr) : Expr =
            match u.Node with
            | Number _ -> Expr.zero
            | Symbol s -> if s = x then Expr.one else Expr.zero
            | Sum ts -> Expr.sum (List.map d ts)
            | Product fs ->
                // Product rule over n factors: Σ_i f_i' Π_{j≠i} f_j.
                let arr = List.toArray fs
                Expr.sum
                    [ for i in 0 .. arr.Length - 1 do
                          let di = d arr.[i]
                          if not (Expr.isZero di) then
                              yield Expr.product [ yield di; for j in 0 .. arr.Length - 1 do if j <> i then yield arr.[j] ] ]
            | Power(b, p) ->
                let db, dp = d b, d p
                if Expr.isZero dp then
                    // p b^(p-1) b'
                    Expr.product [ p; Expr.pow b (Expr.sum [ p; Expr.minusOne ]); db ]
                elif Expr.isZero db then
                    // b^p ln(b) p'
                    Expr.product [ u; Expr.log b; dp ]
                else
                    // b^p (p' ln b + p b'/b)
                    Expr.product [ u; Expr.sum [ Expr.product [ dp; Expr.log b ]; Expr.product [ p; db; Expr.reciprocal b ] ] ]
            | Apply(f, a) ->
                let da = d a
                let outer =
                    match f with
                    | Exp -> u
                    | Log -> Expr.reciprocal a
                    | Sin -> Expr.cos a
                    | Cos -> Expr.negate (Expr.sin a)
                    | Tanh -> Expr.subtract Expr.one (Expr.pow u (Expr.ofInt 2))
                    | Erf -> Expr.product [ twoOverSqrtPi; Expr.exp (Expr.negate (Expr.pow a (Expr.ofInt 2))) ]
                    | Erfc -> Expr.product [ Expr.minusOne; twoOverSqrtPi; Expr.exp (Expr.negate (Expr.pow a (Expr.ofInt 2))) ]
                    // Sign of a, branch-free; at a = 0 the one-sided derivative from the right.
                    | Abs -> Expr.select (Expr.compare Less a Expr.zero) Expr.minusOne Expr.one
                Expr.product [ outer; da ]
            // Comparisons are piecewise constant: their derivative is zero where it exists.
            | Compare _ -> Expr.zero
            // The derivative of a select is the select of the derivatives (the condition is not differentiated).
            | Select(c, a, b) -> Expr.select c (d a) (d b)
        d e

    /// The n-th derivative.
    let nth (n: int) (x: string) (e: Expr) : Expr =
        let mutable r = e
        for _ in 1 .. n do r <- withRespectTo x r
        r

    /// Gradient with respect to several symbols (e.g. the parameters of a potential, for fitting).
    let gradient (xs: string list) (e: Expr) : (string * Expr) list = xs |> List.map (fun x -> x, withRespectTo x e)
