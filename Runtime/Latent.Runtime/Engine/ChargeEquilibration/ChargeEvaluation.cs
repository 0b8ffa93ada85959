using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// One evaluation of the charge-equilibration engine in buffers the calculator owns and refills, read directly by
/// relaxation and dynamics (as <see cref="IEvaluation"/>) so a step allocates nothing; <see cref="ToResult"/> copies it
/// into the public <see cref="ChargeEquilibrationResult"/>. Valid until the calculator evaluates another configuration.
/// </summary>
internal sealed class ChargeEvaluation : IEvaluation
{
    /// <summary>Buffers for <paramref name="atoms"/> atoms.</summary>
    public ChargeEvaluation(int atoms)
    {
        Fx = new double[atoms];
        Fy = new double[atoms];
        Fz = new double[atoms];
        Charges = new double[atoms];
        Terms = new EnergyTerms(atoms);
    }

    /// <summary>Number of atoms.</summary>
    public int Count => Fx.Length;

    /// <summary>x components of the forces (eV/Å).</summary>
    public double[] Fx { get; }

    /// <summary>y components of the forces (eV/Å).</summary>
    public double[] Fy { get; }

    /// <summary>z components of the forces (eV/Å).</summary>
    public double[] Fz { get; }

    /// <summary>Charges (e).</summary>
    public double[] Charges { get; }

    /// <summary>Stress in Voigt order (eV/Å³); meaningful only when <see cref="HasStress"/>.</summary>
    public double[] Stress { get; } = new double[6];

    /// <summary>Whether the structure was periodic, so that there is a stress.</summary>
    public bool HasStress { get; set; }

    /// <summary>Per-atom energy terms (no entropy: a continuous charge has no latent weights).</summary>
    public EnergyTerms Terms { get; }

    /// <summary>E (eV), which the forces derive from.</summary>
    public double Energy { get; set; }

    /// <summary>How the charge solve went.</summary>
    public ChargeSolveReport Report { get; set; } = new(ChargeSolveReport.Dense, 0, 0, 0);

    double IEvaluation.FreeEnergy => Energy;

    double IEvaluation.InternalEnergy => Energy;

    ReadOnlySpan<double> IEvaluation.Fx => Fx;

    ReadOnlySpan<double> IEvaluation.Fy => Fy;

    ReadOnlySpan<double> IEvaluation.Fz => Fz;

    ReadOnlySpan<double> IEvaluation.Stress => HasStress ? Stress : default;

    ReadOnlySpan<double> IEvaluation.Charges => Charges;

    int IEvaluation.SolverIterations => Report.Iterations;

    /// <summary>A copy as the public result.</summary>
    public ChargeEquilibrationResult ToResult()
    {
        var n = Count;
        var forces = new Vec3[n];
        for (var i = 0; i < n; i++)
            forces[i] = new Vec3(Fx[i], Fy[i], Fz[i]);
        var terms = new EnergyTerms(n);
        Terms.CopyTo(terms);
        return new ChargeEquilibrationResult(Energy, forces, HasStress ? (double[])Stress.Clone() : null, (double[])Charges.Clone(), terms, Report);
    }
}
