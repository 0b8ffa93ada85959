namespace Latent.Runtime.Dynamics;

/// <summary>
/// Unit conversions of the dynamics code, which works in eV, Å, amu and fs (ASE's units, except that
/// time is in fs rather than ASE's Å·√(amu/eV)).
/// </summary>
public static class MdUnits
{
    /// <summary>1 amu·Å²/fs² in eV: kinetic energy ½mv² with m in amu and v in Å/fs times this is in eV.</summary>
    public const double AmuAngstrom2PerFs2 = 103.642696;

    /// <summary>
    /// ASE's velocity unit (Å per Å·√(amu/eV), about 10.18 fs) per Å/fs: ASE momenta are mass (amu) times
    /// velocity (Å/fs) times this. It is √<see cref="AmuAngstrom2PerFs2"/>, so ½p²/m in ASE's units is the
    /// kinetic energy this code computes (ASE 3.22's CODATA 2014 value differs in the ninth digit).
    /// </summary>
    public static readonly double AseVelocityPerAngstromPerFs = Math.Sqrt(AmuAngstrom2PerFs2);

    /// <summary>Boltzmann constant k_B (eV/K).</summary>
    public const double Boltzmann = 8.617333262e-5;

    /// <summary>Acceleration (Å/fs²) of a mass (amu) under a force (eV/Å).</summary>
    public static double Acceleration(double force, double mass) => force / (mass * AmuAngstrom2PerFs2);

    /// <summary>
    /// Temperature (K) of a kinetic energy (eV) shared by <paramref name="degreesOfFreedom"/> degrees of
    /// freedom: T = 2K / (f k_B); zero when there are none.
    /// </summary>
    public static double Temperature(double kineticEnergy, int degreesOfFreedom) =>
        degreesOfFreedom > 0 ? 2 * kineticEnergy / (degreesOfFreedom * Boltzmann) : 0;
}
