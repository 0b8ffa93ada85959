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
/// The kernel's values are its terms: the state-pair electrostatics C_αβ for every α of A and β of
/// B, the pair term φ, the host densities that B's states give at A, those that A's states give at
/// B; then the r-derivative of each, in the same order; a gradient kernel repeats all of these once
/// per fitted parameter. Built from the two elements' state names when the kernel set is built, and
/// printed into generated code as data, so every reader (engine, verifier, benchmarks, a later
/// emitter) asks this value instead of repeating the order.
/// </summary>
[<Sealed; AllowNullLiteral(false)>]
type PairLayout(statesA: seq<string>, statesB: seq<string>) =
    let a = Array.ofSeq statesA
    let b = Array.ofSeq statesB
    let nA = a.Length
    let nB = b.Length
    let pair = nA * nB
    let densityAtA = pair + 1
    let densityAtB = densityAtA + nB
    let count = densityAtB + nA
    let terms =
        [| for i in 0 .. nA - 1 do
               for j in 0 .. nB - 1 -> PairTerm.Electrostatics(i, j)
           yield PairTerm.PairPotential
           for j in 0 .. nB - 1 -> PairTerm.DensityAtA j
           for i in 0 .. nA - 1 -> PairTerm.DensityAtB i |]
    let name term =
        match term with
        | PairTerm.Electrostatics(i, j) -> sprintf "c.%s.%s" a.[i] b.[j]
        | PairTerm.PairPotential -> "phi"
        | PairTerm.DensityAtA j -> "fB." + b.[j]
        | PairTerm.DensityAtB i -> "fA." + a.[i]
    let names = terms |> Array.map name
    do
        if nA = 0 || nB = 0 then invalidArg "statesA" "every element has at least one state"

    /// Names of A's states, in file order.
    member _.StatesA: IReadOnlyList<string> = Array.AsReadOnly a :> _
    /// Names of B's states, in file order.
    member _.StatesB: IReadOnlyList<string> = Array.AsReadOnly b :> _
    /// Number of states of A.
    member _.StateCountA = nA
    /// Number of states of B.
    member _.StateCountB = nB
    /// Number of terms n: values are outputs 0 … n − 1, their r-derivatives n … 2n − 1.
    member _.TermCount = count
    /// Number of outputs of the scalar kernel (values and r-derivatives).
    member _.OutputCount = 2 * count
    /// Value index of C_αβ.
    member _.Electrostatics(alpha: int, beta: int) = alpha * nB + beta
    /// Value index of φ.
    member _.PairPotential = pair
    /// Value index of the density B's state β gives at A.
    member _.DensityAtA(beta: int) = densityAtA + beta
    /// Value index of the density A's state α gives at B.
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
    /// Name of value k: "c.α.β", "phi", "fB.β" or "fA.α".
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
        | :? PairLayout as o -> (o.StatesA :> seq<string>) |> Seq.toArray = a && (o.StatesB :> seq<string>) |> Seq.toArray = b
        | _ -> false

    override _.GetHashCode() =
        let mutable h = 17
        for s in Seq.append a ("|" :: List.ofArray b) do
            h <- h * 31 + StringComparer.Ordinal.GetHashCode s
        h

    override _.ToString() = sprintf "PairLayout(%s | %s)" (String.Join(", ", a)) (String.Join(", ", b))

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
