using Latent.Runtime.Engine;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The system's sums at fixed weights, away from any solver: ε = ∂E/∂w (docs/model.md §3), per-atom
/// terms that add up to the total, invariance under relabelling the atoms, forces and virial equal to
/// differences of E in the positions (docs/model.md §4), and the same bits on any number of threads.
/// Weights are random points of each atom's simplex, so every state and the charge transfer count.
/// </summary>
public sealed class EnsembleSystemTests
{
    private const double Temperature = 0.025;

    /// <summary>A system as the calculator builds it: all pairs and the direct sum for a cluster, neighbour lists and the damped shifted-force sum for a cell.</summary>
    internal static EnsembleSystem SystemFor(Structure s, int threads = -1)
    {
        var potential = NaClStructures.Potential;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        if (!s.Cell.IsPeriodic)
            return new EnsembleSystem(potential, s, PairSet.AllPairs(s, potential.Cutoff), LongRangeCoulomb.Direct(), null, parallel);
        var coulombCutoff = Math.Max(12.0, potential.Cutoff);
        var shortList = new NeighbourList(potential.Cutoff, 0.5, NeighbourListKind.Half);
        var longList = new NeighbourList(coulombCutoff, 0.5, NeighbourListKind.Half);
        shortList.Build(s);
        longList.Build(s);
        return new EnsembleSystem(potential, s, PairSet.FromNeighbourList(shortList, s, potential.Cutoff),
            LongRangeCoulomb.DampedShiftedForce(0.2, coulombCutoff), PairSet.FromNeighbourList(longList, s, coulombCutoff), parallel);
    }

    private static Structure Case(bool periodic) =>
        periodic ? NaClStructures.RockSalt(jiggle: 0.15, seed: 5) : NaClStructures.RandomCluster(4, 6);

    /// <summary>Random weights on each atom's simplex, none small.</summary>
    private static double[] RandomWeights(EnsembleSystem system, int seed)
    {
        var rng = new Random(seed);
        var w = new double[system.WeightCount];
        for (var i = 0; i < system.AtomCount; i++)
        {
            var (s0, count) = (system.StateOffset(i), system.StateCount(i));
            var sum = 0.0;
            for (var a = 0; a < count; a++)
                sum += w[s0 + a] = 0.05 + rng.NextDouble();
            for (var a = 0; a < count; a++)
                w[s0 + a] /= sum;
        }
        return w;
    }

