namespace Latent.Symbolic.PotentialFile

open System
open Latent.Symbolic
open Latent.Symbolic.Components

/// What reading a constraint needs from the potential reader: its formula resolution (parameters,
/// definitions, constants, atomic data, library functions) and its error list.
type ConstraintReading =
    { /// Parses a formula; its free symbols may be parameters and the given names.
      Formula: string -> LocatedValue -> Set<string> -> Formula option
      Fail: string -> Position -> string -> unit }

/// Reads the `[constraints]` section: `use = [...]` switches on shipped library conditions by name,
/// `[[constraints.check]]` tables add the file's own. Both are constraint tables of one format,
/// read here by one function, so a library condition is nothing a user could not write.
[<RequireQualifiedAccess>]
module ConstraintSection =
    /// Keys a kind takes besides the common ones.
    let private keysOf (kind: Kind) =
        match kind with
        | Kind.Identity -> [ "formula"; "target"; "range" ]
        | Kind.Inequality -> [ "formula"; "relation"; "target"; "range" ]
        | Kind.Limit -> [ "formula"; "target"; "to" ]
        | Kind.Integral -> [ "formula"; "target"; "range" ]
        | Kind.Value -> [ "formula"; "target"; "at"; "derivatives" ]
        | Kind.Continuity -> [ "formula"; "range"; "derivatives" ]
        | Kind.Derivation -> [ "formula"; "derived"; "condition" ]
        | Kind.EquationOfState -> [ "formula"; "range" ]
        | Kind.SystemLevel _ -> []

    let private commonKeys = [ "name"; "description"; "for"; "where"; "kind"; "tolerance" ]

    /// Every kind a constraint may have, as a message lists them.
    let private kindList = String.Join(", ", Kind.all |> List.map Kind.name)

    /// Default largest residual that passes.
    let defaultTolerance = 1e-6

    /// Reads one constraint table. `at` is where results and errors about it should point: the
    /// table itself for the file's own, the `use` entry for a library condition.
    let readCheck (reading: ConstraintReading) (fromLibrary: bool) (at: Position) (table: LocatedTable) : ConstraintSpec option =
        let fail code (position: Position) message = reading.Fail code (if fromLibrary then at else position) message
        let name =
            match table.TryFind "name" with
            | Some(TString(n, _, _)) when n.Trim() <> "" -> Some n
            | Some other ->
                fail ErrorCodes.WrongType other.Position "a constraint's name must be a non-empty string"
                None
            | None ->
                fail ErrorCodes.MissingKey table.Position "a constraint needs a 'name'"
                None
        let where = sprintf "constraint '%s'" (defaultArg name "?")
        let text key =
            match table.TryFind key with
            | Some(TString(s, _, _)) -> Some s
            | Some other ->
                fail ErrorCodes.WrongType other.Position (sprintf "%s: '%s' must be a string, not %s" where key other.Kind)
                None
            | None -> None
        let scope =
            match text "for" with
            | None -> Some Whole
            | Some s ->
                match ConstraintScope.names |> List.tryFind (fun (n, _) -> n = s) with
                | Some(_, scope) -> Some scope
                | None ->
                    let names = String.Join(", ", ConstraintScope.names |> List.map fst)
                    fail ErrorCodes.UnknownConstraintKind (table.TryFind "for").Value.Position (sprintf "%s: unknown scope for = \"%s\" (expected one of: %s, or no 'for' for the whole potential)" where s names)
                    None
        let kind =
            match table.TryFind "kind", text "kind" with
            | None, _ ->
                fail ErrorCodes.MissingKey table.Position (sprintf "%s needs a 'kind' (one of: %s)" where kindList)
                None
            | Some v, Some k ->
                match Kind.tryParse k with
                | Some kind -> Some(kind, v.Position)
                | None ->
                    fail ErrorCodes.UnknownConstraintKind v.Position (sprintf "%s: unknown kind \"%s\" (expected one of: %s)" where k kindList)
                    None
            | Some _, None -> None
        match name, scope, kind with
        | Some name, Some scope, Some(kind, kindAt) ->
            let kindName = Kind.name kind
            let allowed = commonKeys @ keysOf kind
            for key, position, _ in table.Entries do
                if not (List.contains key allowed) then
                    fail ErrorCodes.UnknownKey position (sprintf "%s: unknown key '%s' for kind %s (expected one of: %s)" where key kindName (String.Join(", ", allowed)))
            let variable = ConstraintScope.variableFor kind scope
            let bound = set (ConstraintScope.symbols scope)
            let withVariable = bound.Add variable
            let formulaOf (what: string) (value: LocatedValue) (names: Set<string>) =
                let parsed = reading.Formula (sprintf "%s %s" where what) value names
                // A library formula's own position means nothing in the user's file: point at `use`.
                if fromLibrary then parsed |> Option.map (fun f -> { f with Position = at }) else parsed
            let requiredFormula key names =
                match table.TryFind key with
                | Some v -> formulaOf key v names
                | None ->
                    fail ErrorCodes.MissingKey table.Position (sprintf "%s (kind %s) needs '%s'" where kindName key)
                    None
            let target () =
                match table.TryFind "target" with
                | Some v -> formulaOf "target" v withVariable
                | None -> Some(Formula.Zero table.Position)
            let boundOf (what: string) (value: LocatedValue) : Bound option =
                match value with
                | TString("inf", _, _) -> Some Infinity
                | v -> formulaOf what v bound |> Option.map At
            let range () =
                match table.TryFind "range" with
                | Some(TArray([ lo; hi ], _)) ->
                    match boundOf "range start" lo, boundOf "range end" hi with
                    | Some Infinity, Some _ ->
                        fail ErrorCodes.InvalidValue lo.Position (sprintf "%s: a range starts at a number or formula, not at \"inf\"" where)
                        None
                    | Some l, Some h -> Some(l, h)
                    | _ -> None
                | Some other ->
                    fail ErrorCodes.WrongType other.Position (sprintf "%s: 'range' must be [start, end] (numbers, formulas or \"inf\")" where)
                    None
                | None ->
                    fail ErrorCodes.MissingKey table.Position (sprintf "%s (kind %s) needs 'range = [start, end]'" where kindName)
                    None
            // A setting the table may leave out (then `fallback`); `pick` accepts what it may be.
            let setting (key: string) (fallback: 'T) (expected: string) (pick: LocatedValue -> 'T option) : 'T option =
                match table.TryFind key with
                | None -> Some fallback
                | Some v ->
                    match pick v with
                    | Some x -> Some x
                    | None ->
                        fail ErrorCodes.InvalidValue v.Position (sprintf "%s: '%s' must be %s" where key expected)
                        None
            let derivatives () =
                setting "derivatives" 0 "0, 1 or 2" (function
                    | TInteger(d, _) when d >= 0L && d <= 2L -> Some(int d)
                    | _ -> None)
            let tolerance =
                setting "tolerance" defaultTolerance "a non-negative number" (function
                    | TInteger(i, _) when i >= 0L -> Some(float i)
                    | TFloat(f, _) when f >= 0.0 && not (Double.IsInfinity f) -> Some f
                    | _ -> None)
            let whereFormula =
                match table.TryFind "where" with
                | None -> Some None
                | Some v -> formulaOf "where" v bound |> Option.map Some
            let statement: ConstraintKind option =
                match kind with
                | Kind.Identity ->
                    match requiredFormula "formula" withVariable, target (), range () with
                    | Some f, Some t, Some(lo, hi) -> Some(Identity(f, t, lo, hi))
                    | _ -> None
                | Kind.Inequality ->
                    let atMost =
                        match text "relation" with
                        | None
                        | Some ">=" -> Some false
                        | Some "<=" -> Some true
                        | Some other ->
                            fail ErrorCodes.InvalidValue (table.TryFind "relation").Value.Position (sprintf "%s: relation must be \">=\" or \"<=\", not \"%s\"" where other)
                            None
                    match requiredFormula "formula" withVariable, atMost, target (), range () with
                    | Some f, Some m, Some t, Some(lo, hi) -> Some(Inequality(f, m, t, lo, hi))
                    | _ -> None
                | Kind.Limit ->
                    let toward =
                        match table.TryFind "to" with
                        | Some v -> boundOf "to" v
                        | None ->
                            fail ErrorCodes.MissingKey table.Position (sprintf "%s (kind limit) needs 'to' (\"inf\", a number or a formula)" where)
                            None
                    match requiredFormula "formula" withVariable, target (), toward with
                    | Some f, Some t, Some b -> Some(Limit(f, t, b))
                    | _ -> None
                | Kind.Integral ->
                    match requiredFormula "formula" withVariable, target (), range () with
                    | Some f, Some t, Some(lo, hi) -> Some(Integral(f, t, lo, hi))
                    | _ -> None
                | Kind.Value ->
                    match requiredFormula "formula" withVariable, target (), requiredFormula "at" bound, derivatives () with
                    | Some f, Some t, Some p, Some d -> Some(PointValue(f, t, p, d))
                    | _ -> None
                | Kind.Continuity ->
                    match requiredFormula "formula" withVariable, range (), derivatives () with
                    | Some f, Some(lo, hi), Some d -> Some(Continuity(f, lo, hi, d))
                    | _ -> None
                | Kind.Derivation ->
                    let condition =
                        match table.TryFind "condition", text "condition" with
                        | None, _ ->
                            fail ErrorCodes.MissingKey table.Position (sprintf "%s (kind derivation) needs 'condition', the name of the condition it makes hold" where)
                            None
                        | _, c -> c
                    match requiredFormula "formula" bound, requiredFormula "derived" bound, condition with
                    | Some f, Some d, Some c -> Some(Derivation(f, d, c))
                    | _ -> None
                | Kind.EquationOfState ->
                    if scope <> EveryElement then
                        fail ErrorCodes.InvalidValue kindAt (sprintf "%s: kind equation_of_state builds an element's declared crystal, so it needs for = \"element\"" where)
                        None
                    else
                        match requiredFormula "formula" withVariable, range () with
                        | Some f, Some(At lo, At hi) -> Some(EquationOfState(f, At lo, At hi))
                        | Some _, Some _ ->
                            fail ErrorCodes.InvalidValue (table.TryFind "range").Value.Position (sprintf "%s: an equation of state is checked over a finite range of lattice constants" where)
                            None
                        | _ -> None
                | Kind.SystemLevel check ->
                    let needed = ConstraintScope.ofSystemCheck check
                    if needed <> scope then
                        fail ErrorCodes.InvalidValue kindAt (sprintf "%s: kind %s runs %s, so it needs %s" where kindName (if needed = Whole then "once for the whole potential" else "per " + ConstraintScope.name needed) (if needed = Whole then "no 'for'" else sprintf "for = \"%s\"" (ConstraintScope.name needed)))
                        None
                    else Some(SystemLevel check)
            match statement, tolerance, whereFormula with
            | Some k, Some tol, Some w ->
                Some
                    { Name = name
                      Description = defaultArg (text "description") ""
                      Scope = scope
                      Where = w
                      Kind = k
                      Tolerance = tol
                      FromLibrary = fromLibrary
                      Position = if fromLibrary then at else table.Position }
            | _ -> None
        | _ -> None

    /// Reads the whole section: the library conditions `use` names, then the file's own checks.
    let read (reading: ConstraintReading) (section: LocatedTable) : ConstraintSpec list =
        for key, position, _ in section.Entries do
            if key <> "use" && key <> "check" then
                reading.Fail ErrorCodes.UnknownKey position (sprintf "unknown key '%s' in [constraints] (expected use, check)" key)
        // Both keys hold arrays; each item read gives a constraint or reports why not.
        let arrayOf (key: string) (notAnArray: string) (readItem: LocatedValue -> ConstraintSpec option) =
            match section.TryFind key with
            | None -> []
            | Some(TArray(items, _)) -> items |> List.choose readItem
            | Some other ->
                reading.Fail ErrorCodes.WrongType other.Position notAnArray
                []
        let library =
            arrayOf "use" "[constraints] use must be an array of library constraint names" (fun item ->
                match item with
                | TString(name, p, _) ->
                    match ConstraintLibrary.tryFind name with
                    | Some table -> readCheck reading true p table
                    | None ->
                        reading.Fail ErrorCodes.UnknownConstraint p (sprintf "unknown library constraint '%s' (the library has: %s)" name (String.Join(", ", ConstraintLibrary.names ())))
                        None
                | other ->
                    reading.Fail ErrorCodes.WrongType other.Position (sprintf "[constraints] use must list names (strings), not %s" other.Kind)
                    None)
        let own =
            arrayOf "check" "[constraints] check must be [[constraints.check]] tables" (fun item ->
                match item with
                | TTable t -> readCheck reading false t.Position t
                | other ->
                    reading.Fail ErrorCodes.WrongType other.Position "constraints must be [[constraints.check]] tables"
                    None)
        let all = library @ own
        for name, count in all |> List.countBy (fun c -> c.Name) do
            if count > 1 then
                let second = all |> List.filter (fun c -> c.Name = name) |> List.item 1
                reading.Fail ErrorCodes.Duplicate second.Position (sprintf "constraint '%s' is defined twice" name)
        // A derivation names the condition it makes hold, which the file must check too: the
        // derivation is shown as "by construction" only next to the condition's own result.
        for c in all do
            match c.Kind with
            | Derivation(_, _, condition) ->
                match all |> List.tryFind (fun o -> o.Name = condition) with
                | None when (ConstraintLibrary.tryFind condition).IsSome ->
                    reading.Fail ErrorCodes.UnknownConstraint c.Position (sprintf "constraint '%s' makes '%s' hold by construction: add \"%s\" to [constraints] use" c.Name condition condition)
                | None -> reading.Fail ErrorCodes.UnknownConstraint c.Position (sprintf "constraint '%s': its condition '%s' is not a constraint of this file" c.Name condition)
                | Some o when o.Scope <> c.Scope ->
                    reading.Fail ErrorCodes.InvalidValue c.Position (sprintf "constraint '%s' (for %s) cannot derive '%s' (for %s): their scopes differ" c.Name (ConstraintScope.name c.Scope) condition (ConstraintScope.name o.Scope))
                | Some _ -> ()
            | _ -> ()
        all
