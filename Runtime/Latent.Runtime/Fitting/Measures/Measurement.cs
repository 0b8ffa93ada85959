namespace Latent.Runtime.Fitting.Measures;

/// <summary>What a structure gives for one property: its value(s) in the property's canonical unit and, when asked
/// for, the derivative of each in every fitted parameter (<c>Gradient[k][p]</c>).</summary>
/// <param name="Values">The values.</param>
/// <param name="Gradient">d value k / d parameter p, or null when not asked for.</param>
public sealed record Measurement(double[] Values, double[][]? Gradient)
{
    /// <summary>One number and its gradient.</summary>
    public static Measurement Scalar(double value, double[]? gradient) => new([value], gradient is null ? null : [gradient]);
}
