using Latent.Runtime.Dynamics;

namespace Latent.Cli.Output;

/// <summary>What a thermo log says in two numbers: how well A + kinetic was kept (per atom, so sizes compare)
/// and the mean temperature.</summary>
public sealed class MdSummary
{
    public MdSummary(IReadOnlyList<MdStep> thermo, int atoms)
    {
        var first = thermo[0].Total;
        Drift = (thermo[^1].Total - first) / atoms;
        LargestDeviation = thermo.Max(s => Math.Abs(s.Total - first)) / atoms;
        // Step 0 is the chosen start, not a sample of the dynamics.
        var samples = thermo.Count > 1 ? thermo.Skip(1) : thermo;
        MeanTemperature = samples.Average(s => s.Temperature);
    }

    /// <summary>A + kinetic at the last logged step minus at step 0, per atom (eV).</summary>
    public double Drift { get; }

    /// <summary>Largest |A + kinetic − its start| over the log, per atom (eV).</summary>
    public double LargestDeviation { get; }

    /// <summary>Mean kinetic temperature over the logged steps after step 0 (K).</summary>
    public double MeanTemperature { get; }
}
