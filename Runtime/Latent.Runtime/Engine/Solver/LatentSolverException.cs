namespace Latent.Runtime.Engine.Solver;

/// <summary>The latent weights could not be found: no convergence, or a charge that cannot be reached.</summary>
public sealed class LatentSolverException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and what to try.</summary>
    public LatentSolverException(string message)
        : base(message)
    {
    }
}
