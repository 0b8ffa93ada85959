using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Properties;
using Latent.Runtime.Structures;
using MathNet.Numerics.RootFinding;

namespace Latent.Runtime.Fitting.Measures;

/// <summary>
/// The dimer targets of one A–B molecule at one parameter set: R_e where the force on B vanishes at the lowest
/// point of a scan (bracketed by a golden-section refinement, then found by Brent's method on the analytic force,
/// so R_e is a smooth function of the parameters); D_e and D₀ against the atoms alone; ω_e from k = −dF/dr by a
/// central difference of forces; the charge of A and the dipole about the centre of mass.
/// Gradients: dR_e/dp = (∂F/∂p)/k (the force vanishes along the fit), D_e by the envelope theorem, k and the charge
/// through their stencils with R_e moving.
/// </summary>
public static class DimerMeasure
{
    /// <summary>The scan's step (Å): fine enough that no well between two points is missed.</summary>
    public const double ScanStep = 0.05;

    /// <summary>The scan's shortest distance (Å).</summary>
    public const double ScanStart = 0.8;

    /// <summary>The central-difference half-step of the curvature (Å), as <c>latent dimer</c> uses.</summary>
    public const double CurvatureStep = CurveMinimum.CurvatureStep;

    /// <summary>Half-step (Å) of the force's local slope at R_e, which moves R_e with the parameters: fine against the
    /// bond's anharmonicity, coarse against the solver's noise.</summary>
    public const double SlopeStep = 1e-4;

    /// <summary>Every dimer property of the structure, in the canonical units of <see cref="TargetProperty"/>.</summary>
    /// <exception cref="MeasurementException">The scan has no interior minimum, or the force does not change sign around it.</exception>
    public static IReadOnlyDictionary<TargetProperty, Measurement> Measure(MeasureContext context, FitStructure structure)
    {
        var (a, b) = (structure.Elements[0], structure.Elements[1]);
        var (massA, massB) = (context.Mass(a), context.Mass(b));
        Structure At(double r) => new([a, b], [Vec3.Zero, new Vec3(r, 0, 0)], [massA, massB], Cell.None);
        double Force(double r) => context.Evaluate(At(r)).Forces[1].X;

        var re = Equilibrium(context, At, Force, a, b);
        var centre = context.Evaluate(At(re));
        var plus = context.Evaluate(At(re + CurvatureStep));
        var minus = context.Evaluate(At(re - CurvatureStep));
        var k = (minus.Forces[1].X - plus.Forces[1].X) / (2 * CurvatureStep);
        if (!(k > 0))
            throw new MeasurementException($"the {a}–{b} dimer's curvature at R_e = {re:F4} Å is {k:G4} eV/Å²: not a minimum");
        var reduced = massA * massB / (massA + massB);
        var omega = VibrationUnits.Wavenumber(k, reduced);
        var (aloneA, gradA) = context.Alone(a);
        var (aloneB, gradB) = context.Alone(b);
        var de = aloneA + aloneB - centre.FreeEnergy;
        var d0 = de - VibrationUnits.QuantumEnergy(omega) / 2;
        var (qa, qb) = (centre.Charges[0], centre.Charges[1]);
        var c = massB / (massA + massB) * re;
        var moment = qa * (0 - c) + qb * (re - c);
        var dipole = Math.Abs(moment) * VibrationUnits.DebyePerElectronAngstrom;

        double[]? dRe = null, dDe = null, dD0 = null, dOmega = null, dDipole = null, dCharge = null;
        if (context.WithGradients)
        {
            var p = context.ParameterCount;
            var g0 = context.Respond(At(re));
            var gPlus = context.Respond(At(re + CurvatureStep));
            var gMinus = context.Respond(At(re - CurvatureStep));
            // k(R) = [F(R − h) − F(R + h)]/2h moves with R: dk/dR = [F′(R − h) − F′(R + h)]/2h, each F′ a fine difference.
            double Slope(double r) => (Force(r + SlopeStep) - Force(r - SlopeStep)) / (2 * SlopeStep);
            var dkdR = (Slope(re - CurvatureStep) - Slope(re + CurvatureStep)) / (2 * CurvatureStep);
            var dqdR = (plus.Charges[0] - minus.Charges[0]) / (2 * CurvatureStep);
            var dqbdR = (plus.Charges[1] - minus.Charges[1]) / (2 * CurvatureStep);
            // R_e moves with p by the force's own slope at R_e (a fine difference: the curvature stencil above is a
            // property's definition, not the local slope).
            var slope = (Force(re - SlopeStep) - Force(re + SlopeStep)) / (2 * SlopeStep);
            dRe = new double[p];
            dDe = new double[p];
            dD0 = new double[p];
            dOmega = new double[p];
            dDipole = new double[p];
            dCharge = new double[p];
            var sign = Math.Sign(moment);
            for (var j = 0; j < p; j++)
            {
                // F_B(R_e(p), p) = 0 along the fit: dR_e/dp = (∂F_B/∂p)/k.
                dRe[j] = g0.Forces[j][3] / slope;
                dDe[j] = gradA![j] + gradB![j] - g0.FreeEnergy[j];
                var dk = (gMinus.Forces[j][3] - gPlus.Forces[j][3]) / (2 * CurvatureStep) + dkdR * dRe[j];
                dOmega[j] = omega / (2 * k) * dk;
                dD0[j] = dDe[j] - VibrationUnits.QuantumEnergy(dOmega[j]) / 2;
                var dqa = g0.Charges[j][0] + dqdR * dRe[j];
                var dqb = g0.Charges[j][1] + dqbdR * dRe[j];
                var dc = massB / (massA + massB) * dRe[j];
                dDipole[j] = sign * (dqa * -c - qa * dc + dqb * (re - c) + qb * (dRe[j] - dc)) * VibrationUnits.DebyePerElectronAngstrom;
                dCharge[j] = dqa;
            }
        }

        return new Dictionary<TargetProperty, Measurement>
        {
            [TargetProperty.BondLength] = Measurement.Scalar(re, dRe),
            [TargetProperty.BindingEnergy] = Measurement.Scalar(de, dDe),
            [TargetProperty.DissociationEnergy] = Measurement.Scalar(d0, dD0),
            [TargetProperty.Frequency] = Measurement.Scalar(omega, dOmega),
            [TargetProperty.Dipole] = Measurement.Scalar(dipole, dDipole),
            [TargetProperty.DimerCharge] = Measurement.Scalar(qa, dCharge),
        };
    }

