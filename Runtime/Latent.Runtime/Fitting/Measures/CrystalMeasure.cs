using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Structures;
using MathNet.Numerics.RootFinding;

namespace Latent.Runtime.Fitting.Measures;

/// <summary>
/// The crystal targets of a cubic crystal (rock salt, fcc, bcc) at one parameter set, all at the potential's own
/// zero-stress lattice constant a₀: a₀ (Brent's method on the mean normal stress), cohesive and atomisation
/// energies against the atoms alone, C11, C12 and C44 from the analytic stress of cells strained by ±δ (no internal
/// relaxation: every atom sits on an inversion centre), B = (C11 + 2·C12)/3, and the unrelaxed vacancy formation
/// energy of an elemental crystal. Gradients: da₀/dp = −(∂σ̄/∂p)/(∂σ̄/∂a) with ∂σ̄/∂a = 3B/a₀; energies by the
/// envelope theorem (a₀ is stationary); elastic constants through their stencils with a₀ moving.
/// </summary>
public static class CrystalMeasure
{
    /// <summary>Strain of the elastic stencils: small against anharmonicity, large against the solver's noise.</summary>
    public const double Strain = 1e-3;

    /// <summary>Relative half-step of the mean stress's local slope in a at a₀.</summary>
    public const double SlopeStep = 1e-6;

    /// <summary>Relative half-step of the elastic constants' local slope in a (they jump where a neighbour shell crosses
    /// the Coulomb cutoff, so only a local slope is their derivative).</summary>
    public const double LatticeStep = 1e-6;

    /// <summary>eV/Å³ in GPa.</summary>
    public const double GigapascalPerEvPerCubicAngstrom = 160.21766208;

    /// <summary>How many conventional cells a vacancy supercell repeats along each axis.</summary>
    public static int VacancyRepeat(StructureKind kind) => kind == StructureKind.Bcc ? 4 : 3;

