using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// No non-finite number leaves a calculation: the scan finds NaN and ±∞ wherever they sit (vector body or
/// tail) and never flags a finite number, however large; the engine raises the named exception itself, so a
/// library caller gets it as the CLI does; a failed evaluation is not cached.
/// </summary>
public sealed class FiniteCheckTests
{
    [Fact]
    public void The_scan_finds_every_non_finite_number_and_passes_every_finite_one()
    {
        for (var n = 0; n <= 19; n++)
        {
            var values = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? double.MaxValue : -double.Epsilon).ToArray();
            Assert.True(FiniteCheck.AllFinite(values));
            for (var k = 0; k < n; k++)
            {
                foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                {
                    var copy = (double[])values.Clone();
                    copy[k] = bad;
                    Assert.False(FiniteCheck.AllFinite(copy), $"{bad} at {k} of {n}");
                }
            }
        }
    }

    [Fact]
    public void Any_calculators_evaluation_is_checked_and_the_atom_named()
    {
        var structure = new Structure(["H", "O"], [Vec3.Zero, new Vec3(1, 0, 0)], [1, 16], Cell.None);
        FiniteCheck.Ensure(new Numbers(1.0, [0, 0], [0, 0], [0, 0], [0.5, -0.5]), structure);

        var charge = Assert.Throws<NonFiniteResultException>(() => FiniteCheck.Ensure(new Numbers(1.0, [0, 0], [0, 0], [0, 0], [0.5, double.NaN]), structure));
        Assert.Equal(("charge", 1, "O"), (charge.Quantity, charge.Atom, charge.Symbol));
        Assert.Contains("the charge of atom 1 (O) is NaN", charge.Message);

        var force = Assert.Throws<NonFiniteResultException>(() => FiniteCheck.Ensure(new Numbers(1.0, [0, 0], [0, double.NegativeInfinity], [0, 0], []), structure));
        Assert.Equal(("force", 1, "O"), (force.Quantity, force.Atom, force.Symbol));

        var energy = Assert.Throws<NonFiniteResultException>(() => FiniteCheck.Ensure(new Numbers(double.PositiveInfinity, [0, 0], [0, 0], [0, 0], []), structure));
        Assert.Equal(("free energy", null), (energy.Quantity, energy.Atom));
    }

    [Fact]
    public void A_parameter_that_overflows_is_an_error_naming_the_atom_not_a_result()
    {
        using var cache = new TempCache();
        var shipped = PotentialSource.Resolve("NaCl").Text;
        Assert.Contains("A_NaCl = { value = 1345.3419062663322", shipped);
        var text = shipped.Replace("A_NaCl = { value = 1345.3419062663322", "A_NaCl = { value = 1e308");
        var path = Path.Combine(cache.Directory + "-potential", "Huge.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        try
        {
            var calculator = new EnsembleCalculator(new PotentialLoader(cache.Loader()).Load(path));
            var dimer = new Structure(["Na", "Cl"], [Vec3.Zero, new Vec3(2.4, 0, 0)], [23, 35.45], Cell.None);
            var error = Assert.Throws<NonFiniteResultException>(() => calculator.Calculate(dimer));
            Assert.Equal(("force", 0, "Na"), (error.Quantity, error.Atom, error.Symbol));
            Assert.True(double.IsInfinity(error.Value));
            // Nothing of the failed evaluation is kept: asking again computes again and fails again.
            Assert.Throws<NonFiniteResultException>(() => calculator.Calculate(dimer));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("NaCl", "Na", "Cl")]
    [InlineData("Cu", "Cu", "Cu")]
    public void Atoms_on_top_of_each_other_are_named_with_their_distance(string potential, string a, string b)
    {
        var calculator = new EnsembleCalculator(new PotentialLoader().Load(potential));
        var structure = new Structure([a, b, a], [Vec3.Zero, Vec3.Zero, new Vec3(3, 0, 0)], [23, 23, 23], Cell.None);
        var error = Assert.Throws<AtomsTooCloseException>(() => calculator.Calculate(structure));
        Assert.Equal((0, 1, 0.0), (error.First, error.Second, error.Distance));
        Assert.Contains($"atoms 0 ({a}) and 1 ({b}) are on top of each other (0 Å apart)", error.Message);
    }

    /// <summary>An evaluation of some other calculator, as numbers.</summary>
    private sealed class Numbers(double energy, double[] fx, double[] fy, double[] fz, double[] charges) : IEvaluation
    {
        public double FreeEnergy => energy;

        public double InternalEnergy => energy;

        public ReadOnlySpan<double> Fx => fx;

        public ReadOnlySpan<double> Fy => fy;

        public ReadOnlySpan<double> Fz => fz;

        public ReadOnlySpan<double> Stress => default;

        public ReadOnlySpan<double> Charges => charges;

        public int SolverIterations => 0;
    }
}