    /// <summary>R_e: the lowest point of a scan out to the cutoff, refined by golden section, then the zero of the force.</summary>
    private static double Equilibrium(MeasureContext context, Func<double, Structure> at, Func<double, double> force, string a, string b)
    {
        var end = Math.Max(context.Kernels.Cutoff, 6.0);
        var count = (int)Math.Floor((end - ScanStart) / ScanStep) + 1;
        var distances = new double[count];
        var energies = new double[count];
        var lowest = -1;
        for (var k = 0; k < count; k++)
        {
            distances[k] = ScanStart + k * ScanStep;
            energies[k] = context.Evaluate(at(distances[k])).FreeEnergy;
            if (double.IsFinite(energies[k]) && (lowest < 0 || energies[k] < energies[lowest]))
                lowest = k;
        }

        if (lowest <= 0 || lowest >= count - 1)
            throw new MeasurementException($"the {a}–{b} dimer has no minimum between {ScanStart} and {end:F1} Å (its lowest point is at {distances[Math.Max(lowest, 0)]:F2} Å): it does not bind, so its R_e, D_e, ω_e and dipole cannot be fitted");
        var refined = CurveMinimum.Refine(r => context.Evaluate(at(r)).FreeEnergy, distances[lowest - 1], distances[lowest + 1]);
        // E′(r) = −F_B: below R_e the force pushes B out (F_B > 0), above it pulls B in.
        var (lo, hi) = (refined.X - 1e-3, refined.X + 1e-3);
        var (flo, fhi) = (force(lo), force(hi));
        if (!(flo > 0 && fhi < 0))
        {
            (lo, hi) = (distances[lowest - 1], distances[lowest + 1]);
            (flo, fhi) = (force(lo), force(hi));
            if (!(flo > 0 && fhi < 0))
                throw new MeasurementException($"the force in the {a}–{b} dimer does not change sign around its lowest point {refined.X:F4} Å");
        }

        return Brent.FindRoot(force, lo, hi, 1e-13, 200);
    }
}
