using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Verification;

/// <summary>
/// Structures for any potential, built from the potential alone so that the checks over every shipped potential
/// need no per-potential data: the element pairs, each pair's dimer minimum, a random cluster and a skewed,
/// jiggled periodic cell of the potential's elements at about that spacing.
/// </summary>
internal sealed class ShippedPotentialStructures
{
    private static readonly Dictionary<string, ShippedPotentialStructures> Loaded = [];

    private ShippedPotentialStructures(PotentialKernels potential)
    {
        Potential = potential;
        Symbols = potential.Elements.Select(e => e.Symbol).ToArray();
        var pairs = new List<(string, string)>();
        for (var a = 0; a < Symbols.Count; a++)
            for (var b = a; b < Symbols.Count; b++)
                pairs.Add((Symbols[a], Symbols[b]));
        Pairs = pairs;
        // Unlike pairs bind the crystal where there are several elements (like pairs may be all repulsive).
        var binding = pairs.Count == 1 ? pairs : pairs.Where(p => p.Item1 != p.Item2).ToList();
        BondLength = binding.Average(p => FindDimerMinimum(p.Item1, p.Item2));
        // A crystal's bonds are longer than the dimer's (NaCl 2.82 against 2.36 Å, Cu 2.56 against 2.2 Å).
        Spacing = 1.15 * BondLength;
    }

    /// <summary>The structures of a shipped potential, made once per test run.</summary>
    public static ShippedPotentialStructures Of(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var s))
                Loaded[name] = s = new ShippedPotentialStructures(new PotentialLoader().Load(name));
            return s;
        }
    }

    public PotentialKernels Potential { get; }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Every unordered element pair, like pairs included.</summary>
    public IReadOnlyList<(string A, string B)> Pairs { get; }

    /// <summary>Where the binding pairs' dimer free energy is lowest (Å, to 0.01 Å), averaged over those pairs.</summary>
    public double BondLength { get; }

    /// <summary>The spacing of the built structures: a crystal's bond length, 1.15 times the dimer's.</summary>
    public double Spacing { get; }

    /// <summary>The potential's engine (ensemble or charge equilibration), converged to <paramref name="tolerance"/>.</summary>
    public IEngineCalculator Calculator(int? threads = null, double tolerance = 1e-13) =>
        EngineSelection.For(Potential, new CalculatorOptions
        {
            Threads = threads,
            Solver = new() { Tolerance = tolerance },
            ChargeEquilibration = new() { Tolerance = Math.Max(tolerance, 1e-12) },
        });

    public double Mass(string symbol) => Potential.Elements[Potential.ElementIndex(symbol)].Mass;

    public Structure Dimer(string a, string b, double r) =>
        new([a, b], [Vec3.Zero, new Vec3(r, 0, 0)], [Mass(a), Mass(b)], Cell.None);

    /// <summary>Atoms at random places in a box, elements in turn, none closer than 0.85 of the spacing.</summary>
    public Structure Cluster(int atoms, int seed)
    {
        var rng = new Random(seed);
        var box = Spacing * Math.Cbrt(atoms) * 1.3;
        var positions = new List<Vec3>();
        while (positions.Count < atoms)
        {
            var p = new Vec3(rng.NextDouble() * box, rng.NextDouble() * box, rng.NextDouble() * box);
            if (positions.All(q => (p - q).Length >= 0.85 * Spacing))
                positions.Add(p);
        }
        var symbols = Enumerable.Range(0, atoms).Select(i => Symbols[i % Symbols.Count]).ToArray();
        return new Structure(symbols, positions, symbols.Select(Mass).ToArray(), Cell.None);
    }

    /// <summary>
    /// A periodic, skewed cell of n×n×n sites of a simple cubic grid at the spacing, elements alternating as in
    /// rock salt (one element: all alike), every coordinate jiggled, so that no symmetry hides an error.
    /// </summary>
    public Structure PeriodicCell(int n, int seed, double jiggle = 0.08)
    {
        var d = Spacing;
        var cell = new Cell(new Vec3(n * d, 0, 0), new Vec3(0.3 * d, n * d, 0), new Vec3(0.2 * d, -0.1 * d, n * d), true, true, true);
        var symbols = new List<string>();
        var positions = new List<Vec3>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    symbols.Add(Symbols[(i + j + k) % Symbols.Count]);
                    positions.Add(cell.ToCartesian(new Vec3((double)i / n, (double)j / n, (double)k / n)));
                }
        return new Structure(symbols, positions, symbols.Select(Mass).ToArray(), cell).Jiggled(jiggle * d, seed);
    }

    private double FindDimerMinimum(string a, string b)
    {
        var calculator = Calculator(tolerance: 1e-10);
        var (best, at) = (double.PositiveInfinity, 0.0);
        for (var r = 1.5; r < Potential.Cutoff; r += 0.01)
        {
            var e = calculator.GetPotentialEnergy(Dimer(a, b, r));
            if (e < best)
                (best, at) = (e, r);
        }
        return at;
    }
}
