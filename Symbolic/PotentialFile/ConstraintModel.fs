namespace Latent.Symbolic.PotentialFile

open Latent.Symbolic

/// What a constraint ranges over. Each instance binds the scope's symbols (ConstraintScope.symbols)
/// to that element's, state's, shell's or pair's formulas, so one line states a condition for all.
type ConstraintScope =
    /// Once for the whole potential.
    | Whole
    | EveryElement
    | EveryState
    | EveryShell
    /// Every element pair of the file (Na-Na, Na-Cl, Cl-Cl).
    | EveryPair
    /// Every state of A with every state of B, for every element pair.
    | EveryStatePair

/// A condition on whole systems, checked by running the engine rather than on formulas.
type SystemCheck =
    /// E(q) of the isolated atom follows the PPLB line between integer charges.
    | Pplb
    /// A dimer pulled apart ends as neutral atoms.
    | Dissociation
    /// The solved charges add up to the system's charge.
    | ChargeConservation
    /// A dimer's free energy A(r), the solver's global minimum, has no jump from close contact to the cutoff.
    | DimerContinuity

/// Which condition a constraint states, as `kind = "…"` names it; ConstraintKind carries its formulas.
[<RequireQualifiedAccess>]
type Kind =
    | Identity
    | Inequality
    | Limit
    | Integral
    | Value
    | Continuity
    | Derivation
    | EquationOfState
    | SystemLevel of SystemCheck

[<RequireQualifiedAccess>]
module Kind =
    /// Every kind, in the order error messages list them.
    let all =
        [ Kind.Identity
          Kind.Inequality
          Kind.Limit
          Kind.Integral
          Kind.Value
          Kind.Continuity
          Kind.Derivation
          Kind.EquationOfState
          Kind.SystemLevel Pplb
          Kind.SystemLevel Dissociation
          Kind.SystemLevel ChargeConservation
          Kind.SystemLevel DimerContinuity ]

    /// The kind's name as a file writes it.
    let name (kind: Kind) =
        match kind with
        | Kind.Identity -> "identity"
        | Kind.Inequality -> "inequality"
        | Kind.Limit -> "limit"
        | Kind.Integral -> "integral"
        | Kind.Value -> "value"
        | Kind.Continuity -> "continuity"
        | Kind.Derivation -> "derivation"
        | Kind.EquationOfState -> "equation_of_state"
        | Kind.SystemLevel Pplb -> "pplb"
        | Kind.SystemLevel Dissociation -> "dissociation"
        | Kind.SystemLevel ChargeConservation -> "charge_conservation"
        | Kind.SystemLevel DimerContinuity -> "dimer_continuity"

    /// The kind a file's name stands for, if any.
    let tryParse (text: string) = all |> List.tryFind (fun k -> name k = text)

[<RequireQualifiedAccess>]
module ConstraintScope =
    /// Scope names as `for = "…"` writes them.
    let names: (string * ConstraintScope) list =
        [ "element", EveryElement; "state", EveryState; "shell", EveryShell; "pair", EveryPair; "state_pair", EveryStatePair ]

    let name (scope: ConstraintScope) =
        match names |> List.tryFind (fun (_, s) -> s = scope) with
        | Some(n, _) -> n
        | None -> "none"

    /// The variable formulas of this scope are functions of.
    let variable (scope: ConstraintScope) = if scope = EveryElement then "rho" else "r"

    /// The variable a constraint of this kind and scope is a function of: the lattice constant `a`
    /// for an equation of state, otherwise the scope's.
    let variableFor (kind: Kind) (scope: ConstraintScope) = if kind = Kind.EquationOfState then "a" else variable scope

    /// Symbols bound in every scope: the model's cutoff, where its switch starts, and θ.
    let common = [ "cutoff"; "r_on"; "theta" ]

    /// Symbols each instance binds (besides the variable and `common`); docs/constraints.md
    /// explains each. A `d` prefix is the derivative in the variable.
    let symbols (scope: ConstraintScope) : string list =
        common
        @ match scope with
          | Whole -> []
          | EveryElement -> [ "F"; "dF"; "Z"; "Znuc"; "ip1"; "ip2"; "ea"; "mass"; "alat"; "Ec"; "B"; "Omega" ]
          | EveryState -> [ "n"; "dn"; "Z"; "Znuc"; "q"; "N"; "I"; "E"; "zeta" ]
          | EveryShell -> [ "n"; "dn"; "Z"; "Znuc"; "q"; "N"; "zeta" ]
          | EveryPair -> [ "phi"; "dphi"; "S"; "k"; "dk"; "ZA"; "ZB"; "ip1A"; "ip1B"; "eaA"; "eaB" ]
          | EveryStatePair -> [ "C"; "dC"; "Cswap"; "tail"; "c"; "dc"; "qa"; "qb" ]

    /// The scope a system-level check runs over.
    let ofSystemCheck (check: SystemCheck) =
        match check with
        | Pplb -> EveryElement
        | Dissociation -> EveryPair
        | ChargeConservation -> Whole
        | DimerContinuity -> EveryPair

