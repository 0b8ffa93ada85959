namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// Test-only corruption of the latent solver: inside a <see cref="Shift"/> scope it solves for
/// Σq = Q + offset instead of Q. It exists so that the charge_conservation constraint can be shown to
/// catch a solver that does not conserve charge, which no potential file can produce (the solver
/// enforces Σq = Q). It is internal and the product never sets it. The offset is an
/// <see cref="AsyncLocal{T}"/>: it flows with the execution context into tasks and Parallel loops
/// started inside the scope, and never reaches a test running beside it.
/// </summary>
internal static class SolverPerturbation
{
    private static readonly AsyncLocal<double> Offset = new();

    /// <summary>The shift (e) of the total charge solved for, in the current flow; 0 unless a test set it.</summary>
    public static double ChargeOffset => Offset.Value;

    /// <summary>Until the returned scope is disposed, solves in this flow target Σq = Q + <paramref name="offset"/> (e); disposing restores the previous shift.</summary>
    public static IDisposable Shift(double offset)
    {
        var previous = Offset.Value;
        Offset.Value = offset;
        return new Scope(previous);
    }

    private sealed class Scope(double previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
                return;
            disposed = true;
            Offset.Value = previous;
        }
    }
}
