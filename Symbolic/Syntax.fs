namespace Latent.Symbolic

/// Where in the source text something is (1-based line and column).
[<Struct>]
type Position = { Line: int; Column: int }

/// A parse or resolution error a user caused, located in their text.
type ParseError =
    { Position: Position
      Message: string }

    override this.ToString() = sprintf "line %d, column %d: %s" this.Position.Line this.Position.Column this.Message

/// One statement of a formula text: `name = expression` (a definition) or a bare expression.
type Statement =
    { Name: string option
      Body: Expr
      Position: Position }

/// A function formulas may call beyond the built-in ones: `Name(p1, p2, ...) = Body`. A call is
/// expanded by substituting the arguments for the parameters, so the result is an ordinary
/// expression that differentiates and simplifies like any other.
type FunctionDefinition =
    { Name: string
      Parameters: string list
      Body: Expr
      Description: string }
