using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Engine;

/// <summary>
/// One evaluation in buffers the calculator owns and refills: forces as separate x, y, z arrays, flat
/// weights, charges, stress and the free-energy terms. The integrators and the relaxation read it
/// directly (as <see cref="IEvaluation"/>), so a step allocates nothing; <see cref="ToResult"/> copies it
/// into the public <see cref="CalculationResult"/>, whose arrays the caller owns. Valid until the
/// calculator evaluates another configuration.
/// </summary>
internal sealed class Evaluation : IEvaluation
{
    /// <summary>Buffers for <paramref name="atoms"/> atoms with <paramref name="weights"/> latent weights in all.</summary>
    public Evaluation(int atoms, int weights)
    {
        Fx = new double[atoms];
        Fy = new double[atoms];
        Fz = new double[atoms];
        Charges = new double[atoms];
        Weights = new double[weights];
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

    /// <summary>Latent weights, flattened over atoms in the system's state order.</summary>
    public double[] Weights { get; }

    /// <summary>Stress in Voigt order (eV/Å³); meaningful only when <see cref="HasStress"/>.</summary>
    public double[] Stress { get; } = new double[6];

    /// <summary>Whether the structure was periodic, so that there is a stress.</summary>
    public bool HasStress { get; set; }

    /// <summary>Per-atom free-energy terms.</summary>
    public EnergyTerms Terms { get; }

    /// <summary>A (eV).</summary>
    public double FreeEnergy { get; set; }

    /// <summary>E (eV).</summary>
    public double InternalEnergy { get; set; }

    /// <summary>How the solver went.</summary>
    public SolveOutcome Outcome { get; set; }

    ReadOnlySpan<double> IEvaluation.Fx => Fx;

    ReadOnlySpan<double> IEvaluation.Fy => Fy;

    ReadOnlySpan<double> IEvaluation.Fz => Fz;

    ReadOnlySpan<double> IEvaluation.Stress => HasStress ? Stress : default;

    ReadOnlySpan<double> IEvaluation.Charges => Charges;

    int IEvaluation.SolverIterations => Outcome.Iterations;

    bool IEvaluation.SolverFullSearch => Outcome.FullSearch;

    bool IEvaluation.SolverBranchSwitch => Outcome.BranchSwitch;

    /// <summary>A copy as the public result, with per-atom weights split by the state offsets and counts of the atoms.</summary>
    public CalculationResult ToResult(Func<int, int> stateOffset, Func<int, int> stateCount)
    {
        var n = Count;
        var forces = new Vec3[n];
        for (var i = 0; i < n; i++)
            forces[i] = new Vec3(Fx[i], Fy[i], Fz[i]);
        var weights = new double[n][];
        for (var i = 0; i < n; i++)
            weights[i] = Weights.AsSpan(stateOffset(i), stateCount(i)).ToArray();
        var terms = new EnergyTerms(n);
        Terms.CopyTo(terms);
        return new CalculationResult(FreeEnergy, InternalEnergy, forces, HasStress ? (double[])Stress.Clone() : null,
            (double[])Charges.Clone(), weights, Outcome.Lambda, terms, Outcome.ToReport());
    }
}