/// One end of an interval, or the point a limit goes to.
type Bound =
    | Infinity
    | At of Formula

/// What a constraint asserts. Formulas are in the scope's variable (r, or rho for elements).
type ConstraintKind =
    /// formula = target for every value of the variable in [lo, hi].
    | Identity of formula: Formula * target: Formula * lo: Bound * hi: Bound
    /// formula ≥ target (or ≤ when `atMost`) for every value in [lo, hi].
    | Inequality of formula: Formula * atMost: bool * target: Formula * lo: Bound * hi: Bound
    /// lim formula = target as the variable goes to `toward`.
    | Limit of formula: Formula * target: Formula * toward: Bound
    /// ∫ formula over [lo, hi] = target.
    | Integral of formula: Formula * target: Formula * lo: Bound * hi: Bound
    /// formula = target at a point, and so do their first `derivatives` derivatives.
    | PointValue of formula: Formula * target: Formula * at: Formula * derivatives: int
    /// formula and its first `derivatives` derivatives have no jump anywhere in [lo, hi].
    | Continuity of formula: Formula * lo: Bound * hi: Bound * derivatives: int
    /// The value `formula` is defined as `derived`, itself an exact condition, so the constraint
    /// named `condition` holds by construction: checked by showing formula ≡ derived and that the
    /// condition holds.
    | Derivation of formula: Formula * derived: Formula * condition: string
    /// The element's declared crystal, built by the engine at lattice constants a in [lo, hi], has
    /// an energy per atom relative to the isolated atom equal to `formula` (in `a`): an equation of
    /// state such as Rose's universal binding curve.
    | EquationOfState of formula: Formula * lo: Bound * hi: Bound
    /// A condition on whole systems that runs the engine (pplb, dissociation, charge_conservation, dimer_continuity).
    | SystemLevel of check: SystemCheck

    /// Which kind of condition this is.
    member this.Which: Kind =
        match this with
        | Identity _ -> Kind.Identity
        | Inequality _ -> Kind.Inequality
        | Limit _ -> Kind.Limit
        | Integral _ -> Kind.Integral
        | PointValue _ -> Kind.Value
        | Continuity _ -> Kind.Continuity
        | Derivation _ -> Kind.Derivation
        | EquationOfState _ -> Kind.EquationOfState
        | SystemLevel check -> Kind.SystemLevel check

/// One constraint of a potential, from the shipped library or the file itself, read and checked.
type ConstraintSpec =
    { Name: string
      Description: string
      Scope: ConstraintScope
      /// Instances where this formula (no variable) is zero are "not applicable".
      Where: Formula option
      Kind: ConstraintKind
      /// Largest |value − target| (or violation) that passes.
      Tolerance: float
      /// Whether it came from the shipped library through `use`.
      FromLibrary: bool
      Position: Position }

    /// The kind's name as a file writes it.
    member this.KindName = Kind.name this.Kind.Which

    /// The variable its formulas are functions of (ConstraintScope.variableFor).
    member this.Variable = ConstraintScope.variableFor this.Kind.Which this.Scope
