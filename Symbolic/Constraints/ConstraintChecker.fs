namespace Latent.Symbolic.Constraints

open System
open System.Collections.Generic
open System.Globalization
open Latent.Symbolic
open Latent.Symbolic.PotentialFile

/// Checks a potential's constraints at every instance of their scopes: the symbolic route first
/// (difference simplifies to zero, dominant terms, known integrals, exact substitution), numerics
/// when that cannot decide, and the engine (through ISystemChecks) for system-level kinds. Each
/// result says which route settled it.
[<RequireQualifiedAccess>]
module ConstraintChecker =
    let private show (v: float) =
        if Double.IsPositiveInfinity v then "inf"
        elif Double.IsNegativeInfinity v then "-inf"
        else v.ToString("G8", CultureInfo.InvariantCulture)

    exception private Unresolved of string

    type private Context =
        { Potential: Potential
          Functions: IReadOnlyDictionary<string, FunctionDefinition>
          System: ISystemChecks
          Spec: ConstraintSpec
          Instance: Instance
          Variable: string }

        /// A formula with the instance's symbols and the parameters substituted.
        member this.Resolve(f: Formula) : Expr =
            let e = Expr.substitute this.Instance.Bindings (Instances.fold this.Potential f.Expr)
            match e.FreeSymbols |> Seq.tryFind (fun s -> s <> this.Variable) with
            | Some s ->
                match this.Instance.Missing.TryGetValue s with
                | true, reason -> raise (Unresolved(sprintf "'%s' needs %s, which has no value here: %s" f.Text s reason))
                | _ -> raise (Unresolved(sprintf "'%s' needs %s, which has no value here" f.Text s))
            | None -> e

        member this.At (e: Expr) (x: float) : float =
            try Evaluate.withLookup (fun s -> if s = this.Variable then Some x else None) e with _ -> nan

        /// A formula without the variable, as a number.
        member this.Number(f: Formula) : float =
            let e = this.Resolve f
            if e.FreeSymbols.Contains this.Variable then raise (Unresolved(sprintf "'%s' must not depend on %s here" f.Text this.Variable))
            else this.At e 0.0

        member this.Bound(b: Bound) : float =
            match b with
            | Infinity -> infinity
            | At f -> this.Number f

        member this.BoundText(b: Bound) =
            match b with
            | Infinity -> "inf"
            | At f -> f.Text

        member this.Result (route: string) (value: float) (target: float) (residual: float) (message: string) : ConstraintResult =
            let passed = residual <= this.Spec.Tolerance
            { Name = this.Spec.Name
              Instance = this.Instance.Label
              Kind = this.Spec.KindName
              Route = route
              Value = value
              Target = target
              Residual = residual
              Tolerance = this.Spec.Tolerance
              Outcome = if passed then Passed else Failed
              Message = sprintf "%s: %s" this.Instance.Label message }

        /// A constraint that could not be checked here: it fails, with no route and no numbers.
        member this.Failure(message: string) : ConstraintResult =
            { this.Result "none" nan nan infinity message with Outcome = Failed }

    let private residualOf (value: float) (target: float) =
        let d = abs (value - target)
        if Double.IsNaN d then infinity else d

    let private integral (c: Context) (f: Formula) (t: Formula) (lo: Bound) (hi: Bound) =
        let fe, target = c.Resolve f, c.Number t
        let a, b = c.Bound lo, c.Bound hi
        let route, value =
            match Asymptotics.monomials c.Variable fe |> Option.bind (fun ms -> KnownIntegrals.integrate ms a b) with
            | Some v -> "symbolic", v
            | None -> "numeric", NumericRoutes.integrate (c.At fe) a b
        c.Result route value target (residualOf value target)
            (sprintf "∫ %s d%s over [%s, %s] = %s, expected %s = %s" f.Text c.Variable (c.BoundText lo) (c.BoundText hi) (show value) t.Text (show target))

    /// Comparisons in an expression: where the formula may step.
    let private comparisons (e: Expr) : Expr list =
        let seen = HashSet<Expr>(HashIdentity.Reference)
        let found = ResizeArray<Expr>()
        let rec go (x: Expr) =
            if seen.Add x then
                match x.Node with
                | Compare _ -> found.Add x
                | _ -> ()
                for child in Expr.children x do
                    go child
        go e
        List.ofSeq found

    let private limit (c: Context) (f: Formula) (t: Formula) (toward: Bound) =
        let fe, target = c.Resolve f, c.Number t
        let route, value, where =
            match toward with
            | Infinity ->
                match Asymptotics.limitAtInfinity c.Variable fe with
                | Some v -> "symbolic", v, "inf"
                | None -> "numeric", NumericRoutes.limitAtInfinity (c.At fe), "inf"
            | At p ->
                let x = c.Number p
                // Substitution is the limit where the formula is continuous: no select, finite value.
                let direct = c.At fe x
                if Finite.is direct && (comparisons fe).IsEmpty then "symbolic", direct, p.Text
                else "numeric", NumericRoutes.limitAt (c.At fe) x, p.Text
        c.Result route value target (residualOf value target)
            (sprintf "lim %s→%s %s = %s, expected %s = %s" c.Variable where f.Text (show value) t.Text (show target))

    let private identity (c: Context) (f: Formula) (t: Formula) (lo: Bound) (hi: Bound) =
        let fe, te = c.Resolve f, c.Resolve t
        let difference = Simplify.expand (Expr.subtract fe te)
        let a, b = c.Bound lo, c.Bound hi
        if Expr.isZero difference then
            c.Result "symbolic" 0.0 0.0 0.0 (sprintf "%s − (%s) simplifies to 0" f.Text t.Text)
        else
            let x, m = NumericRoutes.minimum (fun x -> -abs (c.At difference x)) a b
            let residual = if Double.IsNaN m then infinity else -m
            // The value is the largest difference, whose target is 0.
            c.Result "numeric" residual 0.0 residual
                (sprintf "%s = %s on [%s, %s]: largest difference %s at %s = %s (%s vs %s)" f.Text t.Text (c.BoundText lo) (c.BoundText hi) (show residual) c.Variable (show x) (show (c.At fe x)) (show (c.At te x)))

    let private inequality (c: Context) (f: Formula) (atMost: bool) (t: Formula) (lo: Bound) (hi: Bound) =
        let fe, te = c.Resolve f, c.Resolve t
        let g = if atMost then Expr.subtract te fe else Expr.subtract fe te
        let a, b = c.Bound lo, c.Bound hi
        let relation = if atMost then "<=" else ">="
        let x, m = NumericRoutes.minimum (c.At g) a b
        // Every term c·x^k·e^{−ax} with c ≥ 0 is non-negative for x ≥ 0: then so is the sum.
        let provedTermwise =
            a >= 0.0
            && (match Asymptotics.monomials c.Variable g with
                | Some terms -> terms |> List.forall (fun l -> l.Coefficient >= 0.0)
                | None -> false)
        if provedTermwise then
            c.Result "symbolic" (c.At fe x) (c.At te x) 0.0 (sprintf "%s %s %s: every term of the difference is non-negative (least %s at %s = %s)" f.Text relation t.Text (show m) c.Variable (show x))
        else
            let residual = if Double.IsNaN m then infinity else max 0.0 -m
            c.Result "numeric" (c.At fe x) (c.At te x) residual
                (if residual > c.Spec.Tolerance then sprintf "%s %s %s fails at %s = %s: %s = %s, %s = %s" f.Text relation t.Text c.Variable (show x) f.Text (show (c.At fe x)) t.Text (show (c.At te x))
                 else sprintf "%s %s %s on [%s, %s] (closest at %s = %s)" f.Text relation t.Text (c.BoundText lo) (c.BoundText hi) c.Variable (show x))

    let private pointValue (c: Context) (f: Formula) (t: Formula) (at: Formula) (derivatives: int) =
        let fe, te = c.Resolve f, c.Resolve t
        let x = c.Number at
        let point = Dictionary<string, Expr>()
        point.[c.Variable] <- Expr.ofFloat x
        let orders =
            [ for k in 0..derivatives ->
                  let fk, tk = Differentiate.nth k c.Variable fe, Differentiate.nth k c.Variable te
                  // Exact substitution folds to a number unless something is singular there.
                  let exact (e: Expr) = try Some(Expr.substitute point e) |> Option.filter Expr.isNumber with _ -> None
                  match exact fk, exact tk with
                  | Some a, Some b -> k, "symbolic", c.At a 0.0, c.At b 0.0
                  | _ -> k, "numeric", c.At fk x, c.At tk x ]
        let route = if orders |> List.forall (fun (_, r, _, _) -> r = "symbolic") then "symbolic" else "numeric"
        let worst = orders |> List.maxBy (fun (_, _, v, t) -> residualOf v t)
        let _, _, v0, t0 = orders.Head
        let describe (k, _, v, t) =
            let name = if k = 0 then f.Text else sprintf "d%s %s/d%s%s" (if k > 1 then string k else "") f.Text c.Variable (if k > 1 then string k else "")
            sprintf "%s = %s (expected %s)" name (show v) (show t)
        let _, _, wv, wt = worst
        c.Result route v0 t0 (residualOf wv wt)
            (sprintf "at %s = %s (%s): %s" c.Variable at.Text (show x) (String.Join("; ", orders |> List.map describe)))

    let private continuity (c: Context) (f: Formula) (lo: Bound) (hi: Bound) (derivatives: int) =
        let fe = c.Resolve f
        let a, b = c.Bound lo, c.Bound hi
        let steps =
            [ for cmp in comparisons fe do
                  match cmp.Node with
                  | Compare(_, left, right) ->
                      let g = Expr.subtract left right
                      let slope = Differentiate.withRespectTo c.Variable g
                      // A comparison linear in the variable switches at one point, found exactly;
                      // otherwise its sign changes over dense samples are bisected.
                      let points, route =
                          if not (slope.FreeSymbols.Contains c.Variable) && c.At slope 0.0 <> 0.0 then
                              [ -(c.At g 0.0) / c.At slope 0.0 ], "symbolic"
                          else
                              let xs = NumericRoutes.samples a (if Double.IsInfinity b then 1e4 else b)
                              [ for x0, x1 in List.pairwise xs do
                                    if sign (c.At g x0) <> sign (c.At g x1) then
                                        let mutable l, h = x0, x1
                                        for _ in 1..80 do
                                            let m = 0.5 * (l + h)
                                            if sign (c.At g m) = sign (c.At g l) then l <- m else h <- m
                                        yield 0.5 * (l + h) ],
                              "numeric"
                      for x in points do
                          if x >= a && x <= b then
                              let forced (value: Expr) = fe |> Expr.transform (fun n -> if n = cmp then value else n)
                              let one, zero = forced Expr.one, forced Expr.zero
                              for k in 0..derivatives do
                                  let jump = abs (c.At (Differentiate.nth k c.Variable one) x - c.At (Differentiate.nth k c.Variable zero) x)
                                  yield x, k, (if Double.IsNaN jump then infinity else jump), route
                  | _ -> () ]
        match steps with
        | [] -> c.Result "symbolic" 0.0 0.0 0.0 (sprintf "%s has no comparison in it: continuous by construction" f.Text)
        | _ ->
            let x, k, jump, _ = steps |> List.maxBy (fun (_, _, j, _) -> j)
            let route = if steps |> List.forall (fun (_, _, _, r) -> r = "symbolic") then "symbolic" else "numeric"
            let what = if k = 0 then f.Text else sprintf "d%s/d%s" f.Text c.Variable
            let places = steps |> List.map (fun (x, _, _, _) -> x) |> List.distinct |> List.sort
            c.Result route jump 0.0 jump
                (sprintf "%s switches at %s = %s; the largest step is in %s at %s = %s: %s" f.Text c.Variable (String.Join(", ", places |> List.map show)) what c.Variable (show x) (show jump))

    /// Lattice constants at which an equation of state is compared: evenly spaced, ends included.
    let equationOfStatePoints = 25

    /// The engine's crystal energy per atom against the formula over the range of lattice constants.
    let private equationOfState (c: Context) (f: Formula) (lo: Bound) (hi: Bound) =
        let element = c.Instance.Elements.Head
        match (c.Potential.Element element).Lattice with
        | None -> c.Failure(sprintf "%s declares no crystal: add [elements.%s.lattice]" element element)
        | Some lattice ->
            let fe = c.Resolve f
            let a, b = c.Bound lo, c.Bound hi
            if not (a > 0.0 && b > a) then c.Failure(sprintf "the range of lattice constants [%s, %s] = [%s, %s] Å is empty or not positive" (c.BoundText lo) (c.BoundText hi) (show a) (show b))
            else
                let n = equationOfStatePoints
                let samples =
                    [ for k in 0 .. n - 1 ->
                          let x = a + (b - a) * float k / float (n - 1)
                          x, c.System.CrystalEnergy(element, lattice.Structure, x), c.At fe x ]
                let x, e, t = samples |> List.maxBy (fun (_, e, t) -> residualOf e t)
                let xm, em, _ = samples |> List.minBy (fun (_, e, _) -> e)
                let residual = residualOf e t
                c.Result "engine" e t residual
                    (sprintf "%s crystal at %d lattice constants in [%s, %s] Å against %s: largest |E − formula| = %s eV/atom at a = %s Å (E = %s, formula = %s); lowest E = %s eV/atom at a = %s Å"
                        lattice.Structure n (show a) (show b) f.Text (show residual) (show x) (show e) (show t) (show em) (show xm))

    let rec private checkAt (potential: Potential) (functions: IReadOnlyDictionary<string, FunctionDefinition>) (system: ISystemChecks) (spec: ConstraintSpec) (instance: Instance) : ConstraintResult =
        let c =
            { Potential = potential
              Functions = functions
              System = system
              Spec = spec
              Instance = instance
              Variable = spec.Variable }
        try
            // A `where` that needs a symbol this instance has no value for (no crystal declared, no
            // atomic data) means the condition is not about this instance.
            let applies =
                match spec.Where with
                | None -> Ok true
                | Some w ->
                    try Ok(c.Number w <> 0.0) with Unresolved reason -> Error reason
            match applies with
            | Ok false -> { c.Result "not applicable" nan nan 0.0 (sprintf "does not apply (%s is false)" spec.Where.Value.Text) with Outcome = NotApplicable }
            | Error reason -> { c.Result "not applicable" nan nan 0.0 (sprintf "does not apply: %s" reason) with Outcome = NotApplicable }
            | Ok true ->
                match spec.Kind with
                | Integral(f, t, lo, hi) -> integral c f t lo hi
                | Limit(f, t, toward) -> limit c f t toward
                | Identity(f, t, lo, hi) -> identity c f t lo hi
                | Inequality(f, atMost, t, lo, hi) -> inequality c f atMost t lo hi
                | PointValue(f, t, at, d) -> pointValue c f t at d
                | Continuity(f, lo, hi, d) -> continuity c f lo hi d
                | SystemLevel _ -> system.Check(spec, instance)
                | EquationOfState(f, lo, hi) -> equationOfState c f lo hi
                | Derivation(f, derived, conditionName) ->
                    let value, target = c.Number f, c.Number derived
                    let condition = potential.Constraints |> List.find (fun o -> o.Name = conditionName)
                    let held = checkAt potential functions system condition instance
                    let exact = abs (value - target) <= 4e-16 * max (abs value) (abs target)
                    let residual = residualOf value target
                    let route = if exact then "by construction" else "numeric"
                    let result = c.Result route value target residual ""
                    let conditionText = sprintf "%s %s (%s, residual %s)" conditionName (if held.Passed then "holds" else "fails") held.Route (show held.Residual)
                    if result.Passed && held.Passed then
                        { result with
                            Message =
                                if exact then sprintf "%s: %s = %s = %s, so %s holds by construction; %s" instance.Label f.Text derived.Text (show value) conditionName conditionText
                                else sprintf "%s: %s = %s agrees with %s = %s within %s; %s" instance.Label f.Text (show value) derived.Text (show target) (show residual) conditionText }
                    elif result.Passed then
                        { result with Outcome = Failed; Message = sprintf "%s: %s = %s = %s, but %s" instance.Label f.Text derived.Text (show value) conditionText }
                    else
                        { result with Message = sprintf "%s: %s = %s is not %s = %s, so %s does not hold by construction; %s" instance.Label f.Text (show value) derived.Text (show target) conditionName conditionText }
        with
        | Unresolved message -> c.Failure message
        | e -> c.Failure(sprintf "could not be checked: %s" e.Message)

    /// Checks every constraint of the potential at every instance of its scope, in file order.
    /// `functions` is the component library the file was read with.
    let check (potential: Potential) (functions: IReadOnlyDictionary<string, FunctionDefinition>) (system: ISystemChecks) : ConstraintResult list =
        [ for spec in potential.Constraints do
              match Instances.ofScope potential functions spec.Scope with
              | [] when potential.Charges = ContinuousCharges ->
                  // A condition on states or shells says nothing about continuous charges: said once, not left out.
                  yield
                      { Name = spec.Name
                        Instance = potential.Name
                        Kind = spec.KindName
                        Route = "not applicable"
                        Value = nan
                        Target = nan
                        Residual = 0.0
                        Tolerance = spec.Tolerance
                        Outcome = NotApplicable
                        Message =
                          sprintf "%s: does not apply: it is about basis states (for = \"%s\"), and a continuous-charge model has none; each charge is spread as one Slater 1s density of its element's charge_exponent, normalised to it by construction"
                              potential.Name (ConstraintScope.name spec.Scope) }
              | instances ->
                  for instance in instances do
                      yield checkAt potential functions system spec instance ]
