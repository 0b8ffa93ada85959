namespace Latent.Runtime.Calculators;

/// <summary>
/// A calculator's latest evaluation, read where it lies: the view the relaxation and dynamics loops use,
/// so a step allocates nothing. It belongs to the calculator and stays valid until the calculator evaluates
/// another configuration or is reset; asking again about the unchanged structure (with
/// <see cref="ICalculator.Calculate"/> too) leaves it as it is. Keep numbers, not the spans. An optional
/// property the calculator does not give for this structure is an empty span.
/// </summary>
public interface IEvaluation
{
    /// <summary>A (eV): the energy the forces derive from (<see cref="CalculatorProperties.Energy"/>).</summary>
    double FreeEnergy { get; }

    /// <summary>E (eV), without the entropy of the latent weights; equal to <see cref="FreeEnergy"/> when there is none.</summary>
    double InternalEnergy { get; }

    /// <summary>x components of the forces (eV/Å), one per atom.</summary>
    ReadOnlySpan<double> Fx { get; }

    /// <summary>y components of the forces (eV/Å), one per atom.</summary>
    ReadOnlySpan<double> Fy { get; }

    /// <summary>z components of the forces (eV/Å), one per atom.</summary>
    ReadOnlySpan<double> Fz { get; }

    /// <summary>Stress in Voigt order xx yy zz yz xz xy (eV/Å³); empty when there is none (a cluster, or a calculator without stress).</summary>
    ReadOnlySpan<double> Stress { get; }

    /// <summary>Charges (e), one per atom; empty when the calculator gives none.</summary>
    ReadOnlySpan<double> Charges { get; }

    /// <summary>Iterations of the calculator's self-consistent solve for this evaluation (the latent weights); 0 for a calculator without one.</summary>
    int SolverIterations { get; }

    /// <summary>Whether this evaluation's solve searched every competing branch (<see cref="Engine.Solver.SolverReport.FullSearch"/>); false for a calculator without one.</summary>
    /// <remarks>Read per step by long runs that count searches (<c>latent soak</c>) without asking for a report, which would allocate.</remarks>
    bool SolverFullSearch => false;

    /// <summary>Whether this evaluation's warm-started solve left the branch the previous weights were on (<see cref="Engine.Solver.SolverReport.BranchSwitch"/>); false for a calculator without one.</summary>
    bool SolverBranchSwitch => false;
}
