namespace Latent.Symbolic.Constraints

open System
open Latent.Symbolic

/// The dominant term c·x^k·e^{−a·x} of an expression as x → ∞. `Exact` when the expression is
/// that one term (a monomial), so that terms which cancel can be dropped without losing anything.
type Lead =
    { Coefficient: float
      Power: float
      Rate: float
      Exact: bool }

/// Dominant-term analysis for limits at infinity of sums, products and powers of terms
/// c·x^k·e^{−a·x}: the slowest decay wins (for a sum of exponentials, d ln n/dr → −2ζ_min),
/// then the highest power. Anything else (log, select, ...) has no lead and goes to numerics.
[<RequireQualifiedAccess>]
module Asymptotics =
    let private close (a: float) (b: float) = abs (a - b) <= 1e-12 * max 1.0 (max (abs a) (abs b))

    let private numberValue (e: Expr) =
        match e.Node with
        | Number n -> Some(Number.toFloat n)
        | _ -> None

    let rec lead (x: string) (e: Expr) : Lead option =
        if not (e.FreeSymbols.Contains x) then
            // Free of x: parameters are folded, so this evaluates to a number.
            let v = try Evaluate.at Map.empty e with _ -> nan
            if Finite.is v && v <> 0.0 then Some { Coefficient = v; Power = 0.0; Rate = 0.0; Exact = true } else None
        else
            match e.Node with
            | Symbol s when s = x -> Some { Coefficient = 1.0; Power = 1.0; Rate = 0.0; Exact = true }
            | Product fs ->
                let leads = fs |> List.map (lead x)
                if leads |> List.forall Option.isSome then
                    leads
                    |> List.map Option.get
                    |> List.fold
                        (fun acc l -> { Coefficient = acc.Coefficient * l.Coefficient; Power = acc.Power + l.Power; Rate = acc.Rate + l.Rate; Exact = acc.Exact && l.Exact })
                        { Coefficient = 1.0; Power = 0.0; Rate = 0.0; Exact = true }
                    |> Some
                else None
            | Power(b, p) ->
                match numberValue p, lead x b with
                | Some n, Some l when l.Coefficient > 0.0 || n = Math.Round n ->
                    Some { Coefficient = Math.Pow(l.Coefficient, n); Power = l.Power * n; Rate = l.Rate * n; Exact = l.Exact }
                | _ -> None
            | Apply(Exp, argument) ->
                // exp(α + β·x): only arguments linear in x.
                let slope = Differentiate.withRespectTo x argument
                if slope.FreeSymbols.Contains x then None
                else
                    let beta = Evaluate.at Map.empty slope
                    let alpha = try Evaluate.at (Map.ofList [ x, 0.0 ]) argument with _ -> nan
                    if Finite.is alpha then Some { Coefficient = Math.Exp alpha; Power = 0.0; Rate = -beta; Exact = true } else None
            | Sum ts ->
                let leads = ts |> List.map (lead x)
                if not (leads |> List.forall Option.isSome) then None
                else
                    // Most dominant first: slowest decay, then highest power.
                    let rec pick (remaining: Lead list) (groups: int) =
                        match remaining |> List.sortBy (fun l -> l.Rate, -l.Power) with
                        | [] -> None
                        | top :: _ as sorted ->
                            let group, rest = sorted |> List.partition (fun l -> close l.Rate top.Rate && close l.Power top.Power)
                            let c = group |> List.sumBy (fun l -> l.Coefficient)
                            let scale = group |> List.sumBy (fun l -> abs l.Coefficient)
                            if abs c > 1e-13 * scale then
                                Some { Coefficient = c; Power = top.Power; Rate = top.Rate; Exact = rest.IsEmpty && groups = 0 && List.forall (fun l -> l.Exact) group }
                            elif group |> List.forall (fun l -> l.Exact) then pick rest (groups + 1)
                            else None
                    pick (List.map Option.get leads) 0
            | _ -> None

    /// lim_{x→∞} e by its dominant term, when the analysis applies: Some value (±∞ allowed).
    let limitAtInfinity (x: string) (e: Expr) : float option =
        let expanded = Simplify.expand e
        match lead x expanded with
        | None -> None
        | Some l ->
            if l.Rate > 1e-14 then Some 0.0
            elif l.Rate < -1e-14 then Some(float (sign l.Coefficient) * infinity)
            elif l.Power < -1e-14 then Some 0.0
            elif l.Power > 1e-14 then Some(float (sign l.Coefficient) * infinity)
            else Some l.Coefficient

    /// The terms of a sum (after expansion) as monomials c·x^k·e^{−a·x}, when every term is one.
    let monomials (x: string) (e: Expr) : Lead list option =
        let e = Simplify.expand e
        // Zero (a state without electrons has n = 0) is the empty sum.
        if Expr.isZero e then Some [] else
        let terms =
            match e.Node with
            | Sum ts -> ts
            | _ -> [ e ]
        let leads = terms |> List.map (lead x)
        if leads |> List.forall (fun l -> l.IsSome && l.Value.Exact) then Some(List.map Option.get leads) else None
