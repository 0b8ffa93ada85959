namespace Latent.Runtime.Fitting.Targets;

/// <summary>
/// The physical dimensions a target can have, each with the unit Latent computes it in and the other units a
/// targets file may write it in (converted on reading, so every residual is in one unit per dimension).
/// </summary>
public sealed class Quantity
{
    private readonly Dictionary<string, double> toCanonical;

    private Quantity(string name, string canonical, params (string Unit, double Factor)[] others)
    {
        Name = name;
        Canonical = canonical;
        toCanonical = new Dictionary<string, double>(StringComparer.Ordinal) { [canonical] = 1.0 };
        foreach (var (unit, factor) in others)
            toCanonical[unit] = factor;
    }

    /// <summary>What the quantity is ("length", "energy", ...).</summary>
    public string Name { get; }

    /// <summary>The unit Latent computes and reports it in.</summary>
    public string Canonical { get; }

    /// <summary>Every unit accepted, the canonical one first.</summary>
    public IEnumerable<string> Units => toCanonical.Keys;

    /// <summary>The factor that turns a value in <paramref name="unit"/> into the canonical unit, or null for a unit not accepted.</summary>
    public double? Factor(string unit) => toCanonical.TryGetValue(unit, out var f) ? f : null;

    /// <summary>Å (also nm and Bohr).</summary>
    public static Quantity Length { get; } = new("length", "Å", ("A", 1.0), ("nm", 10.0), ("bohr", 0.529177210903));

    /// <summary>eV (also meV, Hartree, kJ/mol and kcal/mol).</summary>
    public static Quantity Energy { get; } = new("energy", "eV", ("meV", 1e-3), ("Ha", 27.211386246), ("kJ/mol", 1.0 / 96.48533212), ("kcal/mol", 4.184 / 96.48533212));

    /// <summary>cm⁻¹ (wavenumber of a vibration).</summary>
    public static Quantity Wavenumber { get; } = new("wavenumber", "cm^-1", ("cm-1", 1.0), ("1/cm", 1.0), ("cm⁻¹", 1.0));

    /// <summary>Debye (also e·Å).</summary>
    public static Quantity Dipole { get; } = new("dipole moment", "D", ("e*Å", 4.80320471), ("e Å", 4.80320471), ("eÅ", 4.80320471));

    /// <summary>GPa (also eV/Å³), for moduli and stress.</summary>
    public static Quantity Pressure { get; } = new("pressure", "GPa", ("eV/Å^3", 160.21766208), ("eV/Å³", 160.21766208), ("eV/A^3", 160.21766208));

    /// <summary>eV/Å.</summary>
    public static Quantity Force { get; } = new("force", "eV/Å", ("eV/A", 1.0));

    /// <summary>e (elementary charge).</summary>
    public static Quantity Charge { get; } = new("charge", "e");
}
