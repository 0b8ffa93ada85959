using Latent.Runtime.Engine;
using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine.LongRange;

/// <summary>
/// The damped shifted-force sum: its pair energy and force vanish at the cutoff (the value to second
/// order, the force to first), its forces and virial are differences of its energy, and its matrix
/// gives the potential, self term and periodic self-images included.
/// </summary>
public sealed class DampedShiftedForceCoulombTests
{
    private const double Damping = 0.25;
    private const double Cutoff = 6.0;
    private static readonly LongRangeCoulomb Form = LongRangeCoulomb.DampedShiftedForce(Damping, Cutoff);

    private static ILongRangeElectrostatics Sum(int atoms, PairSet pairs) => new DampedShiftedForceCoulomb(Form, atoms, pairs);

    private static double Energy(ILongRangeElectrostatics sum, double[] charges)
    {
        var v = new double[charges.Length];
        var energies = new double[charges.Length];
        sum.Potential(charges, v);
        sum.AtomEnergies(charges, v, energies);
        return energies.Sum();
    }

    /// <summary>Energy without the self term, and the force on the second atom along the pair, of two charges r apart.</summary>
    private static (double Energy, double Force) Pair(double r, double[] q)
    {
        var sum = Sum(2, new PairSet([0], [1], [r], [0.0], [0.0]));
        var self = LongRangeCoulomb.CoulombConstant * Form.SelfCoefficient * (q[0] * q[0] + q[1] * q[1]);
        var (fx, fy, fz) = (new double[2], new double[2], new double[2]);
        sum.AddForces(q, fx, fy, fz, new double[6]);
        return (Energy(sum, q) - self, fx[1]);
    }

    [Fact]
    public void Pair_energy_and_force_vanish_at_the_cutoff()
    {
        var q = new[] { 1.0, -1.0 };
        Assert.Equal((0.0, 0.0), Pair(Cutoff, q));
        Assert.Equal((0.0, 0.0), Pair(Cutoff + 1, q));
        // Approaching Rc the energy falls as δ² and the force as δ: value and slope are both shifted to zero.
        var (near, nearer) = (Pair(Cutoff - 1e-2, q), Pair(Cutoff - 1e-3, q));
        Assert.True(near.Energy != 0 && near.Force != 0, "the pair still interacts inside the cutoff");
        Assert.InRange(near.Energy / nearer.Energy, 95, 105);
        Assert.InRange(near.Force / nearer.Force, 9.5, 10.5);
    }

    /// <summary>Fennell and Gezelter's formula written out: k_e q₀ q₁ [erfc(αr)/r − erfc(αRc)/Rc + (erfc(αRc)/Rc² + 2α/√π e^{−α²Rc²}/Rc)(r − Rc)].</summary>
    [Fact]
    public void Pair_energy_inside_the_cutoff_is_the_damped_shifted_force_formula()
    {
        var q = new[] { 0.8, -0.6 };
        const double r = 2.0;
        var (a, rc) = (Damping, Cutoff);
        var g = Erfc(a * r) / r - Erfc(a * rc) / rc + (Erfc(a * rc) / (rc * rc) + 2 * a / Math.Sqrt(Math.PI) * Math.Exp(-a * a * rc * rc) / rc) * (r - rc);
        var expected = LongRangeCoulomb.CoulombConstant * q[0] * q[1] * g;
        var energy = Pair(r, q).Energy;
        Assert.True(Math.Abs(expected - energy) < 1e-13, $"{energy:R} vs {expected:R}");
    }

    private static double Erfc(double x) => MathNet.Numerics.SpecialFunctions.Erfc(x);

    private static Structure Cluster(int seed, int atoms)
    {
        var rng = new Random(seed);
        var positions = Enumerable.Range(0, atoms).Select(_ => new Vec3(5 * rng.NextDouble(), 5 * rng.NextDouble(), 5 * rng.NextDouble())).ToArray();
        return new Structure(positions.Select(_ => "Na").ToArray(), positions, positions.Select(_ => 22.99).ToArray(), Cell.None);
    }

