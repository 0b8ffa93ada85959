using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Validation;
using Latent.Runtime.Engine;

namespace Latent.Cli.Tests.Validation;

/// <summary>
/// The defect and surface energies against known answers: a Morse pair potential that reaches only the nearest
/// neighbours of fcc, its minimum at the nearest-neighbour distance, has every bond at rest in the crystal, so a
/// vacancy costs the 6 bonds it breaks per atom removed (E_v = 6D), a (100) surface 2D/d², a (111) surface √3·D/d², a
/// stacking fault nothing, and no relaxation changes any of it. A longer-ranged Morse sees the fault; the tilted cell
/// then agrees with a stack that simply lacks one layer.
/// </summary>
public sealed class DefectEnergyTests : IDisposable
{
    private const double A = 3.615, WellDepth = 0.5;
    private static readonly double D = A / Math.Sqrt(2);
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>One neutral state, point charges (none ever forms), a Morse pair switched off over [cutoff − 0.2, cutoff].</summary>
    private PotentialKernels Morse(double cutoff, double alpha = 1.5)
    {
        var text = $$"""
            format = 1
            name = "MorseCu"
            description = "A Morse pair potential on fcc Cu's nearest-neighbour distance, for the defect energies' known answers."

            [model]
            temperature = 0.025
            cutoff = {{cutoff.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
            cutoff_width = 0.2
            electrostatics = "point"

            [parameters]
            D = { value = {{WellDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, unit = "eV" }
            alpha = { value = {{alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, unit = "1/Å" }
            r0 = { value = {{D.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}, unit = "Å" }

            [definitions]
            z = "slater_exponent(ip1_Cu)"

            [elements.Cu]
            valence = 1

            [[elements.Cu.states]]
            name = "neutral"
            charge = 0
            degeneracy = 2
            energy = "0"
            shells = [{ electrons = 1, exponent = "z" }]

            [pairs.Cu-Cu]
            phi = "morse(r, D, alpha, r0)"
            """;
        return new PotentialLoader().Load(directory.Write($"morse-{cutoff}.toml", text));
    }

    private const double J = SurfaceEnergy.JoulePerSquareMetrePerEvPerSquareAngstrom;

    [Fact]
    public void A_nearest_neighbour_pair_potential_gives_the_bond_counting_answers_and_nothing_relaxes()
    {
        // The switch starts at 2.8 Å: past d = 2.556 Å, before a = 3.615 Å.
        var kernels = Morse(3.0);
        var context = new MeasureContext(kernels, 0, null);
        var fcc = new FitStructure("fcc Cu", StructureKind.Fcc, ["Cu"], A, null, 0);
        var crystal = CrystalMeasure.Measure(context, fcc, new HashSet<TargetProperty> { TargetProperty.VacancyFormationEnergy });
        var a0 = crystal[TargetProperty.LatticeConstant].Values[0];
        Assert.Equal(A, a0, 9);
        Assert.Equal(6 * WellDepth, crystal[TargetProperty.CohesiveEnergy].Values[0], 9);

        var vacancy = RelaxedVacancy.Measure(context, fcc, a0);
        Assert.Equal(108, vacancy.Atoms);
        Assert.Equal(6 * WellDepth, vacancy.Unrelaxed, 9);
        Assert.Equal(crystal[TargetProperty.VacancyFormationEnergy].Values[0], vacancy.Unrelaxed, 12);
        Assert.Equal(vacancy.Unrelaxed, vacancy.Relaxed, 9);

        var s100 = SurfaceEnergy.Measure(context, "Cu", a0, FccFace.Face100);
        Assert.Equal(2 * WellDepth / (D * D) * J, s100.Unrelaxed, 9);
        Assert.Equal(s100.Unrelaxed, s100.Relaxed, 9);
        var s111 = SurfaceEnergy.Measure(context, "Cu", a0, FccFace.Face111);
        Assert.Equal(Math.Sqrt(3) * WellDepth / (D * D) * J, s111.Unrelaxed, 9);
        Assert.Equal(s111.Unrelaxed, s111.Relaxed, 9);

        var fault = StackingFault.Measure(context, "Cu", a0);
        Assert.Equal(0, fault.Unrelaxed, 9);
        Assert.Equal(0, fault.Relaxed, 9);
    }

    [Fact]
    public void A_longer_ranged_potential_sees_the_fault_and_the_tilted_cell_agrees_with_a_stack_missing_one_layer()
    {
        // Reaches the third neighbours (hcp's √(8/3)·d = 4.17 Å, fcc's √3·d = 4.43 Å).
        var kernels = Morse(5.2, alpha: 1.2);
        var fault = StackingFault.Measure(new MeasureContext(kernels, 0, null), "Cu", A);
        Assert.True(Math.Abs(fault.Unrelaxed) > 1, $"γ_isf = {fault.Unrelaxed} mJ/m²: the fault went unseen");
        Assert.True(fault.Relaxed <= fault.Unrelaxed + 1e-9);

        // ABCABCABCAB, periodic without a tilt: the layer taken out leaves …AB|ABC…, one intrinsic fault, against 11 layers of crystal.
        var mass = kernels.Elements[0].Mass;
        var twelve = FccLayers.Build("Cu", mass, A, FccFace.Face111, 12);
        var spacing = FccLayers.Spacing(FccFace.Face111, A);
        var eleven = new Structure(twelve.Symbols[..22], Enumerable.Range(0, 22).Select(twelve.Position).ToArray(), twelve.Masses[..22],
            new Cell(twelve.Cell.A, twelve.Cell.B, new Vec3(0, 0, 11 * spacing), true, true, true));
        var perAtom = new EnsembleCalculator(kernels).Calculate(twelve).FreeEnergy / twelve.Count;
        var missing = new EnsembleCalculator(kernels).Calculate(eleven).FreeEnergy;
        var expected = (missing - 22 * perAtom) / FccLayers.Area(FccFace.Face111, A) * J * 1000;
        Assert.Equal(expected, fault.Unrelaxed, 6);
    }

    [Fact]
    public void The_energy_volume_curve_has_its_minimum_at_the_zero_stress_volume_at_minus_the_cohesive_energy()
    {
        var kernels = Morse(3.0);
        var context = new MeasureContext(kernels, 0, null);
        var fcc = new FitStructure("fcc Cu", StructureKind.Fcc, ["Cu"], A, null, 0);
        var curve = EnergyVolumeCurve.Compute(context, fcc, A);
        var at = Array.IndexOf(curve.Ratios, 1.0);
        Assert.Equal(-6 * WellDepth, curve.Energies[at], 9);
        Assert.Equal(curve.Energies.Min(), curve.Energies[at]);
        Assert.Equal(EnergyVolumeCurve.From, curve.Ratios[0], 12);
        Assert.Equal(EnergyVolumeCurve.To, curve.Ratios[^1], 12);
    }
}
