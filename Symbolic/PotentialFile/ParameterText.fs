namespace Latent.Symbolic.PotentialFile

open System
open System.Globalization
open System.Text
open Tomlyn.Syntax

/// <summary>
/// Rewrites the numbers of a potential file's <c>[parameters]</c> in its own text, leaving every comment,
/// note, unit and formula as written: how a fit writes its result, and how it compiles the same file at
/// other parameter values.
/// </summary>
[<RequireQualifiedAccess>]
module ParameterText =

    /// A number as TOML reads it back to the same double (round-trip, culture-invariant).
    let format (value: float) : string =
        if Double.IsNaN value || Double.IsInfinity value then invalidArg "value" "a parameter value must be finite"
        // Shortest round-trip text: "1160.08", "1E-05" (a TOML float) or "424" (a TOML integer, which a
        // parameter may be).
        value.ToString("R", CultureInfo.InvariantCulture)

    let private numberToken (value: ValueSyntax) : SyntaxToken option =
        match value with
        | :? FloatValueSyntax as f -> Some f.Token
        | :? IntegerValueSyntax as i -> Some i.Token
        | _ -> None

    /// Where each parameter's number is in the text: name → (offset, length) of its token.
    let private locate (text: string) : Result<Map<string, int * int>, string> =
        let doc = Tomlyn.Parsing.SyntaxParser.Parse(text, "", true)
        match doc.Diagnostics |> Seq.tryFind (fun d -> d.Kind = DiagnosticMessageKind.Error) with
        | Some d -> Error(sprintf "line %d: %s" (d.Span.Start.Line + 1) d.Message)
        | None ->
            let span (token: SyntaxToken) = token.Span.Start.Offset, token.Span.End.Offset - token.Span.Start.Offset + 1
            let found =
                [ for table in doc.Tables do
                      if not (table :? TableArraySyntax) && table.Name.ToString().Trim() = "parameters" then
                          for kv in table.Items do
                              let name = kv.Key.ToString().Trim()
                              match kv.Value with
                              | :? InlineTableSyntax as t ->
                                  for item in t.Items do
                                      if item.KeyValue.Key.ToString().Trim() = "value" then
                                          match numberToken item.KeyValue.Value with
                                          | Some token -> yield name, span token
                                          | None -> ()
                              | v ->
                                  match numberToken v with
                                  | Some token -> yield name, span token
                                  | None -> () ]
            Ok(Map.ofList found)

    /// The text with the named parameters set to new values; every other character kept. Fails naming a
    /// parameter that is not written as a number in the file's [parameters] table.
    let withValues (values: seq<string * float>) (text: string) : Result<string, string> =
        match locate text with
        | Error e -> Error e
        | Ok where ->
            let values = List.ofSeq values
            match values |> List.tryFind (fun (name, _) -> not (where.ContainsKey name)) with
            | Some(name, _) -> Error(sprintf "parameter '%s' is not a number in the file's [parameters] table" name)
            | None ->
            match values |> List.tryFind (fun (_, v) -> Double.IsNaN v || Double.IsInfinity v) with
            | Some(name, v) -> Error(sprintf "parameter '%s' cannot be set to %g" name v)
            | None ->
                let edits = values |> List.map (fun (name, v) -> where.[name], format v) |> List.sortByDescending (fun ((offset, _), _) -> offset)
                let builder = StringBuilder(text)
                for (offset, length), replacement in edits do
                    builder.Remove(offset, length).Insert(offset, replacement) |> ignore
                Ok(builder.ToString())

    /// The text without its [fitted] table (from its header to the next table header or the end), so a
    /// refit replaces the record rather than adding a second one.
    let withoutFittedRecord (text: string) : string =
        let lines = text.Replace("\r\n", "\n").Split('\n')
        let isHeader (line: string) = line.TrimStart().StartsWith "["
        let start = lines |> Array.tryFindIndex (fun l -> l.Trim() = "[fitted]")
        match start with
        | None -> text
        | Some s ->
            let next = seq { s + 1 .. lines.Length - 1 } |> Seq.tryFind (fun i -> isHeader lines.[i])
            // Comment lines straight above the next header belong to it.
            let stop =
                match next with
                | None -> lines.Length
                | Some n ->
                    let mutable k = n
                    while k - 1 > s && lines.[k - 1].TrimStart().StartsWith "#" do k <- k - 1
                    k
            let kept = Array.append lines.[.. s - 1] lines.[stop..]
            String.Join("\n", kept).TrimEnd('\n') + "\n"
