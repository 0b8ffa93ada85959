namespace Latent.Cli.Serve;

/// <summary>
/// The atomic units the i-PI wire carries, with the values ASE 3.22 converts them with (its CODATA 2014
/// <c>ase.units.Bohr</c> and <c>ase.units.Ha</c>, to the last bit). What matters on the wire is that both
/// ends convert alike: with the CODATA 2018 values the rest of Latent uses, an energy read back by ASE would
/// be off by 8e-9 of itself (3e-6 eV for a −374 eV cluster).
/// </summary>
public static class IpiUnits
{
    /// <summary>Bohr radius in Å (ASE 3.22).</summary>
    public const double Bohr = 0.5291772105638411;

    /// <summary>Hartree in eV (ASE 3.22).</summary>
    public const double Hartree = 27.211386024367243;
}
