using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Dynamics;

/// <summary>
/// Structures of the shipped NaCl potential for the dynamics tests: the potential, masses and dimer of
/// <see cref="NaClStructures"/>, a rock-salt cell listing its Na before its Cl, and a one-thread calculator.
/// </summary>
internal static class NaClSystems
{
    /// <summary>Mass of Na (amu), as the engine tests and the potential have it.</summary>
    public static readonly double NaMass = NaClStructures.Mass("Na");

    /// <summary>Mass of Cl (amu), as the engine tests and the potential have it.</summary>
    public static readonly double ClMass = NaClStructures.Mass("Cl");

    public static PotentialKernels Potential => NaClStructures.Potential;

    /// <summary>A calculator on one thread: for 8 atoms threads cost more than they give, and results do not depend on it.</summary>
    public static EnsembleCalculator Calculator(SolverOptions? solver = null) =>
        new(Potential, new CalculatorOptions { Threads = 1, Solver = solver ?? new SolverOptions() });

    /// <summary>The conventional rock-salt cell (4 Na, then 4 Cl) of lattice constant a, atoms displaced by up to ±<paramref name="jiggle"/> Å per component.</summary>
    public static Structure RockSalt(double a, double jiggle = 0, int seed = 1) =>
        RockSaltCrystal.Build("Na", NaMass, "Cl", ClMass, a, order: RockSaltOrder.CationsThenAnions).Jiggled(jiggle, seed);

    /// <summary>An isolated Na–Cl pair along x.</summary>
    public static Structure Dimer(double r) => NaClStructures.Dimer(r);
}
