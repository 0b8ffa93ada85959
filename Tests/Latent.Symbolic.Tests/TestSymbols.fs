/// Symbols and small builders every symbolic test uses.
[<AutoOpen>]
module Latent.Symbolic.Tests.TestSymbols

open Latent.Symbolic

let x = Expr.symbol "x"
let y = Expr.symbol "y"
let z = Expr.symbol "z"
let n (i: int) = Expr.ofInt i
let sq a = Expr.pow a (n 2)