    private static double[] Charges(int seed, int atoms)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, atoms).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    /// <summary>On six charges in a 5 Å box some pairs lie beyond the 6 Å cutoff, some near it.</summary>
    [Fact]
    public void Forces_and_virial_are_differences_of_the_energy()
    {
        var s = Cluster(1, 6);
        var q = Charges(2, 6);
        var (fx, fy, fz) = (new double[6], new double[6], new double[6]);
        var virial = new double[6];
        Sum(6, PairSet.AllPairs(s, Cutoff)).AddForces(q, fx, fy, fz, virial);
        double EnergyAt(Structure t) => Energy(Sum(6, PairSet.AllPairs(t, Cutoff)), q);

        const double h = 1e-5;
        var f = new[] { fx, fy, fz };
        for (var i = 0; i < s.Count; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var p0 = s.Position(i);
                var d = c switch { 0 => new Vec3(h, 0, 0), 1 => new Vec3(0, h, 0), _ => new Vec3(0, 0, h) };
                s.SetPosition(i, p0 + d);
                var plus = EnergyAt(s);
                s.SetPosition(i, p0 - d);
                var minus = EnergyAt(s);
                s.SetPosition(i, p0);
                var difference = -(plus - minus) / (2 * h);
                Assert.True(Math.Abs(difference - f[c][i]) < 1e-8, $"atom {i} component {c}: {f[c][i]:R} vs {difference:R}");
            }
        }

        // The virial is ∂E/∂ε under r → (1 + ε) r.
        for (var a = 0; a < 3; a++)
        {
            double Stretched(double e)
            {
                var t = s.Clone();
                for (var i = 0; i < s.Count; i++)
                {
                    var r = s.Position(i);
                    t.SetPosition(i, a switch { 0 => r with { X = (1 + e) * r.X }, 1 => r with { Y = (1 + e) * r.Y }, _ => r with { Z = (1 + e) * r.Z } });
                }
                return EnergyAt(t);
            }

            var difference = (Stretched(h) - Stretched(-h)) / (2 * h);
            Assert.True(Math.Abs(difference - virial[a]) < 1e-7, $"virial {a}: {virial[a]:R} vs {difference:R}");
        }
    }

    /// <summary>In the 8-atom rock-salt cell every atom meets its own periodic images within the cutoff.</summary>
    [Fact]
    public void Matrix_times_the_charges_is_the_potential_with_self_images_and_the_self_term()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.1, seed: 3);
        var list = new NeighbourList(Cutoff, 0.5, NeighbourListKind.Half);
        list.Build(s);
        var pairs = PairSet.FromNeighbourList(list, s, Cutoff);
        Assert.Contains(Enumerable.Range(0, pairs.Count), p => pairs.I[p] == pairs.J[p]);
        var sum = Sum(s.Count, pairs);
        var q = Charges(4, s.Count);
        var v = new double[s.Count];
        sum.Potential(q, v);
        var m = sum.Matrix();
        for (var i = 0; i < s.Count; i++)
        {
            var mq = 0.0;
            for (var j = 0; j < s.Count; j++)
            {
                mq += m[i, j] * q[j];
                Assert.Equal(m[i, j], m[j, i]);
            }
            Assert.True(Math.Abs(mq - v[i]) < 1e-12 * (1 + Math.Abs(v[i])), $"(M q)_{i} = {mq:R}, V = {v[i]:R}");
        }
        // E = ½ qᵀ M q.
        var quadratic = 0.0;
        for (var i = 0; i < s.Count; i++)
            for (var j = 0; j < s.Count; j++)
                quadratic += 0.5 * q[i] * m[i, j] * q[j];
        Assert.True(Math.Abs(quadratic - Energy(sum, q)) < 1e-12 * (1 + Math.Abs(quadratic)));
    }

    [Fact]
    public void Rebinding_to_moved_atoms_gives_what_a_new_sum_gives()
    {
        var (s, q) = (Cluster(5, 5), Charges(6, 5));
        var sum = Sum(5, PairSet.AllPairs(s, Cutoff));
        var moved = s.Clone();
        moved.SetPosition(2, s.Position(2) + new Vec3(0.3, -0.2, 0.4));
        sum.Bind(PairSet.AllPairs(moved, Cutoff));
        Assert.Equal(Energy(Sum(5, PairSet.AllPairs(moved, Cutoff)), q), Energy(sum, q));
    }
}
