using Latent.Runtime.Engine;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting;

/// <summary>The engine's parameter response as the measurements use it.</summary>
public static class ParameterResponses
{
    /// <summary>Exact gradients.</summary>
    // TEMPORARY (branch fit only): replaced by the adapter to Response.ParameterResponse when param-response merges.
    public static Func<EnsembleCalculator, Structure, StructureResponse>? Analytic => null;
}
