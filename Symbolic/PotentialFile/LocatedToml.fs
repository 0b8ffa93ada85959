namespace Latent.Symbolic.PotentialFile

open System
open System.Collections.Generic
open Tomlyn.Syntax
open Latent.Symbolic

/// A TOML value with the position of its text in the file, so that every later error — down
/// to a column inside a formula string — can point at the file.
type LocatedValue =
    | TString of value: string * position: Position * contentStart: Position option
    | TInteger of int64 * Position
    | TFloat of float * Position
    | TBool of bool * Position
    | TArray of LocatedValue list * Position
    | TTable of LocatedTable

    member this.Position =
        match this with
        | TString(_, p, _)
        | TInteger(_, p)
        | TFloat(_, p)
        | TBool(_, p)
        | TArray(_, p) -> p
        | TTable t -> t.Position

    /// What kind of value this is, for messages ("expected a number, got a string").
    member this.Kind =
        match this with
        | TString _ -> "a string"
        | TInteger _ -> "an integer"
        | TFloat _ -> "a number"
        | TBool _ -> "a boolean"
        | TArray _ -> "an array"
        | TTable _ -> "a table"

/// A TOML table: its entries in file order, and where it starts.
and LocatedTable =
    { Entries: (string * Position * LocatedValue) list
      Position: Position }

    member this.TryFind(key: string) =
        this.Entries |> List.tryPick (fun (k, _, v) -> if k = key then Some v else None)

    member this.Keys = this.Entries |> List.map (fun (k, _, _) -> k)

