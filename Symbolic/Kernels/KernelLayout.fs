namespace Latent.Symbolic.Kernels

open System
open System.Collections.Generic

/// What one value of a fused pair kernel (elements A, B) is. States are indices into each
/// element's state list (file order).
[<RequireQualifiedAccess>]
type PairTerm =
    /// C_αβ(r) − k_e q_α q_β / r: the short-range electrostatics of state α of A and state β of B
    /// (docs/model.md §2, §7; the q·q/r tail is summed by the engine).
    | Electrostatics of alpha: int * beta: int
    /// k_e(J_AB(r) − 1/r): the short-range Coulomb energy per unit charge product of two continuous
    /// charges spread as Slater 1s densities (docs/model.md §8; the q·q/r tail is summed by the engine).
    | ChargeCoupling
    /// The pair term φ_AB(r).
    | PairPotential
    /// What an atom of B in state β adds to the host density at an atom of A.
    | DensityAtA of beta: int
    /// What an atom of A in state α adds to the host density at an atom of B.
    | DensityAtB of alpha: int

/// Where a kernel's outputs are: shared by pair and embedding layouts, for readers that treat
/// every kernel alike (the verifier).
type IKernelLayout =
    /// Number of values the scalar kernel writes.
    abstract OutputCount: int
    /// Readable name of output k, e.g. "c.cation.anion", "d/dr phi", "F″".
    abstract OutputName: output: int -> string
    /// Index, in the gradient kernel's outputs, of ∂(output k)/∂(fitted parameter p).
    abstract GradientOutput: parameter: int * output: int -> int
    /// Number of outputs of the gradient kernel for this many fitted parameters.
    abstract GradientCount: fitted: int -> int

