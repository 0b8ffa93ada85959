namespace Latent.Runtime.Properties;

/// <summary>
/// Unit conversions for a molecule's vibration and dipole, from the SI (CODATA 2018) constants they rest on:
/// a curvature in eV/Å² and a reduced mass in amu give ω = √(k/μ) in rad/s, and ω/(2πc) a wavenumber in cm⁻¹.
/// </summary>
public static class VibrationUnits
{
    /// <summary>J per eV (exact).</summary>
    public const double ElectronVolt = 1.602176634e-19;

    /// <summary>kg per amu (dalton).</summary>
    public const double AtomicMassUnit = 1.66053906660e-27;

    /// <summary>m per Å.</summary>
    public const double Angstrom = 1e-10;

    /// <summary>Speed of light in cm/s (exact), for wavenumbers in cm⁻¹.</summary>
    public const double SpeedOfLight = 2.99792458e10;

    /// <summary>Planck's constant in eV·s (exact), for the energy h·c·ω̃ of a quantum.</summary>
    public const double Planck = 4.135667696e-15;

    /// <summary>Debye per e·Å: e·Å = 1.602176634e-29 C·m, and 1 D = 1e-21/c C·m.</summary>
    public const double DebyePerElectronAngstrom = 4.80320471;

    /// <summary>Harmonic wavenumber ω̃ = √(k/μ)/(2πc) in cm⁻¹ of a curvature <paramref name="curvature"/> (eV/Å²)
    /// and a reduced mass <paramref name="reducedMass"/> (amu); NaN unless both are positive.</summary>
    public static double Wavenumber(double curvature, double reducedMass) =>
        curvature > 0 && reducedMass > 0
            ? Math.Sqrt(curvature * ElectronVolt / (Angstrom * Angstrom) / (reducedMass * AtomicMassUnit)) / (2 * Math.PI * SpeedOfLight)
            : double.NaN;

    /// <summary>The energy h·c·ω̃ (eV) of one quantum of a wavenumber in cm⁻¹.</summary>
    public static double QuantumEnergy(double wavenumber) => Planck * SpeedOfLight * wavenumber;
}
