namespace Latent.Cli.Soak;

/// <summary>
/// How the conserved quantity C moved over a run, from one value per step and nothing stored per step: the
/// least-squares slope of C against time (a steady heating or cooling), the largest |C − C(start)| (an
/// excursion that came back) and the final − initial. The slope comes from running means and co-moments
/// (Welford's update), which stay accurate over 10⁵ steps where raw sums of t² and t·C would cancel.
/// </summary>
internal sealed class ConservedDrift
{
    private long count;
    private double startTime, start;
    private double meanT, meanC, comoment, spreadT;

    /// <summary>Samples taken.</summary>
    public long Count => count;

    /// <summary>C at the first sample (eV).</summary>
    public double Start => start;

    /// <summary>C at the last sample minus C at the first (eV).</summary>
    public double Change { get; private set; }

    /// <summary>Largest |C − C(start)| over the samples (eV).</summary>
    public double LargestExcursion { get; private set; }

    /// <summary>Least-squares slope of C against time (eV/fs); NaN with fewer than two times.</summary>
    public double Slope => spreadT > 0 ? comoment / spreadT : double.NaN;

    /// <summary>Adds C (eV) at <paramref name="time"/> (fs).</summary>
    public void Add(double time, double conserved)
    {
        if (count == 0)
            (startTime, start) = (time, conserved);
        // Offsets from the first sample keep the co-moments small.
        var (t, c) = (time - startTime, conserved - start);
        count++;
        var dt = t - meanT;
        meanT += dt / count;
        meanC += (c - meanC) / count;
        comoment += dt * (c - meanC);
        spreadT += dt * (t - meanT);
        Change = c;
        LargestExcursion = Math.Max(LargestExcursion, Math.Abs(c));
    }
}