    /// <summary>Every property <paramref name="wanted"/> asks for (and what it needs), canonical units.</summary>
    /// <exception cref="MeasurementException">No zero-stress lattice constant near the start, or an unstable crystal.</exception>
    public static IReadOnlyDictionary<TargetProperty, Measurement> Measure(MeasureContext context, FitStructure structure, IReadOnlySet<TargetProperty> wanted)
    {
        Structure Cell(double a, int repeat = 1) => Build(context, structure, a, repeat);
        double MeanStress(double a) => Mean(context.Evaluate(Cell(a)).Stress!);

        var a0 = ZeroStress(structure, MeanStress);
        var cell = Cell(a0);
        var result0 = context.Evaluate(cell);
        var n = cell.Count;
        var formulaUnits = structure.Kind == StructureKind.RockSalt ? n / 2 : n;
        var alone = cell.Symbols.Sum(s => context.Alone(s).FreeEnergy);
        var elastic = Elastic(context, cell);
        var bulk = (elastic.C11 + 2 * elastic.C12) / 3;
        if (!(bulk > 0) || !(elastic.C11 - elastic.C12 > 0) || !(elastic.C44 > 0))
            throw new MeasurementException($"{structure.Name} at its zero-stress a = {a0:F4} Å is mechanically unstable (C11 = {elastic.C11 * GigapascalPerEvPerCubicAngstrom:F1}, C12 = {elastic.C12 * GigapascalPerEvPerCubicAngstrom:F1}, C44 = {elastic.C44 * GigapascalPerEvPerCubicAngstrom:F1} GPa)");

        double? vacancy = null;
        CalculationResultPair? vacancyCells = null;
        if (wanted.Contains(TargetProperty.VacancyFormationEnergy))
        {
            var repeat = VacancyRepeat(structure.Kind);
            var bulkCell = Cell(a0, repeat);
            var removed = Vacancy(bulkCell);
            var full = result0.FreeEnergy * repeat * repeat * repeat;
            var defect = context.Evaluate(removed);
            vacancy = defect.FreeEnergy - (double)(bulkCell.Count - 1) / bulkCell.Count * full;
            vacancyCells = new CalculationResultPair(removed, defect.Stress!, bulkCell.Count);
        }

        double[]? dA0 = null, dCoh = null, dAtom = null, dB = null, dC11 = null, dC12 = null, dC44 = null, dVac = null;
        if (context.WithGradients)
        {
            var p = context.ParameterCount;
            var g0 = context.Respond(cell);
            // σ̄ = mean normal stress, which a₀ keeps at zero: da₀/dp = −(∂σ̄/∂p)/(dσ̄/da). The slope is the local one, by
            // a fine difference: the damped shifted-force Coulomb sum's g″ jumps at its cutoff, so dσ̄/da jumps where a
            // neighbour shell crosses it, and the ±0.1 % elastic stencil (which defines B) may straddle such a jump.
            var slope = (MeanStress(a0 * (1 + SlopeStep)) - MeanStress(a0 * (1 - SlopeStep))) / (2 * a0 * SlopeStep);
            dA0 = new double[p];
            for (var j = 0; j < p; j++)
                dA0[j] = -Mean(g0.Stress![j]) / slope;
            dCoh = new double[p];
            dAtom = new double[p];
            for (var j = 0; j < p; j++)
            {
                var dAlone = cell.Symbols.Sum(s => context.Alone(s).Gradient![j]);
                dCoh[j] = (dAlone - g0.FreeEnergy[j]) / n;
                dAtom[j] = (dAlone - g0.FreeEnergy[j]) / formulaUnits;
            }

            // The elastic constants at fixed a, differentiated in p, plus their slope in a times da₀/dp.
            var atFixedA = ElasticGradient(context, cell, p);
            var up = Elastic(context, Cell(a0 * (1 + LatticeStep)));
            var down = Elastic(context, Cell(a0 * (1 - LatticeStep)));
            var da = 2 * a0 * LatticeStep;
            (dC11, dC12, dC44, dB) = (new double[p], new double[p], new double[p], new double[p]);
            for (var j = 0; j < p; j++)
            {
                dC11[j] = atFixedA.C11[j] + (up.C11 - down.C11) / da * dA0[j];
                dC12[j] = atFixedA.C12[j] + (up.C12 - down.C12) / da * dA0[j];
                dC44[j] = atFixedA.C44[j] + (up.C44 - down.C44) / da * dA0[j];
                dB[j] = (dC11[j] + 2 * dC12[j]) / 3;
            }

            if (vacancyCells is { } v)
            {
                var gDefect = context.Respond(v.Defect);
                var repeat = VacancyRepeat(structure.Kind);
                var cells = repeat * repeat * repeat;
                // The perfect supercell is at zero stress (no first-order change with a); the defect cell is not:
                // dA/da = 3·V·σ̄/a.
                var dDefectDa = 3 * v.Defect.Cell.Volume * Mean(v.DefectStress) / a0;
                dVac = new double[p];
                for (var j = 0; j < p; j++)
                    dVac[j] = gDefect.FreeEnergy[j] - (double)(v.AtomCount - 1) / v.AtomCount * g0.FreeEnergy[j] * cells + dDefectDa * dA0[j];
            }
        }

        const double G = GigapascalPerEvPerCubicAngstrom;
        var measured = new Dictionary<TargetProperty, Measurement>
        {
            [TargetProperty.LatticeConstant] = Measurement.Scalar(a0, dA0),
            [TargetProperty.CohesiveEnergy] = Measurement.Scalar((alone - result0.FreeEnergy) / n, dCoh),
            [TargetProperty.AtomisationEnergy] = Measurement.Scalar((alone - result0.FreeEnergy) / formulaUnits, dAtom),
            [TargetProperty.BulkModulus] = Measurement.Scalar(bulk * G, Scaled(dB, G)),
            [TargetProperty.C11] = Measurement.Scalar(elastic.C11 * G, Scaled(dC11, G)),
            [TargetProperty.C12] = Measurement.Scalar(elastic.C12 * G, Scaled(dC12, G)),
            [TargetProperty.C44] = Measurement.Scalar(elastic.C44 * G, Scaled(dC44, G)),
        };
        if (vacancy is { } e)
            measured[TargetProperty.VacancyFormationEnergy] = Measurement.Scalar(e, dVac);
        return measured;
    }

    /// <summary>The crystal of <paramref name="structure"/> at lattice constant <paramref name="a"/>.</summary>
    public static Structure Build(MeasureContext context, FitStructure structure, double a, int repeat = 1)
    {
        var e = structure.Elements;
        return structure.Kind switch
        {
            StructureKind.RockSalt => RockSaltCrystal.Build(e[0], context.Mass(e[0]), e[1], context.Mass(e[1]), a, repeat),
            StructureKind.Fcc => CubicCrystal.Build(e[0], context.Mass(e[0]), "fcc", a, repeat),
            StructureKind.Bcc => CubicCrystal.Build(e[0], context.Mass(e[0]), "bcc", a, repeat),
            _ => throw new ArgumentException($"{structure.Name} is not a cubic crystal", nameof(structure)),
        };
    }

