namespace Latent.Symbolic

open System
open System.Collections.Generic

/// The reference interpreter: evaluates an expression DAG in double precision, each distinct
/// node once. It is the slow baseline every generated evaluator is checked against.
[<RequireQualifiedAccess>]
module Evaluate =
    /// Value of a named constant, if the name is one.
    let constant (name: string) : float option =
        match name with
        | "pi" -> Some Math.PI
        | _ -> None

    let func (f: Func) (v: float) : float = FuncInfo.apply f v

    let relation (r: Relation) (a: float) (b: float) : float =
        let holds =
            match r with
            | Less -> a < b
            | LessEqual -> a <= b
            | Greater -> a > b
            | GreaterEqual -> a >= b
        if holds then 1.0 else 0.0

    /// x^y with the integer-exponent cases done by multiplication, as generated code does, so that
    /// negative bases with integer exponents work and results match the emitted code; a negative
    /// integer power is a power of 1/x, as straight-line programs compute it.
    let power (x: float) (y: float) : float =
        if y = Math.Round y && abs y <= 64.0 then
            let n = int (abs y)
            let mutable result = 1.0
            let mutable b = if y < 0.0 then 1.0 / x else x
            let mutable k = n
            while k > 0 do
                if k &&& 1 = 1 then result <- result * b
                b <- b * b
                k <- k >>> 1
            result
        elif y = 0.5 then Math.Sqrt x
        elif y = -0.5 then 1.0 / Math.Sqrt x
        else Math.Pow(x, y)

    /// Evaluates with symbol values from `lookup`, calling `seen` with each distinct node and its
    /// value, children before parents (a select's untaken branch is not evaluated); raises
    /// KeyNotFoundException naming a missing symbol.
    let private walk (lookup: string -> float option) (seen: Expr -> float -> unit) (e: Expr) : float =
        let memo = Dictionary<Expr, float>(HashIdentity.Reference)
        let rec go (x: Expr) : float =
            match memo.TryGetValue x with
            | true, v -> v
            | _ ->
                let v =
                    match x.Node with
                    | Number n -> Number.toFloat n
                    | Symbol s ->
                        match constant s with
                        | Some c -> c
                        | None ->
                            match lookup s with
                            | Some v -> v
                            | None -> raise (KeyNotFoundException(sprintf "no value for symbol '%s'" s))
                    | Sum ts -> ts |> List.fold (fun acc t -> acc + go t) 0.0
                    | Product fs -> fs |> List.fold (fun acc f -> acc * go f) 1.0
                    | Power(b, p) -> power (go b) (go p)
                    | Apply(f, a) -> func f (go a)
                    | Compare(r, a, b) -> relation r (go a) (go b)
                    | Select(c, a, b) -> if go c <> 0.0 then go a else go b
                memo.[x] <- v
                seen x v
                v
        go e

    /// Evaluates with symbol values from `lookup`; raises KeyNotFoundException naming a missing symbol.
    let withLookup (lookup: string -> float option) (e: Expr) : float = walk lookup (fun _ _ -> ()) e

    /// Where a NaN or infinity is born: the first subexpression, children before parents, whose
    /// value is not finite (its children's are, or it would not be first), with that value; None
    /// when e is finite at these values. It names the culprit of a formula that is not defined
    /// somewhere: log(rho) at rho = 0, or a parameter that makes a divisor 0.
    let firstNonFinite (values: Map<string, float>) (e: Expr) : (Expr * float) option =
        let mutable first = None
        walk values.TryFind (fun x v -> if first.IsNone && (Double.IsNaN v || Double.IsInfinity v) then first <- Some(x, v)) e |> ignore
        first

    /// Evaluates with symbol values from a map.
    let at (values: Map<string, float>) (e: Expr) : float = withLookup values.TryFind e

    /// Evaluates, returning an error naming the first missing symbol instead of raising.
    let tryAt (values: Map<string, float>) (e: Expr) : Result<float, string> =
        match e.FreeSymbols |> Seq.tryFind (fun s -> not (values.ContainsKey s)) with
        | Some s -> Error(sprintf "no value given for symbol '%s'" s)
        | None -> Ok(at values e)
