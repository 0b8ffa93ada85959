using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting.Measures;

/// <summary>
/// The potential at one parameter set, as the measurements see it: a fresh (cold, global-minimum) solve of any
/// structure, so a measurement depends on the parameters alone and never on what was evaluated before it, and,
/// when gradients are wanted, the parameter response of a structure.
/// </summary>
public sealed class MeasureContext
{
    private readonly Func<EnsembleCalculator, Structure, StructureResponse>? respond;
    private readonly Dictionary<string, (double FreeEnergy, double[]? Gradient)> atoms = new(StringComparer.Ordinal);

    /// <summary>The potential's kernels at one parameter set; <paramref name="respond"/> differentiates an evaluation
    /// in the fitted parameters (null: values only); <paramref name="threads"/> bounds every solve's threads (null: every core).</summary>
    public MeasureContext(PotentialKernels kernels, int parameterCount, Func<EnsembleCalculator, Structure, StructureResponse>? respond, int? threads = null)
    {
        Kernels = kernels;
        ParameterCount = parameterCount;
        this.respond = respond;
        Options = new CalculatorOptions { Threads = threads };
    }

    /// <summary>The kernels.</summary>
    public PotentialKernels Kernels { get; }

    /// <summary>Number of fitted parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>True when measurements should carry gradients.</summary>
    public bool WithGradients => respond is not null;

    /// <summary>The settings of every calculator the measurements make: the engine's defaults and the thread count.</summary>
    public CalculatorOptions Options { get; }

    /// <summary>A new calculator of the potential's own engine (latent weights or continuous charges), for a measurement
    /// that solves one structure many times (a relaxation).</summary>
    public IEngineCalculator Calculator() => EngineSelection.For(Kernels, Options);

    /// <summary>A fresh solve of <paramref name="structure"/> by the potential's own engine (latent weights or continuous charges).</summary>
    public EngineResult Evaluate(Structure structure) => Calculator().Calculate(structure);

    /// <summary>A fresh solve of <paramref name="structure"/> differentiated in every fitted parameter.</summary>
    /// <exception cref="InvalidOperationException">The context was made without gradients.</exception>
    public StructureResponse Respond(Structure structure) =>
        (respond ?? throw new InvalidOperationException("this measurement context computes no gradients"))(new EnsembleCalculator(Kernels, Options), structure);

    /// <summary>The mass of an element of the potential (amu).</summary>
    public double Mass(string symbol) => Kernels.Elements[Kernels.ElementIndex(symbol)].Mass;

    /// <summary>A of one atom alone (neutral, ground state) and, with gradients, dA/dp; each element solved once.</summary>
    public (double FreeEnergy, double[]? Gradient) Alone(string symbol)
    {
        if (atoms.TryGetValue(symbol, out var known))
            return known;
        var atom = new Structure([symbol], [Vec3.Zero], [Mass(symbol)], Cell.None);
        (double, double[]?) result;
        if (WithGradients)
        {
            var response = Respond(atom);
            result = (response.Result.FreeEnergy, response.FreeEnergy);
        }
        else
        {
            result = (Evaluate(atom).FreeEnergy, null);
        }

        atoms[symbol] = result;
        return result;
    }
}
