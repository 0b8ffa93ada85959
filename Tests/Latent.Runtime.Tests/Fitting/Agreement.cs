using Latent.Runtime.Fitting.Response;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// How an analytic parameter derivative is compared with its central difference. Both are taken as
/// sensitivities, the derivative times max(|p|, 1) (the change for a unit relative change of a large
/// parameter), so one tolerance serves A_ClCl = 12800 eV and rho = 0.317 Å alike. They agree when every
/// entry differs by at most <see cref="Relative"/> of the quantity's largest difference plus
/// <see cref="Absolute"/>, the noise a solver converged to 10⁻¹³ leaves in a difference over 2 × 10⁻⁵.
/// </summary>
internal static class Agreement
{
    /// <summary>Relative tolerance, of the largest entry of the quantity.</summary>
    public const double Relative = 1e-6;

    /// <summary>Absolute tolerance on a sensitivity (eV, eV/Å, eV/Å³, e or a weight).</summary>
    public const double Absolute = 1e-7;

    /// <summary>The largest |analytic − difference| over what is allowed: at most 1 when they agree.</summary>
    public static double Ratio(IReadOnlyList<double> analytic, IReadOnlyList<double> difference, double unit)
    {
        Assert.Equal(difference.Count, analytic.Count);
        var scale = difference.Count == 0 ? 0 : difference.Max(Math.Abs) * unit;
        var allowed = Relative * scale + Absolute;
        var error = 0.0;
        for (var k = 0; k < analytic.Count; k++)
            error = Math.Max(error, Math.Abs(analytic[k] - difference[k]) * unit);
        return error / allowed;
    }

    /// <summary>Asserts that the analytic derivative agrees with the difference, naming what disagrees.</summary>
    public static void Close(string what, IReadOnlyList<double> analytic, IReadOnlyList<double> difference, double unit)
    {
        var ratio = Ratio(analytic, difference, unit);
        Assert.True(ratio <= 1,
            $"{what}: off by {ratio:G3} times the tolerance; analytic [{Show(analytic)}] vs difference [{Show(difference)}]");
    }

    /// <summary>Every derivative of <paramref name="response"/> against the differences of the same structure.</summary>
    public static void All(ParameterResponse response, ParameterDifferences.Differences differences, ParameterDifferences fixture)
    {
        for (var p = 0; p < response.Parameters.Count; p++)
        {
            var name = response.Parameters[p];
            var unit = Math.Max(Math.Abs(fixture.File.InitialValues[p]), 1);
            Close($"dA/d{name}", [response.FreeEnergy[p]], [differences.FreeEnergy[p]], unit);
            Close($"dE/d{name}", [response.Energy[p]], [differences.Energy[p]], unit);
            Close($"dF/d{name}", response.Forces[p], differences.Forces[p], unit);
            Close($"dq/d{name}", response.Charges[p], differences.Charges[p], unit);
            Close($"dw/d{name}", response.Weights[p].SelectMany(w => w).ToArray(), differences.Weights[p].SelectMany(w => w).ToArray(), unit);
            Assert.Equal(differences.Stress[p] is null, response.Stress is null);
            if (response.Stress is { } stress)
                Close($"dσ/d{name}", stress[p], differences.Stress[p]!, unit);
        }
    }

    private static string Show(IReadOnlyList<double> values) => string.Join(", ", values.Take(6).Select(v => v.ToString("G8")));
}
