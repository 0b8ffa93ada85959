namespace Latent.Runtime.Fitting;

/// <summary>Everything the fit knows at one parameter set.</summary>
/// <param name="Parameters">The fitted parameters' values.</param>
/// <param name="Values">Each target's computed values (canonical units), in targets-file order.</param>
/// <param name="Residuals">√w·(value − target)/scale for every number of every target, in order.</param>
/// <param name="Jacobian">d residual / d parameter (<c>[residual, parameter]</c>), or null when not asked for.</param>
public sealed record FitPoint(double[] Parameters, double[][] Values, double[] Residuals, double[,]? Jacobian)
{
    /// <summary>Σ residual²: what the fit minimises.</summary>
    public double Cost => Residuals.Sum(r => r * r);
}