[<RequireQualifiedAccess>]
module LocatedToml =
    let private position (p: TextPosition) : Position = { Line = p.Line + 1; Column = p.Column + 1 }

    let private span (node: SyntaxNode) = position node.Span.Start

    /// Where the characters of a string's value begin, when the value is the raw text of the token
    /// (no escapes), so columns inside it map one-to-one onto the file.
    let private contentStart (token: SyntaxToken) (value: string) : Position option =
        if isNull token then None
        else
            let text = token.Text
            let start = position token.Span.Start
            let delimiters = [ "\"\"\""; "'''"; "\""; "'" ]
            match delimiters |> List.tryFind (fun d -> text.StartsWith d && text.EndsWith d && text.Length >= 2 * d.Length) with
            | None -> None
            | Some d ->
                let inner = text.Substring(d.Length, text.Length - 2 * d.Length)
                // Multi-line strings drop a newline straight after the opening delimiter.
                let skipped, inner =
                    if d.Length = 3 && inner.StartsWith "\n" then 1, inner.Substring 1
                    elif d.Length = 3 && inner.StartsWith "\r\n" then 2, inner.Substring 2
                    else 0, inner
                if inner <> value then None
                elif skipped > 0 then Some { Line = start.Line + 1; Column = 1 }
                else Some { start with Column = start.Column + d.Length }

    /// Tables under construction; frozen into LocatedTable once the whole document is read.
    type private Builder =
        { Entries: ResizeArray<string * Position * Slot>
          At: Position }

    and private Slot =
        | Value of LocatedValue
        | Table of Builder
        | Tables of ResizeArray<Builder> * Position

    exception private Located of ParseError

    let private fail at message = raise (Located { Position = at; Message = message })

    let private newBuilder at = { Entries = ResizeArray(); At = at }

    let private tryGet (b: Builder) key = b.Entries |> Seq.tryFind (fun (k, _, _) -> k = key) |> Option.map (fun (_, _, s) -> s)

    /// The table a path segment leads to, created when absent; arrays of tables lead to their last table.
    let private descend (b: Builder) (key: string, at: Position) : Builder =
        match tryGet b key with
        | Some(Table t) -> t
        | Some(Tables(ts, _)) -> ts.[ts.Count - 1]
        | Some(Value v) -> fail at (sprintf "'%s' is %s, not a table" key v.Kind)
        | None ->
            let t = newBuilder at
            b.Entries.Add((key, at, Table t))
            t

    let private keyParts (key: KeySyntax) : (string * Position) list =
        let one (k: SyntaxNode) =
            match k with
            | :? BareKeySyntax as bare -> bare.Key.Text, span bare
            | :? StringValueSyntax as s -> s.Value, span s
            | other -> other.ToString().Trim(), span other
        [ yield one key.Key
          for dotted in key.DotKeys do
              yield one dotted.Key ]

    let rec private freeze (b: Builder) : LocatedTable =
        { Entries =
            [ for (k, at, slot) in b.Entries ->
                  let v =
                      match slot with
                      | Value v -> v
                      | Table t -> TTable(freeze t)
                      | Tables(ts, p) -> TArray([ for t in ts -> TTable(freeze t) ], p)
                  k, at, v ]
          Position = b.At }

    let rec private ofValue (v: ValueSyntax) : LocatedValue =
        let at = span v
        match v with
        | :? StringValueSyntax as s -> TString(s.Value, at, contentStart s.Token s.Value)
        | :? IntegerValueSyntax as i -> TInteger(i.Value, at)
        | :? FloatValueSyntax as f -> TFloat(f.Value, at)
        | :? BooleanValueSyntax as b -> TBool(b.Value, at)
        | :? ArraySyntax as a -> TArray([ for item in a.Items -> ofValue item.Value ], at)
        | :? InlineTableSyntax as t ->
            let b = newBuilder at
            for item in t.Items do add b item.KeyValue
            TTable(freeze b)
        | other -> fail at (sprintf "unsupported TOML value '%s'" (other.ToString().Trim()))

    and private add (b: Builder) (kv: KeyValueSyntax) =
        let path = keyParts kv.Key
        let parent = path |> List.take (path.Length - 1) |> List.fold descend b
        let key, at = List.last path
        if (tryGet parent key).IsSome then fail at (sprintf "duplicate key '%s'" key)
        parent.Entries.Add((key, at, Value(ofValue kv.Value)))

    /// Where brackets and braces outside strings first nest deepest: the place to point at when nesting is refused.
    let private deepestOpening (text: string) : Position =
        let mutable depth, deepest, at = 0, -1, { Line = 1; Column = 1 }
        let mutable line, column, quote = 1, 1, None
        for c in text do
            match quote, c with
            | Some q, _ when c = q -> quote <- None
            | Some _, _ -> ()
            | None, ('"' | '\'') -> quote <- Some c
            | None, ('[' | '{') ->
                depth <- depth + 1
                if depth > deepest then
                    deepest <- depth
                    at <- { Line = line; Column = column }
            | None, (']' | '}') -> depth <- depth - 1
            | _ -> ()
            if c = '\n' then
                line <- line + 1
                column <- 1
                quote <- None
            else
                column <- column + 1
        at

    /// Parses TOML text into located tables; the first error is returned with its position.
    let parse (text: string) : Result<LocatedTable, ParseError> =
        match (try Choice1Of2(Tomlyn.Parsing.SyntaxParser.Parse(text, "", true)) with :? Tomlyn.TomlException as e -> Choice2Of2 e) with
        | Choice2Of2 e ->
            // Tomlyn throws, rather than reports, nesting past its depth limit (found by fuzzing).
            Error { Position = deepestOpening text; Message = sprintf "arrays or inline tables nested too deeply: %s" (e.Message.Split('.').[0]) }
        | Choice1Of2 doc ->
        match doc.Diagnostics |> Seq.tryFind (fun d -> d.Kind = DiagnosticMessageKind.Error) with
        | Some d -> Error { Position = position d.Span.Start; Message = d.Message }
        | None ->
            try
                let root = newBuilder { Line = 1; Column = 1 }
                for kv in doc.KeyValues do add root kv
                for header in doc.Tables do
                    let path = keyParts header.Name
                    let parent = path |> List.take (path.Length - 1) |> List.fold descend root
                    let key, at = List.last path
                    let isArray = header :? TableArraySyntax
                    let target =
                        match isArray, tryGet parent key with
                        | true, Some(Tables(ts, _)) ->
                            let t = newBuilder at
                            ts.Add t
                            t
                        | true, None ->
                            let t = newBuilder at
                            parent.Entries.Add((key, at, Tables(ResizeArray [ t ], at)))
                            t
                        | true, Some _ -> fail at (sprintf "'%s' is already defined and is not an array of tables" key)
                        | false, Some(Table t) -> t
                        | false, Some _ -> fail at (sprintf "'%s' is already defined" key)
                        | false, None ->
                            let t = newBuilder at
                            parent.Entries.Add((key, at, Table t))
                            t
                    for kv in header.Items do add target kv
                Ok(freeze root)
            with Located e -> Error e
