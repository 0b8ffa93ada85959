namespace Latent.Symbolic.Components

open Latent.Symbolic
open Latent.Symbolic.PotentialFile

/// The shipped library of exact conditions (Components/constraints.toml, embedded in the assembly).
/// Its entries are constraint tables in the very format a potential file writes its own in, so they
/// are read and checked by the same code; this module only finds them by name.
[<RequireQualifiedAccess>]
module ConstraintLibrary =
    /// Reads a library text: every [[check]] table with its name. Errors name the line.
    let parse (text: string) : Result<(string * LocatedTable) list, ParseError> =
        match LocatedToml.parse text with
        | Error e -> Error e
        | Ok root ->
            match root.TryFind "check" with
            | Some(TArray(items, _)) ->
                let named =
                    items
                    |> List.map (fun item ->
                        match item with
                        | TTable t ->
                            match t.TryFind "name" with
                            | Some(TString(name, _, _)) -> Ok(name, t)
                            | _ -> Error { Position = t.Position; Message = "a library constraint needs a 'name'" }
                        | other -> Error { Position = other.Position; Message = "library entries must be [[check]] tables" })
                match named |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
                | Some e -> Error e
                | None -> Ok(named |> List.choose (function Ok x -> Some x | Error _ -> None))
            | _ -> Error { Position = root.Position; Message = "the constraint library needs [[check]] tables" }

    let private shipped = lazy (ShippedText.parse "Latent.Symbolic.constraints.toml" "constraint library" parse)

    /// The shipped library's entries in file order.
    let all () : (string * LocatedTable) list = shipped.Force()

    /// Names of the shipped conditions, in file order.
    let names () = all () |> List.map fst

    let tryFind (name: string) = all () |> List.tryPick (fun (n, t) -> if n = name then Some t else None)
