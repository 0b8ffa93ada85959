namespace Latent.Symbolic.Components

open System
open System.Collections.Generic
open System.Text.RegularExpressions
open Latent.Symbolic

/// The shipped component library (Components/library.formula, embedded in the assembly): named
/// functions written in the formula language, callable from every potential file.
[<RequireQualifiedAccess>]
module FunctionLibrary =
    let private head = Regex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*\)\s*=(.*)$")

    /// Reads `name(p, q) = body` lines with their preceding comment lines as the description.
    /// Errors name the line; for text the project ships, a test keeps this list empty.
    let parse (text: string) : Result<FunctionDefinition list, ParseError> =
        let lines = text.Replace("\r\n", "\n").Split('\n')
        let rec go (i: int) (comment: string list) (acc: FunctionDefinition list) =
            if i >= lines.Length then Ok(List.rev acc)
            else
                let line = lines.[i]
                let trimmed = line.Trim()
                if trimmed = "" then go (i + 1) [] acc
                elif trimmed.StartsWith "#" then go (i + 1) (comment @ [ trimmed.TrimStart('#').Trim() ]) acc
                else
                    let m = head.Match line
                    if not m.Success then Error { Position = { Line = i + 1; Column = 1 }; Message = "expected 'name(parameters) = body'" }
                    else
                        let bodyText = m.Groups.[3].Value
                        match Parser.parseExpression bodyText with
                        | Error e ->
                            Error { Position = { Line = i + 1; Column = m.Groups.[3].Index + e.Position.Column }; Message = e.Message }
                        | Ok body ->
                            let definition =
                                { Name = m.Groups.[1].Value
                                  Parameters = m.Groups.[2].Value.Split(',') |> Array.map (fun p -> p.Trim()) |> List.ofArray
                                  Body = body
                                  Description = String.Join(" ", comment) }
                            go (i + 1) [] (definition :: acc)
        go 0 [] []

    let private shipped = lazy (ShippedText.parse "Latent.Symbolic.library.formula" "component library" parse)

    /// The shipped functions, in file order.
    let all () : FunctionDefinition list = shipped.Force()

    /// The shipped functions by name, ready for Parser.parseExpressionWith.
    let table () : IReadOnlyDictionary<string, FunctionDefinition> =
        let d = Dictionary<string, FunctionDefinition>()
        for f in all () do d.[f.Name] <- f
        d :> _
