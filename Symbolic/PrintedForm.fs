namespace Latent.Symbolic

/// Binding strength of a printed form, loosest first: a child printed inside a context that binds
/// tighter than the child gets parentheses. Shared by the infix and LaTeX printers.
type internal PrintLevel =
    | Comparison = 0
    | Additive = 1
    | Multiplicative = 2
    | Power = 3
    | Atom = 4

/// Printed text, how tightly it binds, and whether it starts with a unary minus (which may not
/// follow a binary operator or stand as a power base: -1^x would read as -(1^x)).
[<Struct>]
type internal PrintedForm =
    { Text: string
      Level: PrintLevel
      Negative: bool }

    static member Of(text, level, negative) = { Text = text; Level = level; Negative = negative }
