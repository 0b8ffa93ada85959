namespace Latent.Symbolic.Constraints

open System.Collections.Generic
open Latent.Symbolic
open Latent.Symbolic.PotentialFile

/// One instance of a constraint's scope: what it is called, which elements and states it is
/// about, and what the scope's symbols stand for there.
type Instance =
    { /// "Cl anion", "Na-Cl", "Na-Cl cation:anion", "Na", or "NaCl" for the whole potential.
      Label: string
      Elements: string list
      States: string list
      /// The scope's symbols as formulas in the variable, parameters folded to their values.
      Bindings: IReadOnlyDictionary<string, Expr>
      /// Symbols of the scope that have no value here, with the reason (no atomic data, ...).
      Missing: IReadOnlyDictionary<string, string> }

    /// The value of a bound symbol that is a number (ip1, ea, Z, ...); None for functions of r.
    member this.Number(name: string) : float option =
        match this.Bindings.TryGetValue name with
        | true, e when e.FreeSymbols.IsEmpty -> Some(Evaluate.at Map.empty e)
        | _ -> None

    /// The value of a bound number, NaN when the instance has none (for callers without options).
    member this.NumberOrNaN(name: string) : float = defaultArg (this.Number name) nan

type Outcome =
    | Passed
    | Failed
    /// The instance falls outside the condition (its `where` is false): neither pass nor fail.
    | NotApplicable

/// The outcome of one constraint at one instance, with the numbers that prove or refute it.
type ConstraintResult =
    { Name: string
      Instance: string
      Kind: string
      /// "symbolic", "numeric", "by construction", "engine", or "not applicable".
      Route: string
      Value: float
      Target: float
      Residual: float
      Tolerance: float
      Outcome: Outcome
      /// What is wrong when it fails (and what was found otherwise).
      Message: string }

    member this.Passed = this.Outcome <> Failed

/// The system-level kinds (pplb, dissociation, charge_conservation, equation_of_state) run the engine, which lives
/// in the runtime; it implements this so that one checker runs every kind.
type ISystemChecks =
    abstract Check: spec: ConstraintSpec * instance: Instance -> ConstraintResult

    /// Energy per atom (eV) of the element's crystal of the given structure (Lattices.names) at
    /// lattice constant a (Å), relative to the isolated atom: the engine's side of an equation of state.
    abstract CrystalEnergy: element: string * structure: string * a: float -> float
