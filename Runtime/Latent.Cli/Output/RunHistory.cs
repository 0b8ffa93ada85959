using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;

namespace Latent.Cli.Output;

/// <summary>What <c>--plot</c> draws, step by step: the energy A, the temperature (md only) and the largest
/// force on a free atom, recorded at the steps the observer is attached to.</summary>
public sealed class RunHistory : IDynamicsObserver<MdStep>, IDynamicsObserver<RelaxStep>
{
    private readonly bool[] isFixed;

    /// <summary>A history of a run of <paramref name="atomCount"/> atoms, <paramref name="fixedAtoms"/> left out of max |F|.</summary>
    public RunHistory(int atomCount, IReadOnlyList<int> fixedAtoms)
    {
        isFixed = new bool[atomCount];
        foreach (var i in fixedAtoms)
        {
            isFixed[i] = true;
        }
    }

    public List<int> Steps { get; } = [];

    public List<double> Energy { get; } = [];

    /// <summary>Kinetic temperature (K); empty for a relaxation.</summary>
    public List<double> Temperature { get; } = [];

    public List<double> MaxForce { get; } = [];

    /// <inheritdoc/>
    public void Observe(MdStep step, DynamicsState state)
    {
        Steps.Add(step.Step);
        Energy.Add(step.Potential);
        Temperature.Add(step.Temperature);
        var e = state.Evaluation;
        var max2 = 0.0;
        for (var i = 0; i < e.Fx.Length; i++)
        {
            if (!isFixed[i])
            {
                max2 = Math.Max(max2, e.Fx[i] * e.Fx[i] + e.Fy[i] * e.Fy[i] + e.Fz[i] * e.Fz[i]);
            }
        }

        MaxForce.Add(Math.Sqrt(max2));
    }

    /// <inheritdoc/>
    public void Observe(RelaxStep step, DynamicsState state)
    {
        Steps.Add(step.Step);
        Energy.Add(step.Energy);
        MaxForce.Add(step.Fmax);
    }
}
