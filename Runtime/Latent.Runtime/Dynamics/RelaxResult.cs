using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Runtime.Dynamics;

/// <summary>The outcome of <see cref="Fire.Relax"/>; the structure itself has been relaxed in place.</summary>
public sealed class RelaxResult
{
    internal RelaxResult(bool converged, bool cancelled, int steps, RelaxStep last, CalculatedProperties final, DynamicsStop? stop = null)
    {
        Stop = stop;
        Converged = converged;
        Cancelled = cancelled;
        Steps = steps;
        Energy = last.Energy;
        Fmax = last.Fmax;
        CellFmax = last.CellFmax;
        Stress = final.Stress;
        Final = final;
    }

    /// <summary>Why the relaxation was stopped (non-finite numbers, atoms too close), or null; the structure is then the last good one.</summary>
    public DynamicsStop? Stop { get; }

    /// <summary>Whether the force criterion was met.</summary>
    public bool Converged { get; }

    /// <summary>Whether the relaxation was stopped by its cancellation token.</summary>
    public bool Cancelled { get; }

    /// <summary>FIRE steps taken (evaluations are one more).</summary>
    public int Steps { get; }

    /// <summary>Final free energy A (eV).</summary>
    public double Energy { get; }

    /// <summary>Final largest force on a free atom (eV/Å).</summary>
    public double Fmax { get; }

    /// <summary>Final largest row of the cell's generalised force (eV/Å); 0 when the cell was fixed.</summary>
    public double CellFmax { get; }

    /// <summary>Final stress (eV/Å³, Voigt xx yy zz yz xz xy); null for a cluster.</summary>
    public double[]? Stress { get; }

    /// <summary>The calculation at the final structure.</summary>
    public CalculatedProperties Final { get; }
}
