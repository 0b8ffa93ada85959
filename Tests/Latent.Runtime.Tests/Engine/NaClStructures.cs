using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Tests.Engine;

/// <summary>Shared structures and the shipped NaCl potential for the engine tests.</summary>
internal static class NaClStructures
{
    private static readonly Lazy<PotentialKernels> Kernels = new(() => new PotentialLoader().Load("NaCl"));

    public static PotentialKernels Potential => Kernels.Value;

    /// <summary>The standard atomic weight (amu) from the atomic data shipped in Latent.Symbolic: the mass the potential and the CLI give the element.</summary>
    public static double Mass(string symbol) => AtomicData.tryFind(symbol).Value.Mass;

    public static Structure Dimer(double r, string a = "Na", string b = "Cl") =>
        new([a, b], [new Vec3(0, 0, 0), new Vec3(r, 0, 0)], [Mass(a), Mass(b)], Cell.None);

    /// <summary>The conventional rock-salt cell (4 Na + 4 Cl), optionally repeated and jiggled.</summary>
    public static Structure RockSalt(double a = 5.64, int repeat = 1, double jiggle = 0, int seed = 1) =>
        RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), a, repeat).Jiggled(jiggle, seed);

    /// <summary>A random cluster of Na and Cl atoms with no two closer than <paramref name="minDistance"/>.</summary>
    public static Structure RandomCluster(int seed, int atoms, double box = 6.0, double minDistance = 2.2)
    {
        var rng = new Random(seed);
        var symbols = new List<string>();
        var positions = new List<Vec3>();
        while (positions.Count < atoms)
        {
            var p = new Vec3(rng.NextDouble() * box, rng.NextDouble() * box, rng.NextDouble() * box);
            if (positions.All(q => (p - q).Length >= minDistance))
            {
                symbols.Add(positions.Count % 2 == 0 ? "Na" : "Cl");
                positions.Add(p);
            }
        }
        return new Structure(symbols, positions, symbols.Select(Mass).ToArray(), Cell.None);
    }
}
