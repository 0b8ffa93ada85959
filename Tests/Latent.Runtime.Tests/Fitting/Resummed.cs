using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// The parameter response sums the energy once more from the kernels (its <c>Pass</c>); that sum must be the
/// engine's to 10⁻¹⁰ relative, so that what is differentiated is what the engine computes.
/// </summary>
internal static class Resummed
{
    private const double Relative = 1e-10;

    public static void SameAsEngine(ParameterResponse response, Structure structure)
    {
        var pass = response.Pass!;
        var result = response.Result;
        Assert.True(Math.Abs(pass.FreeEnergy - result.FreeEnergy) <= Relative * Math.Abs(result.FreeEnergy), $"A: {pass.FreeEnergy:R} vs {result.FreeEnergy:R}");
        Assert.True(Math.Abs(pass.InternalEnergy - result.InternalEnergy) <= Relative * Math.Abs(result.InternalEnergy), $"E: {pass.InternalEnergy:R} vs {result.InternalEnergy:R}");
        var largestForce = result.Forces.Max(f => Math.Max(Math.Abs(f.X), Math.Max(Math.Abs(f.Y), Math.Abs(f.Z))));
        for (var i = 0; i < structure.Count; i++)
            for (var c = 0; c < 3; c++)
                Assert.True(Math.Abs(pass.Forces[3 * i + c] - result.Forces[i][c]) <= Relative * largestForce,
                    $"force {i}.{c}: {pass.Forces[3 * i + c]:R} vs {result.Forces[i][c]:R}");
        if (result.Stress is { } stress)
        {
            var largest = stress.Max(Math.Abs);
            for (var k = 0; k < 6; k++)
                Assert.True(Math.Abs(pass.Virial[k] / structure.Cell.Volume - stress[k]) <= Relative * largest, $"stress {k}: {pass.Virial[k] / structure.Cell.Volume:R} vs {stress[k]:R}");
        }
    }
}
