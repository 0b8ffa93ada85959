namespace Latent.Runtime.Dynamics;

/// <summary>
/// Parameters of FIRE (Bitzek, Koskinen, Gähler, Moseler and Gumbsch, PRL 97, 170201 (2006)), with
/// ASE's defaults. As in ASE the scheme is mass-free (v += dt·F, x += dt·v), so dt is a step-length
/// parameter, not a physical time.
/// </summary>
public sealed record FireParameters
{
    /// <summary>Starting time step.</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>Largest time step.</summary>
    public double DtMax { get; init; } = 1.0;

    /// <summary>Downhill steps before the time step may grow and the mixing shrink.</summary>
    public int NMin { get; init; } = 5;

    /// <summary>Time-step growth factor.</summary>
    public double FInc { get; init; } = 1.1;

    /// <summary>Time-step cut when the power F·v turns negative.</summary>
    public double FDec { get; init; } = 0.5;

    /// <summary>Starting mixing α of the velocity towards the force direction.</summary>
    public double AlphaStart { get; init; } = 0.1;

    /// <summary>Factor that shrinks α on each downhill step past <see cref="NMin"/>.</summary>
    public double FAlpha { get; init; } = 0.99;

    /// <summary>Longest step (Å) of the whole configuration vector (its Euclidean norm), as in ASE.</summary>
    public double MaxStep { get; init; } = 0.2;
}
