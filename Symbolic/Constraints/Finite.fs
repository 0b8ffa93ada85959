namespace Latent.Symbolic.Constraints

open System

/// Finite.is, which netstandard2.0 (the generator's target) lacks.
[<RequireQualifiedAccess>]
module Finite =
    let is (x: float) = not (Double.IsNaN x || Double.IsInfinity x)
