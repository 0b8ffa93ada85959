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

    /// <summary>The conventional rock-salt cell (4 Na + 4 Cl) of lattice constant a, atoms displaced by up to ±<paramref name="jiggle"/> Å per component.</summary>
    public static Structure RockSalt(double a, double jiggle = 0, int seed = 1)
    {
        (double, double, double)[] na = [(0, 0, 0), (0, 0.5, 0.5), (0.5, 0, 0.5), (0.5, 0.5, 0)];
        (double, double, double)[] cl = [(0.5, 0, 0), (0, 0.5, 0), (0, 0, 0.5), (0.5, 0.5, 0.5)];
        var random = new Random(seed);
        double Jiggle() => jiggle * (2 * random.NextDouble() - 1);
        var positions = na.Concat(cl).Select(f => new Vec3(f.Item1 * a + Jiggle(), f.Item2 * a + Jiggle(), f.Item3 * a + Jiggle())).ToArray();
        string[] symbols = ["Na", "Na", "Na", "Na", "Cl", "Cl", "Cl", "Cl"];
        return new Structure(symbols, positions, symbols.Select(s => s == "Na" ? NaMass : ClMass).ToArray(), Cell.Orthorhombic(a, a, a));
    }

    /// <summary>An isolated Na–Cl pair along x.</summary>
    public static Structure Dimer(double r) =>
        new(["Na", "Cl"], [Vec3.Zero, new Vec3(r, 0, 0)], [NaMass, ClMass], Cell.None);
}