    private sealed record CalculationResultPair(Structure Defect, double[] DefectStress, int AtomCount);

    private sealed record ElasticConstants(double C11, double C12, double C44);

    private sealed record ElasticGradients(double[] C11, double[] C12, double[] C44);

    private static double Mean(double[] voigt) => (voigt[0] + voigt[1] + voigt[2]) / 3;

    private static double[]? Scaled(double[]? values, double factor) => values?.Select(v => v * factor).ToArray();

    /// <summary>a₀ where the mean normal stress vanishes, bracketed by walking out from the file's starting value in 1 % steps.</summary>
    private static double ZeroStress(FitStructure structure, Func<double, double> meanStress)
    {
        var start = structure.LatticeConstant!.Value;
        var s0 = meanStress(start);
        if (s0 == 0)
            return start;
        // Compressed (σ̄ < 0) → expand; stretched (σ̄ > 0) → shrink.
        var direction = s0 < 0 ? 1 : -1;
        var (inner, sInner) = (start, s0);
        for (var k = 1; k <= 40; k++)
        {
            var a = start * (1 + direction * 0.01 * k);
            var s = meanStress(a);
            if (!double.IsFinite(s))
                break;
            if (Math.Sign(s) != Math.Sign(sInner))
            {
                var (lo, hi) = direction > 0 ? (inner, a) : (a, inner);
                return Brent.FindRoot(meanStress, lo, hi, 1e-12 * start, 200);
            }

            (inner, sInner) = (a, s);
        }

        throw new MeasurementException($"{structure.Name} has no zero-stress lattice constant within 40 % of {start} Å (mean stress {s0 * GigapascalPerEvPerCubicAngstrom:G4} GPa there)");
    }

    /// <summary>C11, C12 (from ±δ along x) and C44 (from ±δ yz shear; engineering strain 2δ), eV/Å³.</summary>
    private static ElasticConstants Elastic(MeasureContext context, Structure cell)
    {
        var (xPlus, xMinus, sPlus, sMinus) = StrainedCells(cell);
        var (sxp, sxm) = (context.Evaluate(xPlus).Stress!, context.Evaluate(xMinus).Stress!);
        var (ssp, ssm) = (context.Evaluate(sPlus).Stress!, context.Evaluate(sMinus).Stress!);
        return new ElasticConstants(
            (sxp[0] - sxm[0]) / (2 * Strain),
            (sxp[1] - sxm[1]) / (2 * Strain),
            (ssp[3] - ssm[3]) / (4 * Strain));
    }

    /// <summary>The same stencils applied to dσ/dp.</summary>
    private static ElasticGradients ElasticGradient(MeasureContext context, Structure cell, int p)
    {
        var (xPlus, xMinus, sPlus, sMinus) = StrainedCells(cell);
        var (gxp, gxm) = (context.Respond(xPlus).Stress!, context.Respond(xMinus).Stress!);
        var (gsp, gsm) = (context.Respond(sPlus).Stress!, context.Respond(sMinus).Stress!);
        var g = new ElasticGradients(new double[p], new double[p], new double[p]);
        for (var j = 0; j < p; j++)
        {
            g.C11[j] = (gxp[j][0] - gxm[j][0]) / (2 * Strain);
            g.C12[j] = (gxp[j][1] - gxm[j][1]) / (2 * Strain);
            g.C44[j] = (gsp[j][3] - gsm[j][3]) / (4 * Strain);
        }

        return g;
    }

    private static (Structure XPlus, Structure XMinus, Structure ShearPlus, Structure ShearMinus) StrainedCells(Structure cell) =>
    (
        cell.Strained([Strain, 0, 0, 0, 0, 0]),
        cell.Strained([-Strain, 0, 0, 0, 0, 0]),
        cell.Strained([0, 0, 0, Strain, 0, 0]),
        cell.Strained([0, 0, 0, -Strain, 0, 0])
    );

    /// <summary>The supercell without its first atom.</summary>
    private static Structure Vacancy(Structure supercell)
    {
        var n = supercell.Count - 1;
        var symbols = supercell.Symbols.Skip(1).ToArray();
        var positions = Enumerable.Range(1, n).Select(supercell.Position).ToArray();
        var masses = supercell.Masses.Skip(1).ToArray();
        return new Structure(symbols, positions, masses, supercell.Cell);
    }
}
