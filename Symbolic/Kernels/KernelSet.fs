namespace Latent.Symbolic.Kernels

open System
open System.Collections.Generic
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile

/// A basis state as the runtime needs it: numbers only.
type StateInfo =
    { Name: string
      Charge: int
      Degeneracy: int
      /// E_α, eV.
      Energy: float
      /// ∂E_α/∂p for each fitted parameter p (KernelSet.Fitted order); empty when nothing is fitted.
      EnergyGradient: float list }

/// An element's charge parameters in a continuous-charge model (docs/model.md §8), as numbers.
type ChargeInfo =
    { /// χ, eV/e.
      Electronegativity: float
      /// J, eV/e², positive.
      Hardness: float }

type ElementInfo =
    { Symbol: string
      Mass: float
      Valence: float
      /// Basis states; empty in a continuous-charge model.
      States: StateInfo list
      /// χ and J in a continuous-charge model; None in an ensemble model.
      Charge: ChargeInfo option }

/// The fused kernel of one element pair (A, B), a function of the distance r. Which output holds
/// what (state-pair electrostatics, the pair term, host densities, their r-derivatives, parameter
/// gradients) is its Layout's to say; every term carries the model's smooth switch.
type PairKernel =
    { A: string
      B: string
      /// Where each output is.
      Layout: PairLayout
      /// The outputs in Layout order.
      Program: StraightLine.Program
      /// ∂/∂p of every output for each fitted parameter p (in KernelSet.Fitted order), at
      /// Layout.GradientOutput; None when nothing is fitted.
      Gradient: StraightLine.Program option }
    /// Names of the terms, in value order (the layout's).
    member p.Terms = List.ofSeq p.Layout.TermNames

/// The embedding function of one element, a function of the host density rho: outputs F, F′, F″.
/// Outputs at EmbeddingLayout's indices.
type EmbeddingKernel =
    { Symbol: string
      Program: StraightLine.Program
      /// ∂/∂p of F, F′, F″ for each fitted parameter, at EmbeddingLayout.GradientOutput.
      Gradient: StraightLine.Program option }

/// Everything generated code needs for one potential: metadata and straight-line programs.
/// Immutable and value-equal, so a source generator can cache on it.
type KernelSet =
    { Name: string
      /// Latent weights over states, or continuous charges: which engine runs the potential.
      Charges: ChargeModel
      Temperature: float
      Cutoff: float
      CutoffWidth: float
      Elements: ElementInfo list
      Pairs: PairKernel list
      Embeddings: EmbeddingKernel list
      /// Fitted parameters with their current values, in gradient order.
      Fitted: (string * float) list }

