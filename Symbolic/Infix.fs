namespace Latent.Symbolic

open System
open System.Numerics

/// Plain-text infix printing: what a user would type. The output is canonical (one text per
/// expression) and reads back through Parser.parseExpression to the very same expression, so it
/// doubles as a serialisation format for formulas. That holds for symbols named as the parser
/// reads them (identifiers other than function names) and finite numbers.
[<RequireQualifiedAccess>]
module Infix =
    let private parenthesise (text: string) = "(" + text + ")"

    let private factors (parts: string list) = if parts.IsEmpty then "1" else String.concat "*" parts

    let private half = Number.rational BigInteger.One (BigInteger 2)

    let private notation: Notation =
        { Group = parenthesise
          Symbol = id
          // NaN and ±infinity (only a substitution makes them) print as the divisions by zero they are, which
          // the parser refuses, rather than as the names NaN and Infinity, which would read back as symbols.
          Real =
            fun v ->
                let text =
                    if Double.IsNaN v then "(0/0)"
                    elif Double.IsPositiveInfinity v then "(1/0)"
                    elif Double.IsNegativeInfinity v then "(-1/0)"
                    else Number.FormatReal v
                PrintedForm.Of(text, PrintLevel.Atom, false)
          Factors = factors
          // a/b, a/(b*c): a denominator of several factors is grouped.
          Quotient =
            fun numerator denominator ->
                match denominator with
                | [ single ] -> factors numerator + "/" + single
                | many -> factors numerator + "/" + parenthesise (factors many)
          Root = fun exponent -> if exponent = half then Some(fun b -> "sqrt(" + b + ")") else None
          AtomicBase = fun _ -> true
          Superscript = fun exponent -> "^" + exponent
          SuperscriptDelimits = false
          FunctionName = FuncInfo.name
          SpecialCall = fun _ _ _ -> None
          Relation = FuncInfo.relationText
          Select = fun c a b -> PrintedForm.Of("select(" + c + ", " + a + ", " + b + ")", PrintLevel.Atom, false) }

    /// The expression as infix text that Parser.parseExpression reads back to the same expression.
    let print (e: Expr) : string = ExprPrinter.print notation e
