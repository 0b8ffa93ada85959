/// Symbols and small builders every symbolic test uses.
[<AutoOpen>]
module Latent.Symbolic.Tests.TestSymbols

open Latent.Symbolic

let x = Expr.symbol "x"
let y = Expr.symbol "y"
let z = Expr.symbol "z"
let n (i: int) = Expr.ofInt i
let sq a = Expr.pow a (n 2)

/// A formula the test knows to be well formed, parsed; fails the test with the parser's message if not.
let parse (text: string) =
    match Parser.parseExpression text with
    | Ok e -> e
    | Error err -> failwithf "'%s' did not parse: %O" text err
