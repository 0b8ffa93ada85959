using MathNet.Numerics;

namespace Latent.Runtime.Engine;

/// <summary>
/// The point-charge tail k_e q_i q_j g(r) that the kernels leave out. For clusters g = 1/r summed
/// over all pairs; for periodic cells the damped shifted-force sum of Fennell and Gezelter
/// (J. Chem. Phys. 124, 234104 (2006)):
/// g(r) = erfc(αr)/r − erfc(αRc)/Rc + (erfc(αRc)/Rc² + 2α/√π e^{−α²Rc²}/Rc)(r − Rc) for r &lt; Rc,
/// whose value and force both vanish at Rc, plus the self term −(erfc(αRc)/(2Rc) + α/√π) Σ q_i².
/// This describes the form; the engine sums it with one type per form (Engine/LongRange: the direct
/// sum and the damped shifted-force sum), split from the short-range kernels as docs/model.md §7 says.
/// </summary>
public sealed class LongRangeCoulomb
{
    /// <summary>Coulomb constant, eV·Å.</summary>
    public const double CoulombConstant = 14.3996454784;

    private readonly double shiftValue;
    private readonly double shiftForce;

    private LongRangeCoulomb(bool periodic, double damping, double cutoff)
    {
        IsPeriodic = periodic;
        Damping = damping;
        Cutoff = cutoff;
        if (periodic)
        {
            var erfcRc = SpecialFunctions.Erfc(damping * cutoff);
            shiftValue = erfcRc / cutoff;
            shiftForce = erfcRc / (cutoff * cutoff) + 2 * damping / Math.Sqrt(Math.PI) * Math.Exp(-damping * damping * cutoff * cutoff) / cutoff;
            SelfCoefficient = -(erfcRc / (2 * cutoff) + damping / Math.Sqrt(Math.PI));
        }
    }

    /// <summary>Bare 1/r over all pairs, for clusters.</summary>
    public static LongRangeCoulomb Direct() => new(false, 0, double.PositiveInfinity);

    /// <summary>The damped shifted-force sum with damping α (1/Å) and cutoff Rc (Å), for periodic cells.</summary>
    public static LongRangeCoulomb DampedShiftedForce(double damping, double cutoff)
    {
        if (!(damping >= 0) || !(cutoff > 0) || double.IsInfinity(cutoff))
            throw new ArgumentException($"the damped shifted-force sum needs damping ≥ 0 and a finite cutoff > 0 (got {damping}, {cutoff})");
        return new(true, damping, cutoff);
    }

    /// <summary>Whether this is the periodic (damped shifted-force) form.</summary>
    public bool IsPeriodic { get; }

    /// <summary>Damping α, 1/Å (periodic form).</summary>
    public double Damping { get; }

    /// <summary>Cutoff Rc, Å (infinite for the direct sum).</summary>
    public double Cutoff { get; }

    /// <summary>Coefficient c of the self energy k_e c Σ q_i² (zero for the direct sum).</summary>
    public double SelfCoefficient { get; }

    /// <summary>g(r) and dg/dr; both zero at and beyond the cutoff.</summary>
    public (double Value, double Derivative) Evaluate(double r)
    {
        if (!IsPeriodic)
            return (1 / r, -1 / (r * r));
        if (r >= Cutoff)
            return (0, 0);
        var erfc = SpecialFunctions.Erfc(Damping * r);
        var value = erfc / r - shiftValue + shiftForce * (r - Cutoff);
        var derivative = -erfc / (r * r) - 2 * Damping / Math.Sqrt(Math.PI) * Math.Exp(-Damping * Damping * r * r) / r + shiftForce;
        return (value, derivative);
    }
}
