namespace Latent.Symbolic.PotentialFile

open System
open System.Collections.Generic
open System.Text.RegularExpressions
open Latent.Symbolic
open Latent.Symbolic.Components

/// Reads a potential file (format 1, docs/potential-format.md) into a checked `Potential`,
/// collecting every problem it can find with its position rather than stopping at the first.
[<RequireQualifiedAccess>]
module PotentialReader =
    /// Units a parameter may declare. Anything else is more likely a typo than a new unit.
    let knownUnits =
        set [ "1"; "eV"; "Å"; "1/Å"; "1/Å^2"; "eV·Å"; "eV/Å"; "eV/Å^2"; "eV/Å^3"; "GPa"; "Å^3"; "e"; "amu"; "fs"; "K" ]

    /// Variables each kind of formula may depend on.
    let private distance = set [ "r" ]
    let private hostDensity = set [ "rho" ]
    let private noVariables = Set.empty

    type private Reader(functions: IReadOnlyDictionary<string, FunctionDefinition>) =
        let errors = ResizeArray<PotentialError>()
        let parameters = Dictionary<string, Parameter>()
        let definitions = Dictionary<string, Expr>()
        let definitionList = ResizeArray<string * Formula>()
        let constants = Dictionary<string, Expr>()
        // Parameters and definitions the file declares but that failed to read: their error is reported
        // once, where they are declared, not again as an "unknown symbol" wherever they are used.
        let rejected = HashSet<string>()

        do
            for name, value, _ in PhysicalConstants.byName do
                constants.[name] <- Expr.ofFloat value

        member _.Errors = errors
        member _.Parameters = parameters
        member _.Definitions = List.ofSeq definitionList
        member _.Rejected = rejected

        member _.Fail (code: string) (position: Position) (message: string) =
            errors.Add { Code = code; Position = position; Message = message }

        /// A position inside a formula string mapped onto the file.
        member _.Locate (value: LocatedValue) (inner: Position) : Position =
            match value with
            | TString(_, _, Some start) ->
                if inner.Line = 1 then { Line = start.Line; Column = start.Column + inner.Column - 1 }
                else { Line = start.Line + inner.Line - 1; Column = inner.Column }
            | other -> other.Position

        /// Where a symbol first occurs in a formula's text, located in the file.
        member this.LocateSymbol (value: LocatedValue) (text: string) (symbol: string) : Position =
            let m = Regex.Match(text, @"(?<![A-Za-z0-9_])" + Regex.Escape symbol + @"(?![A-Za-z0-9_])")
            if not m.Success then value.Position
            else
                let before = text.Substring(0, m.Index)
                let line = 1 + (before |> Seq.filter ((=) '\n') |> Seq.length)
                let column = m.Index - (before.LastIndexOf '\n' + 1) + 1
                this.Locate value { Line = line; Column = column }

        /// Resolves a data name (ip1_Na), a constant or a definition to its expression.
        member this.Binding (name: string) : Result<Expr, string * string> option =
            match definitions.TryGetValue name with
            | true, e -> Some(Ok e)
            | _ ->
                match constants.TryGetValue name with
                | true, e -> Some(Ok e)
                | _ ->
                    match AtomicData.lookup name with
                    | Some(Ok v) -> Some(Ok(Expr.ofFloat v))
                    | Some(Error m) -> Some(Error(ErrorCodes.AtomicData, m))
                    | None -> None

        /// Parses a formula (a string, or a bare number) whose free symbols may be parameters and
        /// the given variables; definitions, constants and atomic data are substituted.
        member this.Formula (what: string) (value: LocatedValue) (variables: Set<string>) : Formula option =
            let parsed =
                match value with
                | TString(text, _, _) ->
                    match Parser.parseExpressionWith functions text with
                    | Ok e -> Some(text, e)
                    | Error pe ->
                        this.Fail ErrorCodes.FormulaSyntax (this.Locate value pe.Position) (sprintf "%s: %s" what pe.Message)
                        None
                | TInteger(i, _) -> Some(string i, Expr.ofFloat (float i))
                | TFloat(f, _) -> Some(Number.FormatReal f, Expr.ofFloat f)
                | other ->
                    this.Fail ErrorCodes.WrongType other.Position (sprintf "%s must be a formula (a string) or a number, not %s" what other.Kind)
                    None
            match parsed with
            | None -> None
            | Some(text, expr) ->
                let bindings = Dictionary<string, Expr>()
                let mutable ok = true
                for symbol in expr.FreeSymbols do
                    if not (variables.Contains symbol) && not (parameters.ContainsKey symbol) then
                        match this.Binding symbol with
                        | Some(Ok e) -> bindings.[symbol] <- e
                        | Some(Error(code, message)) ->
                            ok <- false
                            this.Fail code (this.LocateSymbol value text symbol) (sprintf "%s: %s" what message)
                        | None when rejected.Contains symbol -> ok <- false
                        | None ->
                            ok <- false
                            let isVariable = symbol = "r" || symbol = "rho"
                            if isVariable then
                                let allowed = if variables.IsEmpty then "no variable" else String.Join(", ", variables)
                                this.Fail ErrorCodes.WrongVariable (this.LocateSymbol value text symbol) (sprintf "%s may depend on %s, not on '%s'" what allowed symbol)
                            else
                                this.Fail ErrorCodes.UnknownSymbol (this.LocateSymbol value text symbol) (sprintf "%s: unknown symbol '%s' (not a parameter, definition, constant or atomic-data name)" what symbol)
                if not ok then None
                else
                    let resolved = Expr.substitute bindings expr
                    // A definition may bring in a variable this formula may not use (r in an energy).
                    match resolved.FreeSymbols |> Seq.tryFind (fun s -> not (variables.Contains s) && not (parameters.ContainsKey s)) with
                    | Some symbol ->
                        let allowed = if variables.IsEmpty then "no variable" else String.Join(", ", variables)
                        this.Fail ErrorCodes.WrongVariable value.Position (sprintf "%s may depend on %s, but through its definitions it depends on '%s'" what allowed symbol)
                        None
                    | None -> Some { Text = text; Expr = resolved; Position = value.Position }

        member this.Define (name: string) (position: Position) (value: LocatedValue) =
            if definitions.ContainsKey name || parameters.ContainsKey name || constants.ContainsKey name then
                this.Fail ErrorCodes.Duplicate position (sprintf "'%s' is already defined" name)
            else
                match this.Formula (sprintf "definition '%s'" name) value (set [ "r"; "rho" ]) with
                | Some f ->
                    definitions.[name] <- f.Expr
                    definitionList.Add((name, f))
                | None -> rejected.Add name |> ignore

        /// The numeric value of a formula that may use parameters but no variables.
        member _.ValueOf (e: Expr) : float =
            Evaluate.withLookup (fun s -> match parameters.TryGetValue s with | true, p -> Some p.Value | _ -> None) e

    /// The value if it is of the expected type (`pick`), otherwise a WrongType error saying what it
    /// should be (`expected`: "a table", "a number", ...) and None.
    let private expect (expected: string) (pick: LocatedValue -> 'T option) (reader: Reader) (what: string) (value: LocatedValue) : 'T option =
        match pick value with
        | Some v -> Some v
        | None ->
            reader.Fail ErrorCodes.WrongType value.Position (sprintf "%s must be %s, not %s" what expected value.Kind)
            None

    let private expectTable: Reader -> string -> LocatedValue -> LocatedTable option =
        expect "a table" (function TTable t -> Some t | _ -> None)

    let private number: Reader -> string -> LocatedValue -> float option =
        expect "a number" (function TInteger(i, _) -> Some(float i) | TFloat(f, _) -> Some f | _ -> None)

    let private integer: Reader -> string -> LocatedValue -> int option =
        expect "an integer" (function TInteger(i, _) when abs i < 1000000L -> Some(int i) | _ -> None)

    let private text: Reader -> string -> LocatedValue -> string option =
        expect "a string" (function TString(s, _, _) -> Some s | _ -> None)

    /// Reports keys a table may not have; a misspelt key silently ignored would be a wrong potential.
    let private onlyKeys (reader: Reader) (where: string) (table: LocatedTable) (allowed: string list) =
        for key, position, _ in table.Entries do
            if not (List.contains key allowed) then
                reader.Fail ErrorCodes.UnknownKey position (sprintf "unknown key '%s' in %s (expected one of: %s)" key where (String.Join(", ", allowed)))

    let private required (reader: Reader) (where: string) (table: LocatedTable) (key: string) : LocatedValue option =
        match table.TryFind key with
        | Some v -> Some v
        | None ->
            reader.Fail ErrorCodes.MissingKey table.Position (sprintf "%s needs '%s'" where key)
            None

    /// A formula the table may leave out, which is then 0 (located at the table).
    let private optionalFormula (reader: Reader) (where: string) (table: LocatedTable) (key: string) (variables: Set<string>) : Formula option =
        match table.TryFind key with
        | Some v -> reader.Formula (where + " " + key) v variables
        | None -> Some(Formula.Zero table.Position)

    let private readParameter (reader: Reader) (name: string) (position: Position) (value: LocatedValue) =
        let make v unit note = { Name = name; Value = v; Unit = unit; Note = note; Position = position }
        let parameter =
            match value with
            | TInteger _
            | TFloat _ -> number reader (sprintf "parameter '%s'" name) value |> Option.map (fun v -> make v "1" "")
            | TTable t ->
                onlyKeys reader (sprintf "parameter '%s'" name) t [ "value"; "unit"; "note" ]
                let v = required reader (sprintf "parameter '%s'" name) t "value" |> Option.bind (number reader (sprintf "parameter '%s' value" name))
                let unit = t.TryFind "unit" |> Option.bind (text reader "unit") |> Option.defaultValue "1"
                let note = t.TryFind "note" |> Option.bind (text reader "note") |> Option.defaultValue ""
                if not (knownUnits.Contains unit) then
                    reader.Fail ErrorCodes.InvalidValue (t.TryFind "unit" |> Option.map (fun u -> u.Position) |> Option.defaultValue position) (sprintf "unknown unit '%s' (known: %s)" unit (String.Join(", ", knownUnits)))
                v |> Option.map (fun v -> make v unit note)
            | other ->
                reader.Fail ErrorCodes.WrongType other.Position (sprintf "parameter '%s' must be a number or a table {value, unit, note}, not %s" name other.Kind)
                None
        match parameter with
        | Some p when reader.Parameters.ContainsKey name -> reader.Fail ErrorCodes.Duplicate position (sprintf "parameter '%s' is defined twice" name)
        | Some p when Double.IsNaN p.Value || Double.IsInfinity p.Value ->
            reader.Fail ErrorCodes.InvalidValue value.Position (sprintf "parameter '%s' must be finite" name)
            reader.Rejected.Add name |> ignore
        | Some p -> reader.Parameters.[name] <- p
        | None -> reader.Rejected.Add name |> ignore

    let private readShell (reader: Reader) (where: string) (value: LocatedValue) : ShellSpec option =
        match expectTable reader where value with
        | None -> None
        | Some t ->
            onlyKeys reader where t [ "electrons"; "exponent" ]
            let electrons = required reader where t "electrons" |> Option.bind (number reader (where + " electrons"))
            let exponent = required reader where t "exponent" |> Option.bind (fun v -> reader.Formula (where + " exponent") v noVariables)
            match electrons, exponent with
            | Some n, Some z ->
                if n <= 0.0 then reader.Fail ErrorCodes.InvalidValue t.Position (sprintf "%s must hold a positive number of electrons, not %g" where n)
                let zv = reader.ValueOf z.Expr
                if not (zv > 0.0) || Double.IsInfinity zv then
                    reader.Fail ErrorCodes.InvalidValue z.Position (sprintf "%s exponent must be positive, but '%s' is %g" where z.Text zv)
                Some { Electrons = n; Exponent = z }
            | _ -> None

    let private readState (reader: Reader) (element: string) (valence: float option) (value: LocatedValue) : StateSpec option =
        match expectTable reader (sprintf "a state of %s" element) value with
        | None -> None
        | Some t ->
            let name = t.TryFind "name" |> Option.bind (text reader "state name")
            let where = sprintf "state '%s' of %s" (defaultArg name "?") element
            onlyKeys reader where t [ "name"; "charge"; "degeneracy"; "energy"; "shells"; "host_density" ]
            if name.IsNone && (t.TryFind "name").IsNone then reader.Fail ErrorCodes.MissingKey t.Position (sprintf "a state of %s needs 'name'" element)
            let charge = required reader where t "charge" |> Option.bind (integer reader (where + " charge"))
            let degeneracy = t.TryFind "degeneracy" |> Option.map (integer reader (where + " degeneracy")) |> Option.defaultValue (Some 1)
            let energy = required reader where t "energy" |> Option.bind (fun v -> reader.Formula (where + " energy") v noVariables)
            let hostDensity = optionalFormula reader where t "host_density" distance
            let shells =
                match t.TryFind "shells" with
                | None -> Some []
                | Some(TArray(items, _)) ->
                    let read = items |> List.mapi (fun i v -> readShell reader (sprintf "shell %d of %s" (i + 1) where) v)
                    if read |> List.forall Option.isSome then Some(List.choose id read) else None
                | Some other ->
                    reader.Fail ErrorCodes.WrongType other.Position (sprintf "%s shells must be an array of {electrons, exponent} tables, not %s" where other.Kind)
                    None
            match degeneracy with
            | Some g when g < 1 -> reader.Fail ErrorCodes.InvalidValue (t.TryFind "degeneracy").Value.Position (sprintf "%s degeneracy must be at least 1, not %d" where g)
            | _ -> ()
            match name, charge, degeneracy, energy, hostDensity, shells with
            | Some name, Some charge, Some degeneracy, Some energy, Some hostDensity, Some shells ->
                // Normalisation by construction: the shells must hold exactly Z − q electrons.
                match valence with
                | Some z ->
                    let held = shells |> List.sumBy (fun s -> s.Electrons)
                    if abs (held - (z - float charge)) > 1e-12 then
                        let at = t.TryFind "shells" |> Option.map (fun v -> v.Position) |> Option.defaultValue t.Position
                        reader.Fail ErrorCodes.ElectronCount at (sprintf "%s has charge %d, so its shells must hold %g electrons (valence %g minus charge), but they hold %g" where charge (z - float charge) z held)
                | None -> ()
                Some { Name = name; Charge = charge; Degeneracy = degeneracy; Energy = energy; Shells = shells; HostDensity = hostDensity; Position = t.Position }
            | _ -> None

    /// `[elements.X.lattice]`: the crystal an element forms, for equation-of-state constraints.
    let private readLattice (reader: Reader) (where: string) (value: LocatedValue) : LatticeSpec option =
        let where = where + " lattice"
        match expectTable reader where value with
        | None -> None
        | Some t ->
            onlyKeys reader where t [ "structure"; "constant"; "cohesive_energy"; "bulk_modulus" ]
            let structure =
                match required reader where t "structure" |> Option.bind (text reader (where + " structure")) with
                | Some s when List.contains s Lattices.names -> Some s
                | Some s ->
                    reader.Fail ErrorCodes.InvalidValue (t.TryFind "structure").Value.Position (sprintf "%s structure \"%s\" is not one of: %s" where s (String.Join(", ", Lattices.names)))
                    None
                | None -> None
            // Each quantity is a formula without variables that must come out positive.
            let positive key what =
                match required reader where t key |> Option.bind (fun v -> reader.Formula (sprintf "%s %s" where key) v noVariables) with
                | Some f ->
                    let v = reader.ValueOf f.Expr
                    if not (v > 0.0) || Double.IsInfinity v then
                        reader.Fail ErrorCodes.InvalidValue f.Position (sprintf "%s %s (%s) must be positive, but '%s' is %g" where key what f.Text v)
                        None
                    else Some f
                | None -> None
            let constant = positive "constant" "Å"
            let cohesive = positive "cohesive_energy" "eV per atom"
            let bulk = positive "bulk_modulus" "eV/Å³"
            match structure, constant, cohesive, bulk with
            | Some s, Some a, Some e, Some b -> Some { Structure = s; Constant = a; CohesiveEnergy = e; BulkModulus = b; Position = t.Position }
            | _ -> None

    let private readElement (reader: Reader) (symbol: string) (position: Position) (value: LocatedValue) : ElementSpec option =
        let where = sprintf "element %s" symbol
        match expectTable reader where value with
        | None -> None
        | Some t ->
            onlyKeys reader where t [ "valence"; "mass"; "embedding"; "states"; "lattice" ]
            let data = AtomicData.tryFind symbol
            let mass =
                match t.TryFind "mass", data with
                | Some v, _ -> number reader (where + " mass") v
                | None, Some d -> Some d.Mass
                | None, None ->
                    reader.Fail ErrorCodes.AtomicData position (sprintf "%s is not in the atomic-data table: give its 'mass'" where)
                    None
            let valence = required reader where t "valence" |> Option.bind (number reader (where + " valence"))
            match mass with
            | Some m when m <= 0.0 -> reader.Fail ErrorCodes.InvalidValue (defaultArg (t.TryFind "mass" |> Option.map (fun v -> v.Position)) position) (sprintf "%s mass must be positive" where)
            | _ -> ()
            match valence with
            | Some z when z < 0.0 -> reader.Fail ErrorCodes.InvalidValue (t.TryFind "valence").Value.Position (sprintf "%s valence must not be negative" where)
            | _ -> ()
            let embedding = optionalFormula reader where t "embedding" hostDensity
            let states =
                match t.TryFind "states" with
                | Some(TArray(items, p)) when not items.IsEmpty ->
                    let read = items |> List.map (readState reader symbol valence)
                    let states = List.choose id read
                    for dup in states |> List.countBy (fun s -> s.Name) |> List.filter (fun (_, c) -> c > 1) |> List.map fst do
                        let second = states |> List.filter (fun s -> s.Name = dup) |> List.item 1
                        reader.Fail ErrorCodes.Duplicate second.Position (sprintf "%s has two states named '%s'" where dup)
                    if read |> List.forall Option.isSome then Some states else None
                | Some(TArray(_, p)) ->
                    reader.Fail ErrorCodes.MissingKey p (sprintf "%s needs at least one state" where)
                    None
                | Some other ->
                    reader.Fail ErrorCodes.WrongType other.Position (sprintf "%s states must be an array of tables ([[elements.%s.states]]), not %s" where symbol other.Kind)
                    None
                | None ->
                    reader.Fail ErrorCodes.MissingKey t.Position (sprintf "%s needs at least one state ([[elements.%s.states]])" where symbol)
                    None
            let lattice =
                match t.TryFind "lattice" with
                | None -> Some None
                | Some v -> readLattice reader where v |> Option.map Some
            match mass, valence, embedding, states, lattice with
            | Some m, Some z, Some f, Some s, Some l -> Some { Symbol = symbol; Mass = m; Valence = z; States = s; Embedding = f; Lattice = l; Position = position }
            | _ -> None

    let private readElectrostatics (reader: Reader) (where: string) (defaultKind: Electrostatics) (statesA: StateSpec list) (statesB: StateSpec list) (value: LocatedValue option) : Electrostatics option =
        match value with
        | None -> Some defaultKind
        | Some(TString("slater", _, _)) -> Some SlaterShells
        | Some(TString("point", _, _)) -> Some PointCharges
        | Some(TString(other, p, _)) ->
            reader.Fail ErrorCodes.InvalidValue p (sprintf "%s electrostatics must be \"slater\", \"point\" or a table of state-pair formulas, not \"%s\"" where other)
            None
        | Some(TTable t) ->
            let names (states: StateSpec list) = states |> List.map (fun s -> s.Name)
            let formulas =
                [ for key, p, v in t.Entries do
                      match key.Split ':' with
                      | [| a; b |] when List.contains a (names statesA) && List.contains b (names statesB) ->
                          match reader.Formula (sprintf "%s electrostatics %s" where key) v distance with
                          | Some f -> yield Some((a, b), f)
                          | None -> yield None
                      | _ ->
                          reader.Fail ErrorCodes.UnknownKey p (sprintf "%s electrostatics key '%s' must be 'state:state' with states of the pair's first and second element" where key)
                          yield None ]
            let given = formulas |> List.choose id
            for a in statesA do
                for b in statesB do
                    if not (given |> List.exists (fun ((x, y), _) -> x = a.Name && y = b.Name)) then
                        reader.Fail ErrorCodes.MissingKey t.Position (sprintf "%s electrostatics has no formula for '%s:%s'" where a.Name b.Name)
            if formulas |> List.forall Option.isSome then Some(StateFormulas given) else None
        | Some other ->
            reader.Fail ErrorCodes.WrongType other.Position (sprintf "%s electrostatics must be a string or a table, not %s" where other.Kind)
            None

    /// `format`, `name` and `description`: what the file is.
    let private readHeader (reader: Reader) (root: LocatedTable) : int option * string option * string =
        let format = required reader "the file" root "format" |> Option.bind (integer reader "format")
        match format with
        | Some f when f <> 1 -> reader.Fail ErrorCodes.UnsupportedFormat (root.TryFind "format").Value.Position (sprintf "format %d is not supported; this version reads format 1" f)
        | _ -> ()
        let name = required reader "the file" root "name" |> Option.bind (text reader "name")
        let description = root.TryFind "description" |> Option.bind (text reader "description") |> Option.defaultValue ""
        format, name, description

    /// The `[model]` settings; a number is None where it is missing or wrong (and reported).
    type private ModelSettings =
        { Temperature: float option
          Cutoff: float option
          CutoffWidth: float option
          /// The pairs' electrostatics unless a pair says otherwise.
          Electrostatics: Electrostatics }

    let private readModel (reader: Reader) (root: LocatedTable) : ModelSettings =
        let model = root.TryFind "model" |> Option.bind (expectTable reader "[model]")
        model |> Option.iter (fun m -> onlyKeys reader "[model]" m [ "temperature"; "cutoff"; "cutoff_width"; "electrostatics" ])
        let modelNumber key fallback =
            match model |> Option.bind (fun m -> m.TryFind key) with
            | Some v -> number reader (sprintf "model %s" key) v |> Option.map (fun x -> x, v.Position)
            | None -> fallback |> Option.map (fun x -> x, (defaultArg (model |> Option.map (fun m -> m.Position)) root.Position))
        let temperature = modelNumber "temperature" None
        let cutoff = modelNumber "cutoff" None
        let width = modelNumber "cutoff_width" (Some 1.0)
        if model.IsNone then reader.Fail ErrorCodes.MissingKey root.Position "the file needs a [model] table with temperature and cutoff"
        else
            if temperature.IsNone && (model.Value.TryFind "temperature").IsNone then reader.Fail ErrorCodes.MissingKey model.Value.Position "[model] needs 'temperature' (electronic temperature θ, eV)"
            if cutoff.IsNone && (model.Value.TryFind "cutoff").IsNone then reader.Fail ErrorCodes.MissingKey model.Value.Position "[model] needs 'cutoff' (Å)"
        match temperature with
        // The weights are Boltzmann factors exp(−E/θ): at θ = 0 the engine has nothing to divide by.
        | Some(t, p) when t <= 0.0 -> reader.Fail ErrorCodes.InvalidValue p "model temperature must be positive (the latent weights are Boltzmann factors in it)"
        | _ -> ()
        match cutoff, width with
        | Some(c, p), _ when c <= 0.0 -> reader.Fail ErrorCodes.InvalidValue p "model cutoff must be positive"
        | Some(c, _), Some(w, p) when w <= 0.0 || w >= c -> reader.Fail ErrorCodes.InvalidValue p (sprintf "model cutoff_width must lie between 0 and the cutoff (%g Å), not %g" c w)
        | _ -> ()
        let electrostatics =
            match model |> Option.bind (fun m -> m.TryFind "electrostatics") with
            | None -> SlaterShells
            | Some v -> readElectrostatics reader "[model]" SlaterShells [] [] (Some v) |> Option.defaultValue SlaterShells
        { Temperature = Option.map fst temperature
          Cutoff = Option.map fst cutoff
          CutoffWidth = Option.map fst width
          Electrostatics = electrostatics }

    /// `[parameters]` into the reader, in file order.
    let private readParameters (reader: Reader) (root: LocatedTable) =
        root.TryFind "parameters" |> Option.bind (expectTable reader "[parameters]")
        |> Option.iter (fun t -> for key, p, v in t.Entries do readParameter reader key p v)

    /// `[definitions]` into the reader, in file order: each may use the ones before it.
    let private readDefinitions (reader: Reader) (root: LocatedTable) =
        root.TryFind "definitions" |> Option.bind (expectTable reader "[definitions]")
        |> Option.iter (fun t -> for key, p, v in t.Entries do reader.Define key p v)

    /// `[elements]` in file order: that order fixes the pair order and the kernel layout.
    let private readElements (reader: Reader) (root: LocatedTable) : ElementSpec list =
        match root.TryFind "elements" |> Option.bind (expectTable reader "[elements]") with
        | None ->
            if (root.TryFind "elements").IsNone then reader.Fail ErrorCodes.MissingKey root.Position "the file needs at least one element ([elements.Xx])"
            []
        | Some t -> [ for key, p, v in t.Entries do match readElement reader key p v with Some e -> yield e | None -> () ]

    /// One `[pairs.A-B]` table, with A and B put in element order. `declared` are the elements
    /// the file declares, read successfully or not: a pair naming one that failed to read is
    /// skipped quietly, since its element's own errors are already reported.
    let private readPair (reader: Reader) (elements: ElementSpec list) (declared: string list) (defaultElectrostatics: Electrostatics) (key: string) (p: Position) (v: LocatedValue) : PairSpec option =
        let elementIndex symbol = elements |> List.tryFindIndex (fun e -> e.Symbol = symbol)
        match key.Split '-' with
        | [| a; b |] ->
            match elementIndex a, elementIndex b with
            | Some ia, Some ib ->
                let a, b = if ia <= ib then a, b else b, a
                match expectTable reader (sprintf "pair %s" key) v with
                | Some pt ->
                    let where = sprintf "pair %s-%s" a b
                    onlyKeys reader where pt [ "phi"; "electrostatics" ]
                    let phi = optionalFormula reader where pt "phi" distance
                    let ea, eb = elements.[elementIndex a |> Option.get], elements.[elementIndex b |> Option.get]
                    let es = readElectrostatics reader where defaultElectrostatics ea.States eb.States (pt.TryFind "electrostatics")
                    match phi, es with
                    | Some phi, Some es -> Some { A = a; B = b; Phi = phi; Electrostatics = es; Position = p }
                    | _ -> None
                | None -> None
            | _ when List.contains a declared && List.contains b declared ->
                // Still check the pair term so that its mistakes show up in the same run.
                match v with
                | TTable pt -> pt.TryFind "phi" |> Option.iter (fun phi -> reader.Formula (sprintf "pair %s phi" key) phi distance |> ignore)
                | _ -> ()
                None
            | _ ->
                let missing = [ a; b ] |> List.filter (fun s -> not (List.contains s declared)) |> List.head
                reader.Fail ErrorCodes.UnknownSymbol p (sprintf "pair '%s' names element '%s', which the file does not define" key missing)
                None
        | _ ->
            reader.Fail ErrorCodes.InvalidValue p (sprintf "pair key '%s' must be two element symbols joined by '-', e.g. \"Na-Cl\"" key)
            None

    /// `[pairs]`: every unordered pair of the elements exactly once, in element order.
    let private readPairs (reader: Reader) (root: LocatedTable) (elements: ElementSpec list) (defaultElectrostatics: Electrostatics) : PairSpec list =
        let declared =
            match root.TryFind "elements" with
            | Some(TTable t) -> t.Keys
            | _ -> []
        let pairs =
            match root.TryFind "pairs" |> Option.bind (expectTable reader "[pairs]") with
            | None -> []
            | Some t -> t.Entries |> List.choose (fun (key, p, v) -> readPair reader elements declared defaultElectrostatics key p v)
        let pairsAt = root.TryFind "pairs" |> Option.map (fun v -> v.Position) |> Option.defaultValue root.Position
        [ for i in 0 .. elements.Length - 1 do
              for j in i .. elements.Length - 1 do
                  let a, b = elements.[i].Symbol, elements.[j].Symbol
                  match pairs |> List.filter (fun p -> p.A = a && p.B = b) with
                  | [ one ] -> yield one
                  | [] when reader.Errors.Count > 0 -> () // likely a consequence of an error already reported
                  | [] -> reader.Fail ErrorCodes.MissingPair pairsAt (sprintf "no formulas for the pair %s-%s: add [pairs.%s-%s] (phi = \"0\" if there is no pair term)" a b a b)
                  | first :: second :: _ ->
                      reader.Fail ErrorCodes.Duplicate second.Position (sprintf "the pair %s-%s is given twice" a b)
                      yield first ]

    /// `[fitting]`: the names of the parameters a fit may change.
    let private readFitting (reader: Reader) (root: LocatedTable) : string list =
        match root.TryFind "fitting" |> Option.bind (expectTable reader "[fitting]") with
        | None -> []
        | Some t ->
            onlyKeys reader "[fitting]" t [ "parameters" ]
            match t.TryFind "parameters" with
            | Some(TArray(items, _)) ->
                [ for item in items do
                      match item with
                      | TString(n, p, _) when reader.Parameters.ContainsKey n -> yield n
                      | TString(n, _, _) when reader.Rejected.Contains n -> ()
                      | TString(n, p, _) -> reader.Fail ErrorCodes.UnknownSymbol p (sprintf "fitting parameter '%s' is not in [parameters]" n)
                      | other -> reader.Fail ErrorCodes.WrongType other.Position "fitting parameters must be names (strings)" ]
            | Some other ->
                reader.Fail ErrorCodes.WrongType other.Position "[fitting] parameters must be an array of names"
                []
            | None -> []

    /// A parameter or definition may not share its name with a formula variable: `r` is the distance in every pair
    /// formula, `rho` the host density in every embedding, and a number of that name would silently stand in for the
    /// variable in one derivative and not in another.
    let private checkVariableNames (reader: Reader) (elements: ElementSpec list) =
        let embeds = elements |> List.exists (fun e -> not (Expr.isZero e.Embedding.Expr))
        for name, variable in [ "r", "the distance in pair and density formulas"; "rho", "the host density in embedding formulas" ] do
            if name = "r" || embeds then
                match reader.Parameters.TryGetValue name with
                | true, p -> reader.Fail ErrorCodes.Duplicate p.Position (sprintf "a parameter cannot be named '%s': '%s' is %s (rename it, e.g. '%s_0')" name name variable name)
                | _ -> ()
                match reader.Definitions |> List.tryFind (fun (n, _) -> n = name) with
                | Some(_, f) -> reader.Fail ErrorCodes.Duplicate f.Position (sprintf "a definition cannot be named '%s': '%s' is %s" name name variable)
                | None -> ()

    /// `[fitted]`: the record `latent fit` writes of how the values were obtained. Nothing in it changes the
    /// potential; its keys are checked so a typo is not silently kept as history.
    let private readFittedRecord (reader: Reader) (root: LocatedTable) =
        match root.TryFind "fitted" |> Option.bind (expectTable reader "[fitted]") with
        | None -> ()
        | Some t ->
            onlyKeys reader "[fitted]" t [ "targets"; "targets_sha256"; "date"; "tool"; "cost"; "converged"; "iterations"; "gradients"; "residuals"; "start" ]
            for key in [ "residuals"; "start" ] do
                match t.TryFind key with
                | Some(TTable values) ->
                    for (k, _, v) in values.Entries do
                        match v with
                        | TFloat _ | TInteger _ -> ()
                        | other -> reader.Fail ErrorCodes.WrongType other.Position (sprintf "[fitted] %s.%s must be a number, not %s" key k other.Kind)
                | Some other -> reader.Fail ErrorCodes.WrongType other.Position (sprintf "[fitted] %s must be a table of numbers" key)
                | None -> ()

    /// `[constraints]` (ConstraintSection), its formulas resolved like the file's own.
    let private readConstraints (reader: Reader) (root: LocatedTable) : ConstraintSpec list =
        match root.TryFind "constraints" |> Option.bind (expectTable reader "[constraints]") with
        | None -> []
        | Some section ->
            let reading = { Formula = reader.Formula; Fail = reader.Fail }
            ConstraintSection.read reading section

    /// Reads a potential file's text. `functions` are the formula functions available (the shipped
    /// component library, see FunctionLibrary). The sections are read in this order because later
    /// ones use earlier ones: formulas use parameters and definitions, pairs use elements.
    let readWith (functions: IReadOnlyDictionary<string, FunctionDefinition>) (source: string) : Result<Potential, PotentialError list> =
        match LocatedToml.parse source with
        | Error e -> Error [ { Code = ErrorCodes.TomlSyntax; Position = e.Position; Message = e.Message } ]
        | Ok root ->
            let reader = Reader(functions)
            onlyKeys reader "the file" root [ "format"; "name"; "description"; "model"; "parameters"; "definitions"; "elements"; "pairs"; "fitting"; "fitted"; "constraints" ]
            let format, name, description = readHeader reader root
            let model = readModel reader root
            readParameters reader root
            readDefinitions reader root
            let elements = readElements reader root
            let pairs = readPairs reader root elements model.Electrostatics
            let fitted = readFitting reader root
            readFittedRecord reader root
            checkVariableNames reader elements
            let constraints = readConstraints reader root
            if reader.Errors.Count > 0 then
                Error(reader.Errors |> Seq.sortBy (fun e -> e.Position.Line, e.Position.Column) |> List.ofSeq)
            else
                Ok
                    { Name = name.Value
                      Description = description
                      Format = format.Value
                      Temperature = model.Temperature.Value
                      Cutoff = model.Cutoff.Value
                      CutoffWidth = model.CutoffWidth.Value
                      Parameters = reader.Parameters.Values |> Seq.sortBy (fun p -> p.Position.Line, p.Position.Column) |> List.ofSeq
                      Fitted = fitted
                      Definitions = reader.Definitions
                      Elements = elements
                      Pairs = pairs
                      Constraints = constraints }