    private static double InternalEnergy(EnsembleSystem system, double[] weights) =>
        system.FreeEnergy(weights, Temperature).InternalEnergy;

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), $"{what}: {expected:R} vs {actual:R}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Epsilon_is_the_derivative_of_the_internal_energy_in_each_weight(bool periodic)
    {
        var system = SystemFor(Case(periodic));
        var w = RandomWeights(system, 1);
        var epsilon = new double[w.Length];
        system.Epsilon(w, epsilon);
        const double h = 1e-5;
        for (var k = 0; k < w.Length; k++)
        {
            var shifted = (double[])w.Clone();
            shifted[k] = w[k] + h;
            var plus = InternalEnergy(system, shifted);
            shifted[k] = w[k] - h;
            var minus = InternalEnergy(system, shifted);
            AssertClose((plus - minus) / (2 * h), epsilon[k], 1e-7, $"ε of weight {k}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_atom_terms_add_up_to_the_totals(bool periodic)
    {
        var system = SystemFor(Case(periodic));
        var terms = system.FreeEnergy(RandomWeights(system, 2), Temperature);
        var (free, internalEnergy) = (0.0, 0.0);
        for (var i = 0; i < system.AtomCount; i++)
        {
            free += terms.AtomFreeEnergy(i);
            internalEnergy += terms.Atomic[i] + terms.Electrostatic[i] + terms.Pair[i] + terms.Embedding[i];
        }
        AssertClose(terms.FreeEnergy, free, 1e-13, "free energy");
        AssertClose(terms.InternalEnergy, internalEnergy, 1e-13, "internal energy");
    }

    /// <summary>Beyond the short-range cutoff only the point charges interact: each atom holds half of k_e q₁ q₂ / r, and no pair term.</summary>
    [Fact]
    public void A_pair_beyond_the_short_range_cutoff_splits_its_Coulomb_energy_half_and_half()
    {
        var r = NaClStructures.Potential.Cutoff + 2;
        var system = SystemFor(NaClStructures.Dimer(r));
        Assert.Equal(0, system.PairCount);
        var w = RandomWeights(system, 3);
        var q = new double[2];
        system.Charges(w, q);
        var terms = system.FreeEnergy(w, Temperature);
        var half = 0.5 * LongRangeCoulomb.CoulombConstant * q[0] * q[1] / r;
        for (var i = 0; i < 2; i++)
        {
            AssertClose(half, terms.Electrostatic[i], 1e-14, $"electrostatics of atom {i}");
            Assert.Equal(0, terms.Pair[i]);
        }
    }

    [Fact]
    public void Free_energy_epsilon_and_forces_do_not_depend_on_the_order_atoms_are_listed()
    {
        var s = NaClStructures.RandomCluster(3, 6);
        var order = new[] { 3, 0, 5, 1, 4, 2 };
        var permuted = new Structure(order.Select(i => s.Symbols[i]).ToArray(), order.Select(s.Position).ToArray(), order.Select(i => s.Masses[i]).ToArray(), Cell.None);
        var (system, other) = (SystemFor(s), SystemFor(permuted));
        var w = RandomWeights(system, 4);
        var v = new double[w.Length];
        for (var k = 0; k < order.Length; k++)
            for (var a = 0; a < system.StateCount(order[k]); a++)
                v[other.StateOffset(k) + a] = w[system.StateOffset(order[k]) + a];

        var (terms, otherTerms) = (system.FreeEnergy(w, Temperature), other.FreeEnergy(v, Temperature));
        AssertClose(terms.FreeEnergy, otherTerms.FreeEnergy, 1e-13, "free energy");
        for (var k = 0; k < order.Length; k++)
            AssertClose(terms.AtomFreeEnergy(order[k]), otherTerms.AtomFreeEnergy(k), 1e-12, $"free energy of atom {k}");

        var (epsilon, otherEpsilon) = (new double[w.Length], new double[v.Length]);
        system.Epsilon(w, epsilon);
        other.Epsilon(v, otherEpsilon);
        for (var k = 0; k < order.Length; k++)
            for (var a = 0; a < system.StateCount(order[k]); a++)
                AssertClose(epsilon[system.StateOffset(order[k]) + a], otherEpsilon[other.StateOffset(k) + a], 1e-12, $"ε of atom {k} state {a}");

        var (f, g) = (Forces(system, w, out var virial), Forces(other, v, out var otherVirial));
        for (var k = 0; k < order.Length; k++)
            for (var c = 0; c < 3; c++)
                AssertClose(f[c][order[k]], g[c][k], 1e-11, $"force on atom {k} component {c}");
        for (var c = 0; c < 6; c++)
            AssertClose(virial[c], otherVirial[c], 1e-11, $"virial {c}");
    }

    /// <summary>Forces and virial at the weights (after a free-energy pass at them, as the contract asks).</summary>
    private static double[][] Forces(EnsembleSystem system, double[] weights, out double[] virial)
    {
        system.FreeEnergy(weights, Temperature);
        var f = new[] { new double[system.AtomCount], new double[system.AtomCount], new double[system.AtomCount] };
        virial = new double[6];
        system.Forces(weights, f[0], f[1], f[2], virial);
        return f;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forces_are_minus_the_derivative_of_the_internal_energy_at_fixed_weights(bool periodic)
    {
        var s = Case(periodic);
        var w = RandomWeights(SystemFor(s), 5);
        var f = Forces(SystemFor(s), w, out _);
        const double h = 1e-5;
        for (var i = 0; i < s.Count; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var p0 = s.Position(i);
                var d = c switch { 0 => new Vec3(h, 0, 0), 1 => new Vec3(0, h, 0), _ => new Vec3(0, 0, h) };
                s.SetPosition(i, p0 + d);
                var plus = InternalEnergy(SystemFor(s), w);
                s.SetPosition(i, p0 - d);
                var minus = InternalEnergy(SystemFor(s), w);
                s.SetPosition(i, p0);
                AssertClose(-(plus - minus) / (2 * h), f[c][i], 1e-7, $"force on atom {i} component {c}");
            }
        }
    }

    /// <summary>
    /// The virial is ∂E/∂ε at fixed weights under a homogeneous strain r → (1 + ε) r: for a cell the
    /// cell strains too (a shear Voigt strain e moves ε_ab and ε_ba by e, hence the half); for a
    /// cluster only the positions move, and the long-range (direct) sum is part of it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_virial_is_the_derivative_of_the_internal_energy_in_a_homogeneous_strain(bool periodic)
    {
        var s = Case(periodic);
        var w = RandomWeights(SystemFor(s), 6);
        Forces(SystemFor(s), w, out var virial);
        const double h = 1e-6;
        for (var k = 0; k < 6; k++)
        {
            double Energy(double e)
            {
                var voigt = new double[6];
                voigt[k] = e;
                return InternalEnergy(SystemFor(periodic ? s.Strained(voigt) : StrainedCluster(s, voigt)), w);
            }

            var difference = (Energy(h) - Energy(-h)) / (2 * h) * (periodic && k >= 3 ? 0.5 : 1);
            AssertClose(difference, virial[k], 1e-6, $"virial {k}");
        }
    }

    /// <summary>r → (1 + ε) r with ε from a Voigt strain (engineering shears: ε_ab = e/2).</summary>
    private static Structure StrainedCluster(Structure s, double[] voigt)
    {
        var copy = s.Clone();
        var (xx, yy, zz, yz, xz, xy) = (voigt[0], voigt[1], voigt[2], voigt[3] / 2, voigt[4] / 2, voigt[5] / 2);
        for (var i = 0; i < s.Count; i++)
        {
            var r = s.Position(i);
            copy.SetPosition(i, new Vec3(
                r.X + xx * r.X + xy * r.Y + xz * r.Z,
                r.Y + xy * r.X + yy * r.Y + yz * r.Z,
                r.Z + xz * r.X + yz * r.Y + zz * r.Z));
        }
        return copy;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Results_are_the_same_bits_on_one_thread_and_on_several(bool periodic)
    {
        var s = Case(periodic);
        var (one, several) = (SystemFor(s, threads: 1), SystemFor(s, threads: 4));
        var w = RandomWeights(one, 7);
        var (e1, e4) = (new double[w.Length], new double[w.Length]);
        one.Epsilon(w, e1);
        several.Epsilon(w, e4);
        Assert.Equal(e1, e4);
        var (t1, t4) = (one.FreeEnergy(w, Temperature), several.FreeEnergy(w, Temperature));
        Assert.Equal(t1.Electrostatic, t4.Electrostatic);
        Assert.Equal(t1.Embedding, t4.Embedding);
        Assert.Equal(t1.Pair, t4.Pair);
        var (f1, f4) = (Forces(one, w, out var v1), Forces(several, w, out var v4));
        Assert.Equal(f1, f4);
        Assert.Equal(v1, v4);
    }
}