[<RequireQualifiedAccess>]
module KernelSet =
    let private r = Expr.symbol "r"
    let private rho = Expr.symbol "rho"

    /// Parameter values as expressions, for folding them into formulas.
    let private parameterBindings (potential: Potential) (keep: string list) : IReadOnlyDictionary<string, Expr> =
        let d = Dictionary<string, Expr>()
        for p in potential.Parameters do
            if not (List.contains p.Name keep) then d.[p.Name] <- Expr.ofFloat p.Value
        d :> _

    let private valueOf (potential: Potential) (e: Expr) =
        let values = potential.Parameters |> List.map (fun p -> p.Name, p.Value) |> Map.ofList
        Evaluate.at values e

    /// The smooth switch every short-range term is multiplied by (the library's `switch`).
    let switch (potential: Potential) : Expr =
        let def = FunctionLibrary.table().["switch"]
        let bindings = Dictionary<string, Expr>()
        bindings.["r"] <- r
        bindings.["r1"] <- Expr.ofFloat (potential.Cutoff - potential.CutoffWidth)
        bindings.["r2"] <- Expr.ofFloat potential.Cutoff
        Expr.substitute bindings def.Body

    let private shellsOf (potential: Potential) (state: StateSpec) : SlaterShell list =
        state.Shells |> List.map (fun s -> { Electrons = s.Electrons; Exponent = s.Exponent.Expr; ExponentValue = valueOf potential s.Exponent.Expr })

    /// LAT010 for a state pair whose Slater exponents neither closed form can take.
    let private slaterExponentsError (pair: PairSpec) (alpha: StateSpec) (beta: StateSpec) (message: string) : PotentialError =
        { Code = ErrorCodes.SlaterExponents
          Position = pair.Position
          Message = sprintf "pair %s-%s, states %s and %s: %s" pair.A pair.B alpha.Name beta.Name message }

    /// The full electrostatics C_αβ(r) between state α of A and β of B (parameters still symbols),
    /// tending to k_e q_α q_β / r far apart. Errors when Slater exponents are too close.
    let electrostatics (potential: Potential) (pair: PairSpec) (alpha: StateSpec) (beta: StateSpec) : Result<Expr, PotentialError> =
        let ea, eb = potential.Element pair.A, potential.Element pair.B
        match pair.Electrostatics with
        | PointCharges -> Ok(SlaterCoulomb.pointCharge (float alpha.Charge) (float beta.Charge) r)
        | StateFormulas formulas ->
            let _, f = formulas |> List.find (fun ((a, b), _) -> a = alpha.Name && b = beta.Name)
            Ok f.Expr
        | SlaterShells ->
            SlaterCoulomb.stateCoulomb ea.Valence (shellsOf potential alpha) eb.Valence (shellsOf potential beta) r
            |> Result.mapError (slaterExponentsError pair alpha beta)

    /// C_αβ(r) − k_e q_α q_β / r: for Slater shells built from decaying parts only, so that no
    /// digits cancel at long range; for other forms, the difference as written.
    let shortRangeElectrostatics (potential: Potential) (pair: PairSpec) (alpha: StateSpec) (beta: StateSpec) : Result<Expr, PotentialError> =
        let ea, eb = potential.Element pair.A, potential.Element pair.B
        match pair.Electrostatics with
        | SlaterShells ->
            SlaterCoulomb.stateCoulombShortRange ea.Valence (shellsOf potential alpha) eb.Valence (shellsOf potential beta) r
            |> Result.mapError (slaterExponentsError pair alpha beta)
        | _ ->
            electrostatics potential pair alpha beta
            |> Result.map (fun c -> Expr.subtract c (SlaterCoulomb.pointCharge (float alpha.Charge) (float beta.Charge) r))

    /// The layout of a pair's kernel: its elements' state names in file order, or the continuous-charge layout.
    let pairLayout (potential: Potential) (pair: PairSpec) : PairLayout =
        match potential.Charges with
        | ContinuousCharges -> PairLayout.ContinuousCharges()
        | EnsembleStates ->
            let ea, eb = potential.Element pair.A, potential.Element pair.B
            PairLayout([ for s in ea.States -> s.Name ], [ for s in eb.States -> s.Name ])

    /// k_e(J_AB(r) − 1/r) between unit charges of a continuous-charge pair: for Slater electrostatics the
    /// decaying part of the 1s–1s Coulomb integral (the form chosen as for states, docs/model.md §6); for
    /// point charges 0, as the whole k_e/r is the engine's long-range sum.
    let chargeCoupling (potential: Potential) (pair: PairSpec) : Result<Expr, PotentialError> =
        let ea, eb = potential.Element pair.A, potential.Element pair.B
        match pair.Electrostatics, ea.Charge, eb.Charge with
        | PointCharges, _, _ -> Ok Expr.zero
        | SlaterShells, Some ca, Some cb when ca.Exponent.IsSome && cb.Exponent.IsSome ->
            let shell (z: Formula) = { Electrons = 1.0; Exponent = z.Expr; ExponentValue = valueOf potential z.Expr }
            SlaterCoulomb.twoCentreShortRange (shell ca.Exponent.Value) (shell cb.Exponent.Value) r
            |> Result.map (fun j -> Expr.product [ Expr.ofFloat PhysicalConstants.CoulombConstant; j ])
            |> Result.mapError (fun message ->
                { Code = ErrorCodes.SlaterExponents
                  Position = pair.Position
                  Message = sprintf "pair %s-%s, charge exponents: %s" pair.A pair.B message })
        | _ -> invalidArg "pair" (sprintf "pair %s-%s is not a continuous-charge pair with Slater exponents" pair.A pair.B)

    /// The named terms of a pair kernel in its layout's order (before the switch and parameter folding).
    let pairTerms (potential: Potential) (pair: PairSpec) : Result<(string * Expr) list, PotentialError list> =
        let ea, eb = potential.Element pair.A, potential.Element pair.B
        let layout = pairLayout potential pair
        let terms =
            [ for k in 0 .. layout.TermCount - 1 ->
                  let formula =
                      match layout.Term k with
                      | PairTerm.Electrostatics(a, b) -> shortRangeElectrostatics potential pair ea.States.[a] eb.States.[b]
                      | PairTerm.ChargeCoupling -> chargeCoupling potential pair
                      | PairTerm.DensityAtA _ when layout.HasContinuousCharges -> Ok eb.HostDensity.Expr
                      | PairTerm.DensityAtB _ when layout.HasContinuousCharges -> Ok ea.HostDensity.Expr
                      | PairTerm.PairPotential -> Ok pair.Phi.Expr
                      | PairTerm.DensityAtA b -> Ok eb.States.[b].HostDensity.Expr
                      | PairTerm.DensityAtB a -> Ok ea.States.[a].HostDensity.Expr
                  formula |> Result.map (fun e -> layout.TermName k, e) ]
        match terms |> List.choose (function Error e -> Some e | Ok _ -> None) with
        | [] -> Ok(terms |> List.choose (function Ok t -> Some t | Error _ -> None))
        | errors -> Error errors

    /// Value and derivative outputs, optionally differentiated in fitted parameters, folded.
    /// Every program takes the variable as its one input, even where folding left it unused (a
    /// zero embedding), so every generated kernel has the same signature.
    let private programFor (potential: Potential) (variable: string) (orders: int) (terms: (string * Expr) list) =
        let fold = Expr.substitute (parameterBindings potential [])
        let withVariable (p: StraightLine.Program) : StraightLine.Program = { p with Inputs = [ variable ] }
        let derivatives (name: string, e: Expr) = [ for k in 0 .. orders -> (String.replicate k "d" + (if k > 0 then "/" else "") + name), Differentiate.nth k variable e ]
        let columns = terms |> List.map derivatives
        // All values first, then all first derivatives, then second: values[k + order*n].
        let ordered = [ for k in 0 .. orders do for c in columns -> c.[k] ]
        let value = StraightLine.build [ for name, e in ordered -> name, fold e ] |> withVariable
        let gradient =
            match potential.Fitted with
            | [] -> None
            | fitted ->
                Some(
                    StraightLine.build
                        [ for p in fitted do
                              for name, e in ordered -> sprintf "d%s/%s" p name, fold (Differentiate.withRespectTo p e) ]
                    |> withVariable
                )
        value, gradient

    /// Builds every kernel of a potential, or the located reasons it cannot.
    let build (potential: Potential) : Result<KernelSet, PotentialError list> =
        let s = switch potential
        let pairs =
            potential.Pairs
            |> List.map (fun pair ->
                pairTerms potential pair
                |> Result.map (fun terms ->
                    let switched = terms |> List.map (fun (n, e) -> n, Expr.product [ e; s ])
                    let program, gradient = programFor potential "r" 1 switched
                    { A = pair.A; B = pair.B; Layout = pairLayout potential pair; Program = program; Gradient = gradient }))
        match pairs |> List.collect (function Error es -> es | Ok _ -> []) with
        | [] ->
            let folded (e: Expr) = valueOf potential e
            // A fitted parameter may enter a state's energy too (a number: no r in it), for the weights' response.
            let energyGradient (e: Expr) = [ for p in potential.Fitted -> folded (Differentiate.withRespectTo p e) ]
            Ok
                { Name = potential.Name
                  Charges = potential.Charges
                  Temperature = potential.Temperature
                  Cutoff = potential.Cutoff
                  CutoffWidth = potential.CutoffWidth
                  Elements =
                    [ for e in potential.Elements ->
                          { Symbol = e.Symbol
                            Mass = e.Mass
                            Valence = e.Valence
                            States =
                              [ for st in e.States ->
                                    { Name = st.Name
                                      Charge = st.Charge
                                      Degeneracy = st.Degeneracy
                                      Energy = folded st.Energy.Expr
                                      EnergyGradient = energyGradient st.Energy.Expr } ]
                            Charge =
                              e.Charge
                              |> Option.map (fun c -> { Electronegativity = folded c.Electronegativity.Expr; Hardness = folded c.Hardness.Expr }) } ]
                  Pairs = pairs |> List.choose (function Ok p -> Some p | Error _ -> None)
                  Embeddings =
                    [ for e in potential.Elements ->
                          let program, gradient = programFor potential "rho" 2 [ "F", e.Embedding.Expr ]
                          { Symbol = e.Symbol; Program = program; Gradient = gradient } ]
                  Fitted = [ for p in potential.Fitted -> p, (potential.Parameters |> List.find (fun q -> q.Name = p)).Value ] }
        | errors -> Error errors

    /// The same potential with one parameter at another value and nothing fitted: the kernels a
    /// generated parameter gradient is checked against, by differences in that parameter.
    let withParameter (name: string) (value: float) (potential: Potential) : Potential =
        if not (potential.Parameters |> List.exists (fun p -> p.Name = name)) then
            invalidArg "name" (sprintf "no parameter '%s' in potential %s" name potential.Name)
        { potential with
            Parameters = potential.Parameters |> List.map (fun p -> if p.Name = name then { p with Value = value } else p)
            Fitted = [] }
