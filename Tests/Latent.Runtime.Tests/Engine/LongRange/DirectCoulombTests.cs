using Latent.Runtime.Engine;
using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine.LongRange;

/// <summary>The bare point-charge sum of a cluster, against Coulomb's law for two charges and a pair-by-pair sum for more.</summary>
public sealed class DirectCoulombTests
{
    private const double KE = LongRangeCoulomb.CoulombConstant;

    private static Structure Cluster(params Vec3[] positions) =>
        new(positions.Select(_ => "Na").ToArray(), positions, positions.Select(_ => 22.99).ToArray(), Cell.None);

    private static ILongRangeElectrostatics Direct(Structure s, int threads = -1) =>
        new DirectCoulomb(LongRangeCoulomb.Direct(), s, new ParallelOptions { MaxDegreeOfParallelism = threads });

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-13 * (1 + Math.Abs(expected)), $"{what}: {expected:R} vs {actual:R}");

    [Fact]
    public void Two_point_charges_follow_Coulombs_law()
    {
        var d = new Vec3(1.2, 0.5, -0.3);
        var r = d.Length;
        var q = new[] { 0.7, -0.4 };
        var coulomb = Direct(Cluster(Vec3.Zero, d));

        var v = new double[2];
        coulomb.Potential(q, v);
        AssertClose(KE * q[1] / r, v[0], "V at atom 0");
        AssertClose(KE * q[0] / r, v[1], "V at atom 1");

        var energies = new double[2];
        coulomb.AtomEnergies(q, v, energies);
        AssertClose(KE * q[0] * q[1] / r, energies[0] + energies[1], "energy");
        AssertClose(energies[0], energies[1], "the two halves");

        var (fx, fy, fz) = (new double[2], new double[2], new double[2]);
        var virial = new double[6];
        coulomb.AddForces(q, fx, fy, fz, virial);
        // E = k_e q₀ q₁ / r with d = r₁ − r₀: the force on 1 is k_e q₀ q₁ d / r³ (repulsive for like charges), on 0 the opposite.
        var s = KE * q[0] * q[1] / (r * r * r);
        AssertClose(s * d.X, fx[1], "force x on atom 1");
        AssertClose(s * d.Y, fy[1], "force y on atom 1");
        AssertClose(s * d.Z, fz[1], "force z on atom 1");
        AssertClose(-s * d.X, fx[0], "force x on atom 0");
        AssertClose(-s * d.Y, fy[0], "force y on atom 0");
        AssertClose(-s * d.Z, fz[0], "force z on atom 0");
        // W_ab = dE/dr d_a d_b / r = −k_e q₀ q₁ d_a d_b / r³.
        double[] expected = [-s * d.X * d.X, -s * d.Y * d.Y, -s * d.Z * d.Z, -s * d.Y * d.Z, -s * d.X * d.Z, -s * d.X * d.Y];
        for (var k = 0; k < 6; k++)
            AssertClose(expected[k], virial[k], $"virial {k}");

        var m = coulomb.Matrix();
        Assert.Equal(0, m[0, 0]);
        Assert.Equal(0, m[1, 1]);
        AssertClose(KE / r, m[0, 1], "M₀₁");
        Assert.Equal(m[0, 1], m[1, 0]);
    }

    [Fact]
    public void Forces_are_added_to_what_is_there_and_the_virial_is_the_sum_over_pairs()
    {
        var s = Cluster(new Vec3(0, 0, 0), new Vec3(2.1, 0.3, 0.1), new Vec3(-0.4, 1.9, 0.8), new Vec3(1.0, 1.1, -1.7));
        var q = new[] { 0.9, -0.6, 0.2, -0.5 };
        var (fx, fy, fz) = (new[] { 1.0, 2.0, 3.0, 4.0 }, new double[4], new double[4]);
        var virial = new[] { 10.0, 0, 0, 0, 0, 0 };
        Direct(s).AddForces(q, fx, fy, fz, virial);

        var (gx, expected) = (new[] { 1.0, 2.0, 3.0, 4.0 }, new[] { 10.0, 0, 0, 0, 0, 0 });
        for (var i = 0; i < s.Count; i++)
        {
            for (var j = i + 1; j < s.Count; j++)
            {
                var d = s.Position(j) - s.Position(i);
                var r = d.Length;
                var dEdr = -KE * q[i] * q[j] / (r * r);
                var t = dEdr / r;
                gx[i] += t * d.X;
                gx[j] -= t * d.X;
                expected[0] += t * d.X * d.X;
                expected[1] += t * d.Y * d.Y;
                expected[2] += t * d.Z * d.Z;
                expected[3] += t * d.Y * d.Z;
                expected[4] += t * d.X * d.Z;
                expected[5] += t * d.X * d.Y;
            }
        }
        for (var i = 0; i < s.Count; i++)
            AssertClose(gx[i], fx[i], $"force x on atom {i}");
        for (var k = 0; k < 6; k++)
            AssertClose(expected[k], virial[k], $"virial {k}");
        Assert.True(Math.Abs(fy.Sum()) < 1e-13 && Math.Abs(fz.Sum()) < 1e-13, "the forces cancel");
    }

    [Fact]
    public void Matrix_times_the_charges_is_the_potential_on_any_number_of_threads()
    {
        var s = Cluster(new Vec3(0, 0, 0), new Vec3(2.1, 0.3, 0.1), new Vec3(-0.4, 1.9, 0.8), new Vec3(1.0, 1.1, -1.7), new Vec3(3.0, -1.0, 0.5));
        var q = new[] { 0.9, -0.6, 0.2, -0.5, 0.3 };
        var (one, several) = (new double[5], new double[5]);
        Direct(s, threads: 1).Potential(q, one);
        Direct(s, threads: 4).Potential(q, several);
        Assert.Equal(one, several);
        var m = Direct(s).Matrix();
        for (var i = 0; i < s.Count; i++)
        {
            var mq = 0.0;
            for (var j = 0; j < s.Count; j++)
                mq += m[i, j] * q[j];
            AssertClose(mq, one[i], $"(M q)_{i}");
        }
    }
}
