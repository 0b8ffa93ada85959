using Latent.Runtime.Engine;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting;

/// <summary>The engine's parameter response as the measurements use it.</summary>
public static class ParameterResponses
{
    /// <summary>Exact gradients: <see cref="ParameterResponse"/> of a fresh evaluation, in the measurements' terms.</summary>
    public static Func<EnsembleCalculator, Structure, StructureResponse> Analytic { get; } = (calculator, structure) =>
    {
        var response = ParameterResponse.Evaluate(calculator, structure);
        return new StructureResponse(response.Result, response.FreeEnergy, response.Forces, response.Stress, response.Charges);
    };
}
