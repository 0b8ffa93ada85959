using Xunit;
using Latent.Runtime.Properties;
using Latent.Runtime.Tests.Calculators;

namespace Latent.Runtime.Tests.Properties;

/// <summary><see cref="DimerProperties"/> and <see cref="VibrationUnits"/> against molecules whose answers are known.</summary>
public sealed class DimerPropertiesTests
{
    // HCl: k = 516.3 N/m, H 1.00782503 and ³⁵Cl 34.96885268 amu; its harmonic ω_e is 2990.9 cm⁻¹ (Herzberg).
    private const double HclCurvature = 516.3 / 16.02176634;   // 1 eV/Å² = 16.02176634 N/m
    private const double HydrogenMass = 1.00782503;
    private const double ChlorineMass = 34.96885268;

    private static double[] Grid(double from, double to, double step) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(k => from + k * step).ToArray();

    [Fact]
    public void WavenumberOfHclSpringIsItsKnownHarmonicFrequency()
    {
        var mu = HydrogenMass * ChlorineMass / (HydrogenMass + ChlorineMass);
        Assert.Equal(2990.9, VibrationUnits.Wavenumber(HclCurvature, mu), 0.5);
        Assert.True(double.IsNaN(VibrationUnits.Wavenumber(-1, mu)));
    }

    [Fact]
    public void OneWavenumberIsItsKnownEnergy()
    {
        // 1 cm⁻¹ = 1.239841984e-4 eV (CODATA hc).
        Assert.Equal(1.239841984e-4, VibrationUnits.QuantumEnergy(1), 12);
    }

    [Fact]
    public void HarmonicPairGivesItsSpringLengthAndFrequency()
    {
        const double r0 = 1.2746;
        var calculator = new HarmonicPairCalculator(HclCurvature, r0);
        var grid = Grid(0.8, 2.0, 0.05);
        var energies = grid.Select(r => 0.5 * HclCurvature * (r - r0) * (r - r0)).ToArray();
        var p = DimerProperties.Measure(calculator, "H", HydrogenMass, "Cl", ChlorineMass, grid, energies, chargesA: null);

        Assert.NotNull(p);
        Assert.Equal(r0, p.Equilibrium, 1e-5);
        Assert.Equal(HclCurvature, p.Curvature, 1e-6);
        Assert.Equal(2990.9, p.Wavenumber!.Value, 0.5);
        // A spring has nothing at infinity but the atoms alone, each at zero: D_e = 0, and D₀ is minus the zero-point energy.
        Assert.Equal(0, p.BindingEnergy, 1e-9);
        Assert.Equal(-0.5 * 1.239841984e-4 * p.Wavenumber.Value, p.ZeroPointBinding!.Value, 1e-9);
        Assert.Null(p.ChargeA);
        Assert.Null(p.Dipole);
        Assert.Null(p.SwitchOff);
    }

    [Fact]
    public void IonPairGivesDepthDipoleAndSwitchOff()
    {
        // A Morse well of depth 4 eV at 2.5 Å, atoms alone at −0.5 eV each; q_A falls from 1 to 0 about 9 Å.
        const double depth = 4, re = 2.5, a = 1.1, separated = -0.5;
        double Energy(double r) => 2 * separated + depth * (Math.Pow(1 - Math.Exp(-a * (r - re)), 2) - 1);
        double Charge(double r) => 1 / (1 + Math.Exp((r - 9) / 0.1));
        var calculator = new MoleculeCurveCalculator(Energy, Charge, separated);
        var grid = Grid(1.5, 15, 0.1);
        var p = DimerProperties.Measure(calculator, "Na", 22.98976928, "Cl", 35.453, grid, grid.Select(Energy).ToArray(), grid.Select(Charge).ToArray());

        Assert.NotNull(p);
        Assert.Equal(re, p.Equilibrium, 1e-5);
        Assert.Equal(depth, p.BindingEnergy, 1e-9);
        Assert.Equal(2 * depth * a * a, p.Curvature, 1e-3);   // Morse: k = 2·D·a²
        var q = Charge(re);
        Assert.Equal(q, p.ChargeA!.Value, 12);
        Assert.Equal(q * re * 4.80320471, p.Dipole!.Value, 1e-4);
        // Half of q(R_e) (not of 1 e) is where the logistic crosses it: 9 + 0.1·ln(2/q − 1).
        Assert.Equal(9 + 0.1 * Math.Log(2 / q - 1), p.SwitchOff!.Value, DimerProperties.SwitchOffTolerance);
    }

    [Fact]
    public void CovalentPairHasNoSwitchOff()
    {
        var calculator = new MoleculeCurveCalculator(r => (r - 2) * (r - 2), _ => 0.01);
        var grid = Grid(1, 4, 0.1);
        var p = DimerProperties.Measure(calculator, "Cu", 63.546, "Cu", 63.546, grid, grid.Select(r => (r - 2) * (r - 2)).ToArray(), grid.Select(_ => 0.01).ToArray());
        Assert.NotNull(p);
        Assert.Equal(0.01, p.ChargeA);
        Assert.Null(p.SwitchOff);
    }

    [Fact]
    public void ChargeThatNeverDropsInsideTheScanHasNoSwitchOff()
    {
        var calculator = new MoleculeCurveCalculator(r => (r - 2) * (r - 2), _ => 1);
        var grid = Grid(1, 4, 0.1);
        var p = DimerProperties.Measure(calculator, "Na", 23, "Cl", 35, grid, grid.Select(r => (r - 2) * (r - 2)).ToArray(), grid.Select(_ => 1.0).ToArray());
        Assert.Null(p!.SwitchOff);
    }

    [Fact]
    public void ScanWhoseLowestPointIsAtAnEndHasNoProperties()
    {
        var calculator = new HarmonicPairCalculator(1, 3);
        var grid = Grid(1, 2, 0.1);
        Assert.Null(DimerProperties.Measure(calculator, "H", 1, "H", 1, grid, grid.Select(r => 0.5 * (r - 3) * (r - 3)).ToArray(), null));
    }

    [Fact]
    public void ScanOfTwoPointsHasNoProperties()
    {
        var calculator = new HarmonicPairCalculator(1, 3);
        Assert.Null(DimerProperties.Measure(calculator, "H", 1, "H", 1, [2.9, 3.1], [0.005, 0.005], null));
    }

    [Fact]
    public void CurveOfMismatchedLengthsIsRefused()
    {
        var calculator = new HarmonicPairCalculator(1, 3);
        Assert.Throws<ArgumentException>(() => DimerProperties.Measure(calculator, "H", 1, "H", 1, [1, 2, 3], [1, 2], null));
        Assert.Throws<ArgumentException>(() => DimerProperties.Measure(calculator, "H", 1, "H", 1, [1, 3, 2], [1, 2, 3], null));
    }
}
