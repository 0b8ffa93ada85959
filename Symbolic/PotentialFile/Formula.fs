namespace Latent.Symbolic.PotentialFile

open Latent.Symbolic

/// A formula as the file wrote it, and its expression with definitions and functions expanded.
/// Parameters stay symbols (so gradients for fitting can be taken); constants and atomic data are
/// numbers already.
type Formula =
    { Text: string
      Expr: Expr
      Position: Position }

    /// The formula 0, standing for a key the file left out; `position` is where it would be.
    static member Zero(position: Position) = { Text = "0"; Expr = Expr.zero; Position = position }
