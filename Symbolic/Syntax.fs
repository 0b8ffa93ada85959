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
