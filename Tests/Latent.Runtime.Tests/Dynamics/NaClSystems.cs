using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Dynamics;

/// <summary>Structures of the shipped NaCl potential for the dynamics tests.</summary>
internal static class NaClSystems
{
    public const double NaMass = 22.98976928;
    public const double ClMass = 35.453;

    private static readonly Lazy<PotentialKernels> Kernels = new(() => new PotentialLoader().Load("NaCl"));

    public static PotentialKernels Potential => Kernels.Value;

    /// <summary>A calculator on one thread: for 8 atoms threads cost more than they give, and results do not depend on it.</summary>
    public static EnsembleCalculator Calculator(SolverOptions? solver = null) =>
        new(Potential, new CalculatorOptions { Threads = 1, Solver = solver ?? new SolverOptions() });

    /// <summary>The conventional rock-salt cell (4 Na, then 4 Cl) of lattice constant a, atoms displaced by up to ±<paramref name="jiggle"/> Å per component.</summary>
    public static Structure RockSalt(double a, double jiggle = 0, int seed = 1) =>
        RockSaltCrystal.Build("Na", NaMass, "Cl", ClMass, a, order: RockSaltOrder.CationsThenAnions).Jiggled(jiggle, seed);

    /// <summary>An isolated Na–Cl pair along x.</summary>
    public static Structure Dimer(double r) =>
        new(["Na", "Cl"], [Vec3.Zero, new Vec3(r, 0, 0)], [NaMass, ClMass], Cell.None);
}
