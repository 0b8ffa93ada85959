using FsCheck;
using FsCheck.Fluent;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Verification;

/// <summary>
/// A random small structure of a potential's elements, drawn from a seed: a cluster of
/// <see cref="Atoms"/> atoms no closer than 2.2 Å in a 6 Å box, or (<see cref="Periodic"/>) a simple
/// cubic 2×2×2 cell at 2.82 Å (rock salt for two elements) with its atoms jiggled and the cell sheared.
/// Shrinks to fewer atoms and smaller seeds.
/// </summary>
internal sealed record SystemCase(bool Periodic, int Atoms, int Seed)
{
    public static Arbitrary<SystemCase> Clusters() =>
        Arb.From(
            from atoms in Gen.Choose(2, 5)
            from seed in Gen.Choose(0, 100_000)
            select new SystemCase(false, atoms, seed),
            c => ShrinkCluster(c));

    public static Arbitrary<SystemCase> Cells() =>
        Arb.From(Gen.Choose(0, 100_000).Select(seed => new SystemCase(true, 8, seed)), c => ShrinkSeed(c));

    private static IEnumerable<SystemCase> ShrinkCluster(SystemCase c)
    {
        if (c.Atoms > 2)
            yield return c with { Atoms = c.Atoms - 1 };
        foreach (var s in ShrinkSeed(c))
            yield return s;
    }

    private static IEnumerable<SystemCase> ShrinkSeed(SystemCase c)
    {
        if (c.Seed > 0)
            yield return c with { Seed = c.Seed / 2 };
    }

    public string Describe() =>
        Periodic ? $"periodic 2x2x2 cell of {Atoms} atoms, seed {Seed}" : $"cluster of {Atoms} atoms, seed {Seed}";

    public Structure Build(PotentialKernels potential)
    {
        var rng = new Random(Seed);
        var elements = potential.Elements;
        var symbols = new List<string>();
        var positions = new List<Vec3>();
        if (!Periodic)
        {
            while (positions.Count < Atoms)
            {
                var p = new Vec3(rng.NextDouble() * 6, rng.NextDouble() * 6, rng.NextDouble() * 6);
                if (positions.All(q => (p - q).Length >= 2.2))
                {
                    symbols.Add(elements[positions.Count % elements.Count].Symbol);
                    positions.Add(p);
                }
            }
            return new Structure(symbols, positions, Masses(potential, symbols), Cell.None);
        }

        const double spacing = 2.82;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                for (var k = 0; k < 2; k++)
                {
                    symbols.Add(elements[(i + j + k) % elements.Count].Symbol);
                    positions.Add(new Vec3(i * spacing + Jiggle(rng), j * spacing + Jiggle(rng), k * spacing + Jiggle(rng)));
                }
        var cubic = Cell.Orthorhombic(2 * spacing, 2 * spacing, 2 * spacing);
        // A triclinic cell: shear strains so that every Voigt component of the stress is non-trivial.
        var cell = cubic.Strained([0, 0, 0, 0.1 * (rng.NextDouble() - 0.5), 0.1 * (rng.NextDouble() - 0.5), 0.1 * (rng.NextDouble() - 0.5)]);
        for (var a = 0; a < positions.Count; a++)
            positions[a] = cell.ToCartesian(cubic.ToFractional(positions[a]));
        return new Structure(symbols, positions, Masses(potential, symbols), cell);
    }

    private static double Jiggle(Random rng) => 0.24 * (rng.NextDouble() - 0.5);

    private static double[] Masses(PotentialKernels potential, List<string> symbols) =>
        symbols.Select(s => potential.Elements[potential.ElementIndex(s)].Mass).ToArray();
}