/// <summary>
/// The one place that says which output of a fused pair kernel holds what (docs/architecture.md).
/// In an ensemble model the kernel's values are its terms: the state-pair electrostatics C_αβ for every
/// α of A and β of B, the pair term φ, the host densities that B's states give at A, those that A's
/// states give at B. In a continuous-charge model (<see cref="ContinuousCharges"/>) they are the charge
/// coupling k_e(J_AB − 1/r), φ, the host density B gives at A and the one A gives at B (each one
/// function per element, index 0). Then the r-derivative of each, in the same order; a gradient kernel
/// repeats all of these once per fitted parameter. Built when the kernel set is built, and printed into
/// generated code as data, so every reader (engine, verifier, benchmarks, a later emitter) asks this
/// value instead of repeating the order.
/// </summary>
[<Sealed; AllowNullLiteral(false)>]
type PairLayout private (statesA: string[], statesB: string[], continuous: bool) =
    let a = statesA
    let b = statesB
    let nA = a.Length
    let nB = b.Length
    let pair = if continuous then 1 else nA * nB
    let densityAtA = pair + 1
    let densityAtB = densityAtA + (if continuous then 1 else nB)
    let count = densityAtB + (if continuous then 1 else nA)
    let terms =
        if continuous then
            [| PairTerm.ChargeCoupling; PairTerm.PairPotential; PairTerm.DensityAtA 0; PairTerm.DensityAtB 0 |]
        else
            [| for i in 0 .. nA - 1 do
                   for j in 0 .. nB - 1 -> PairTerm.Electrostatics(i, j)
               yield PairTerm.PairPotential
               for j in 0 .. nB - 1 -> PairTerm.DensityAtA j
               for i in 0 .. nA - 1 -> PairTerm.DensityAtB i |]
    let name term =
        match term with
        | PairTerm.Electrostatics(i, j) -> sprintf "c.%s.%s" a.[i] b.[j]
        | PairTerm.ChargeCoupling -> "coupling"
        | PairTerm.PairPotential -> "phi"
        | PairTerm.DensityAtA j -> if continuous then "fB" else "fB." + b.[j]
        | PairTerm.DensityAtB i -> if continuous then "fA" else "fA." + a.[i]
    let names = terms |> Array.map name
    do
        if not continuous && (nA = 0 || nB = 0) then invalidArg "statesA" "every element has at least one state"

    /// The layout of an ensemble pair from its elements' state names (file order).
    new(statesA: seq<string>, statesB: seq<string>) = PairLayout(Array.ofSeq statesA, Array.ofSeq statesB, false)

    /// The layout of a pair of a continuous-charge model: coupling, φ, fB, fA and their r-derivatives.
    static member ContinuousCharges() = PairLayout([||], [||], true)

    /// Whether this is a continuous-charge pair (charge coupling, no states).
    member _.HasContinuousCharges = continuous
    /// Names of A's states, in file order (none for continuous charges).
    member _.StatesA: IReadOnlyList<string> = Array.AsReadOnly a :> _
    /// Names of B's states, in file order (none for continuous charges).
    member _.StatesB: IReadOnlyList<string> = Array.AsReadOnly b :> _
    /// Number of states of A (0 for continuous charges).
    member _.StateCountA = nA
    /// Number of states of B (0 for continuous charges).
    member _.StateCountB = nB
    /// Number of terms n: values are outputs 0 … n − 1, their r-derivatives n … 2n − 1.
    member _.TermCount = count
    /// Number of outputs of the scalar kernel (values and r-derivatives).
    member _.OutputCount = 2 * count
    /// Value index of C_αβ (ensemble layouts only).
    member _.Electrostatics(alpha: int, beta: int) =
        if continuous then invalidOp "a continuous-charge layout has no state electrostatics; read its ChargeCoupling"
        alpha * nB + beta
    /// Value index of the charge coupling k_e(J_AB − 1/r) (continuous-charge layouts only).
    member _.ChargeCoupling =
        if not continuous then invalidOp "an ensemble layout has no charge coupling; read its state electrostatics"
        0
    /// Value index of φ.
    member _.PairPotential = pair
    /// Value index of the density B's state β gives at A (β = 0 for continuous charges).
    member _.DensityAtA(beta: int) = densityAtA + beta
    /// Value index of the density A's state α gives at B (α = 0 for continuous charges).
    member _.DensityAtB(alpha: int) = densityAtB + alpha
    /// Output index of the r-derivative of value k.
    member _.Derivative(value: int) = count + value
    /// Index of ∂(output k)/∂(fitted parameter p) in the gradient kernel's outputs.
    member _.GradientOutput(parameter: int, output: int) = parameter * (2 * count) + output
    /// Number of outputs of the gradient kernel for this many fitted parameters.
    member _.GradientCount(fitted: int) = fitted * 2 * count
    /// What value k is.
    member _.Term(value: int) = terms.[value]
    /// Every term, in value order.
    member _.Terms: IReadOnlyList<PairTerm> = Array.AsReadOnly terms :> _
    /// Name of value k: "c.α.β", "coupling", "phi", "fB.β" or "fA.α" ("fB", "fA" for continuous charges).
    member _.TermName(value: int) = names.[value]
    /// Names of the terms, in value order.
    member _.TermNames: IReadOnlyList<string> = Array.AsReadOnly names :> _
    /// Name of output k: the term's name, or "d/dr " and the term's name for a derivative.
    member _.OutputName(output: int) = if output < count then names.[output] else "d/dr " + names.[output - count]

    interface IKernelLayout with
        member l.OutputCount = l.OutputCount
        member l.OutputName k = l.OutputName k
        member l.GradientOutput(p, k) = l.GradientOutput(p, k)
        member l.GradientCount fitted = l.GradientCount fitted

    override _.Equals(other: obj) =
        match other with
        | :? PairLayout as o ->
            o.HasContinuousCharges = continuous
            && (o.StatesA :> seq<string>) |> Seq.toArray = a
            && (o.StatesB :> seq<string>) |> Seq.toArray = b
        | _ -> false

    override _.GetHashCode() =
        let mutable h = if continuous then 23 else 17
        for s in Seq.append a ("|" :: List.ofArray b) do
            h <- h * 31 + StringComparer.Ordinal.GetHashCode s
        h

    override _.ToString() =
        if continuous then "PairLayout(continuous charges)"
        else sprintf "PairLayout(%s | %s)" (String.Join(", ", a)) (String.Join(", ", b))

/// <summary>
/// Which output of an element's embedding kernel holds what: F, F′ and F″ in the host density ρ̄;
/// a gradient kernel repeats the three per fitted parameter.
/// </summary>
[<Sealed; AllowNullLiteral(false)>]
type EmbeddingLayout private () =
    static let names = [| "F"; "F′"; "F″" |]
    static let instance = EmbeddingLayout()
    /// Output index of F(ρ̄).
    static member Value = 0
    /// Output index of F′(ρ̄).
    static member Slope = 1
    /// Output index of F″(ρ̄).
    static member Curvature = 2
    /// Number of outputs of the scalar kernel.
    static member OutputCount = 3
    /// Index of ∂(output k)/∂(fitted parameter p) in the gradient kernel's outputs.
    static member GradientOutput(parameter: int, output: int) = parameter * 3 + output
    /// Number of outputs of the gradient kernel for this many fitted parameters.
    static member GradientCount(fitted: int) = fitted * 3
    /// Name of output k.
    static member OutputName(output: int) = names.[output]
    /// The layout as a value, for readers of any kernel.
    static member Instance = instance

    interface IKernelLayout with
        member _.OutputCount = EmbeddingLayout.OutputCount
        member _.OutputName k = EmbeddingLayout.OutputName k
        member _.GradientOutput(p, k) = EmbeddingLayout.GradientOutput(p, k)
        member _.GradientCount fitted = EmbeddingLayout.GradientCount fitted
