namespace Latent.Symbolic.Constraints

open System.Collections.Generic
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.Kernels
open Latent.Symbolic.PotentialFile

/// The instances of each constraint scope for one potential, with the scope's symbols bound to
/// that instance's formulas (docs/constraints.md lists them).
[<RequireQualifiedAccess>]
module Instances =
    let private r = Expr.symbol "r"
    let private rho = Expr.symbol "rho"

    /// Folds the file's parameters to their current values, as kernels do.
    let fold (potential: Potential) (e: Expr) : Expr =
        let d = Dictionary<string, Expr>()
        for p in potential.Parameters do
            d.[p.Name] <- Expr.ofFloat p.Value
        Expr.substitute d e

    /// A library function applied to arguments, expanded as the parser expands a call.
    let private call (functions: IReadOnlyDictionary<string, FunctionDefinition>) (name: string) (args: Expr list) =
        let f = functions.[name]
        let d = Dictionary<string, Expr>()
        for p, a in List.zip f.Parameters args do
            d.[p] <- a
        Expr.substitute d f.Body

    type private Builder(potential: Potential) =
        let bindings = Dictionary<string, Expr>()
        let missing = Dictionary<string, string>()

        do
            bindings.["cutoff"] <- Expr.ofFloat potential.Cutoff
            bindings.["r_on"] <- Expr.ofFloat (potential.Cutoff - potential.CutoffWidth)
            bindings.["theta"] <- Expr.ofFloat potential.Temperature

        member _.Bind (name: string) (e: Expr) = bindings.[name] <- fold potential e

        /// Binds a function of `variable` and its derivative, d-prefixed.
        member this.BindWithDerivative (variable: string) (name: string) (e: Expr) =
            this.Bind name e
            this.Bind ("d" + name) (Differentiate.withRespectTo variable e)

        member this.Optional (name: string) (value: float option) (reason: string) =
            match value with
            | Some v -> this.Bind name (Expr.ofFloat v)
            | None -> missing.[name] <- reason

        member _.Build (label: string) (elements: string list) (states: string list) : Instance =
            { Label = label
              Elements = elements
              States = states
              Bindings = Dictionary<string, Expr>(bindings) :> IReadOnlyDictionary<_, _>
              Missing = Dictionary<string, string>(missing) :> IReadOnlyDictionary<_, _> }

    let private record (symbol: string) = AtomicData.tryFind symbol

    /// Atomic number, ionisation energies and electron affinity of an element under the given names.
    /// An anion the table does not list is not bound: its EA counts as 0.
    let private atomic (b: Builder) (symbol: string) (suffix: string) =
        let data = record symbol
        let none what = sprintf "the atomic-data table has no %s for %s" what symbol
        b.Optional ("ip1" + suffix) (data |> Option.bind (fun d -> d.Ip1)) (none "ip1")
        b.Optional ("ip2" + suffix) (data |> Option.bind (fun d -> d.Ip2)) (none "ip2")
        b.Optional ("ea" + suffix) (data |> Option.map (fun d -> defaultArg d.ElectronAffinity 0.0)) (none "data")

    let private show (v: float) = v.ToString("G8", System.Globalization.CultureInfo.InvariantCulture)

    let private chargeText (q: int) = if q = 0 then "0" else sprintf "%+d" q

    /// The value of a state's energy formula at the file's current parameters.
    let private energyOf (potential: Potential) (state: StateSpec) = Evaluate.at Map.empty (fold potential state.Energy.Expr)

    /// The element's state of the given charge with the lowest energy, and that energy.
    let private lowestOfCharge (potential: Potential) (element: ElementSpec) (charge: int) =
        element.States
        |> List.filter (fun s -> s.Charge = charge)
        |> List.map (fun s -> s, energyOf potential s)
        |> List.sortBy snd
        |> List.tryHead

    /// The atomic data's energy binding the outermost electron of the ground state of a charge:
    /// anion EA, neutral IP₁, cation IP₂; with what it is, for messages.
    let private tabulatedBinding (symbol: string) (charge: int) : Result<float * string, string> =
        let pick what (f: AtomicRecord -> float option) =
            match record symbol |> Option.bind f with
            | Some v -> Ok(v, sprintf "%s of %s" what symbol)
            | None -> Error(sprintf "%s declares no state of charge %s and the atomic-data table has no %s for %s" symbol (chargeText (charge + 1)) what symbol)
        match charge with
        | -1 -> pick "electron affinity" (fun d -> d.ElectronAffinity)
        | 0 -> pick "ip1" (fun d -> d.Ip1)
        | 1 -> pick "ip2" (fun d -> d.Ip2)
        | q -> Error(sprintf "%s declares no state of charge %+d, and no binding energy is tabulated for charge %+d (only anion, neutral and cation)" symbol (q + 1) q)

    /// I_α, the energy that removes the state's outermost electron: E(lowest state of charge q_α + 1) − E_α
    /// from the file's own state energies when the element declares a state of that charge; otherwise
    /// the atomic data's binding energy of the ground state of charge q_α less the state's excitation
    /// above the file's lowest state of its charge. So ground, excited and charge-transfer states each
    /// get their own (docs/constraints.md, "Which I a state gets").
    let private bindingEnergy (potential: Potential) (element: ElementSpec) (state: StateSpec) : Result<float, string> =
        let e = energyOf potential state
        let found =
            match lowestOfCharge potential element (state.Charge + 1) with
            | Some(ionised, eIonised) ->
                Ok(eIonised - e, sprintf "E(%s) − E(%s) = %s − %s eV" ionised.Name state.Name (show eIonised) (show e))
            | None ->
                let ground = lowestOfCharge potential element state.Charge |> Option.map snd |> Option.defaultValue e
                tabulatedBinding element.Symbol state.Charge
                |> Result.map (fun (v, what) ->
                    if e = ground then v, what
                    else v - (e - ground), sprintf "%s less the excitation: %s − %s eV" what (show v) (show (e - ground)))
        match found with
        | Ok(i, _) when i > 0.0 -> Ok i
        | Ok(i, how) -> Error(sprintf "state %s of %s is not bound: I = %s = %s eV is not positive" state.Name element.Symbol how (show i))
        | Error m -> Error m

    let private stateBase (potential: Potential) (b: Builder) (element: ElementSpec) (state: StateSpec) =
        b.Bind "Z" (Expr.ofFloat element.Valence)
        b.Optional "Znuc" (record element.Symbol |> Option.map (fun d -> float d.AtomicNumber)) (sprintf "%s is not in the atomic-data table" element.Symbol)
        b.Bind "q" (Expr.ofInt state.Charge)

    let private density (functions: IReadOnlyDictionary<string, FunctionDefinition>) (shells: ShellSpec list) =
        Expr.sum [ for s in shells -> call functions "slater_density" [ r; Expr.ofFloat s.Electrons; s.Exponent.Expr ] ]

    let private states (potential: Potential) (functions: IReadOnlyDictionary<string, FunctionDefinition>) : Instance list =
        [ for e in potential.Elements do
              for s in e.States do
                  let b = Builder(potential)
                  stateBase potential b e s
                  b.Bind "N" (Expr.ofFloat (e.Valence - float s.Charge))
                  b.BindWithDerivative "r" "n" (density functions s.Shells)
                  b.Bind "E" s.Energy.Expr
                  match bindingEnergy potential e s with
                  | Ok v -> b.Bind "I" (Expr.ofFloat v)
                  | Error m -> b.Optional "I" None m
                  // The outermost shell is the one that decays slowest: the smallest exponent.
                  let outer = s.Shells |> List.sortBy (fun sh -> Evaluate.at Map.empty (fold potential sh.Exponent.Expr)) |> List.tryHead
                  match outer with
                  | Some sh -> b.Bind "zeta" sh.Exponent.Expr
                  | None -> b.Optional "zeta" None (sprintf "state %s of %s has no shells" s.Name e.Symbol)
                  yield b.Build (sprintf "%s %s" e.Symbol s.Name) [ e.Symbol ] [ s.Name ] ]

    let private shells (potential: Potential) (functions: IReadOnlyDictionary<string, FunctionDefinition>) : Instance list =
        [ for e in potential.Elements do
              for s in e.States do
                  for i, sh in List.indexed s.Shells do
                      let b = Builder(potential)
                      stateBase potential b e s
                      b.Bind "N" (Expr.ofFloat sh.Electrons)
                      b.Bind "zeta" sh.Exponent.Expr
                      b.BindWithDerivative "r" "n" (density functions [ sh ])
                      yield b.Build (sprintf "%s %s shell %d" e.Symbol s.Name (i + 1)) [ e.Symbol ] [ s.Name ] ]

    let private elements (potential: Potential) : Instance list =
        [ for e in potential.Elements do
              let b = Builder(potential)
              b.Bind "Z" (Expr.ofFloat e.Valence)
              b.Optional "Znuc" (record e.Symbol |> Option.map (fun d -> float d.AtomicNumber)) (sprintf "%s is not in the atomic-data table" e.Symbol)
              b.Bind "mass" (Expr.ofFloat e.Mass)
              atomic b e.Symbol ""
              b.BindWithDerivative "rho" "F" e.Embedding.Expr
              match e.Lattice with
              | Some lattice ->
                  b.Bind "alat" lattice.Constant.Expr
                  b.Bind "Ec" lattice.CohesiveEnergy.Expr
                  b.Bind "B" lattice.BulkModulus.Expr
                  let a = Evaluate.at Map.empty (fold potential lattice.Constant.Expr)
                  b.Bind "Omega" (Expr.ofFloat (Lattices.atomicVolume lattice.Structure a))
              | None ->
                  for name in [ "alat"; "Ec"; "B"; "Omega" ] do
                      b.Optional name None (sprintf "%s declares no crystal ([elements.%s.lattice])" e.Symbol e.Symbol)
              yield b.Build e.Symbol [ e.Symbol ] [] ]

    let private pairs (potential: Potential) : Instance list =
        [ for p in potential.Pairs do
              let b = Builder(potential)
              let s = KernelSet.switch potential
              b.BindWithDerivative "r" "phi" p.Phi.Expr
              b.Bind "S" s
              b.BindWithDerivative "r" "k" (Expr.product [ p.Phi.Expr; s ])
              b.Bind "ZA" (Expr.ofFloat (potential.Element p.A).Valence)
              b.Bind "ZB" (Expr.ofFloat (potential.Element p.B).Valence)
              atomic b p.A "A"
              atomic b p.B "B"
              yield b.Build (sprintf "%s-%s" p.A p.B) [ p.A; p.B ] [] ]

    /// The same pair with its elements in the other order, for C^BA_βα. A heteronuclear pair's
    /// hand-written table has one entry per state pair, used for both orders, so its keys turn with
    /// the elements; a homonuclear pair's table holds both α:β and β:α, and the engine uses each
    /// for one order of the atoms, so the keys stay and Cswap is the other entry.
    let private swapped (pair: PairSpec) : PairSpec =
        { pair with
            A = pair.B
            B = pair.A
            Electrostatics =
                match pair.Electrostatics with
                | StateFormulas fs when pair.A <> pair.B -> StateFormulas [ for (a, b), f in fs -> (b, a), f ]
                | other -> other }

    /// What every state_pair instance binds, for integer states and continuous unit charges alike: C (the pair's
    /// Coulomb coupling) and its derivative, C with the atoms swapped, the short-range part c = (C - tail)·switch,
    /// the point-charge tail and the two charges. A coupling that cannot be built leaves C, Cswap and c unset with why.
    let private bindCoupling (b: Builder) (potential: Potential) (tail: Expr) (qa: Expr) (qb: Expr)
                             (coupling: Result<Expr, PotentialError>) (swappedCoupling: Result<Expr, PotentialError>) =
        match coupling, swappedCoupling with
        | Ok c, Ok cswap ->
            b.BindWithDerivative "r" "C" c
            b.Bind "Cswap" cswap
            b.BindWithDerivative "r" "c" (Expr.product [ Expr.subtract c tail; KernelSet.switch potential ])
        | Error e, _
        | _, Error e ->
            for name in [ "C"; "dC"; "Cswap"; "c"; "dc" ] do
                b.Optional name None e.Message
        b.Bind "tail" tail
        b.Bind "qa" qa
        b.Bind "qb" qb

    let private statePairs (potential: Potential) : Instance list =
        [ for p in potential.Pairs do
              let ea, eb = potential.Element p.A, potential.Element p.B
              for alpha in ea.States do
                  for beta in eb.States do
                      let b = Builder(potential)
                      bindCoupling b potential (SlaterCoulomb.pointCharge (float alpha.Charge) (float beta.Charge) r)
                          (Expr.ofInt alpha.Charge) (Expr.ofInt beta.Charge)
                          (KernelSet.electrostatics potential p alpha beta) (KernelSet.electrostatics potential (swapped p) beta alpha)
                      yield b.Build (sprintf "%s-%s %s:%s" p.A p.B alpha.Name beta.Name) [ p.A; p.B ] [ alpha.Name; beta.Name ] ]

    /// A continuous-charge model's state_pair scope: one instance per pair, for unit charges (qa = qb = 1),
    /// with C the full Coulomb energy k_e J_AB(r) of the two Slater 1s densities (docs/model.md §8), so the
    /// Coulomb tail and the symmetry are checked on what the charges actually feel.
    let private chargePairs (potential: Potential) : Instance list =
        [ for p in potential.Pairs do
              let b = Builder(potential)
              let tail = SlaterCoulomb.pointCharge 1.0 1.0 r
              let coupling (pair: PairSpec) = KernelSet.chargeCoupling potential pair |> Result.map (fun c -> Expr.sum [ c; tail ])
              bindCoupling b potential tail Expr.one Expr.one (coupling p) (coupling (swapped p))
              yield b.Build (sprintf "%s-%s unit charges" p.A p.B) [ p.A; p.B ] [] ]

    /// Every instance of a scope. `functions` is the component library the file was read with
    /// (state densities are sums of its `slater_density`).
    let ofScope (potential: Potential) (functions: IReadOnlyDictionary<string, FunctionDefinition>) (scope: ConstraintScope) : Instance list =
        match scope with
        | Whole -> [ Builder(potential).Build potential.Name [ for e in potential.Elements -> e.Symbol ] [] ]
        | EveryElement -> elements potential
        | EveryState -> states potential functions
        | EveryShell -> shells potential functions
        | EveryPair -> pairs potential
        | EveryStatePair when potential.Charges = ContinuousCharges -> chargePairs potential
        | EveryStatePair -> statePairs potential
