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
    let variableFor (kindName: string) (scope: ConstraintScope) = if kindName = "equation_of_state" then "a" else variable scope

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

    /// System-level kinds and the scope each needs.
    let systemKinds: (string * ConstraintScope) list =
        [ "pplb", EveryElement; "dissociation", EveryPair; "charge_conservation", Whole ]

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
    /// A condition on whole systems that runs the engine (pplb, dissociation, charge_conservation).
    | SystemLevel of name: string

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
    member this.KindName =
        match this.Kind with
        | Identity _ -> "identity"
        | Inequality _ -> "inequality"
        | Limit _ -> "limit"
        | Integral _ -> "integral"
        | PointValue _ -> "value"
        | Continuity _ -> "continuity"
        | Derivation _ -> "derivation"
        | EquationOfState _ -> "equation_of_state"
        | SystemLevel name -> name

    /// The variable its formulas are functions of (ConstraintScope.variableFor).
    member this.Variable = ConstraintScope.variableFor this.KindName this.Scope
