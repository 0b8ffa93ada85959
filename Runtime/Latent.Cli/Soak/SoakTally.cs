using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;

namespace Latent.Cli.Soak;

/// <summary>
/// The observer a soak attaches at every step of one phase: it keeps the figures the report gives (the
/// conserved quantity's drift, temperatures, solver iterations, full searches and branch switches, charges,
/// closest approach) in running form, so a step allocates nothing however long the run. Step 0 is the
/// phase's starting state: it sets the drift's reference and the first distances, but is no step of the
/// phase (its solve belongs to whatever came before). A step seen again, as the last good step is when the
/// watchdog stops a run, is not counted twice.
/// </summary>
internal sealed class SoakTally : IDynamicsObserver<MdStep>
{
    /// <summary>How many branch-switching steps are named in the report; the count covers them all.</summary>
    public const int NamedSwitches = 10;

    private readonly int[] switchSteps = new int[NamedSwitches];
    private ClosestApproach? closest;
    private ChargeStatistics? charges;
    private int lastStep = -1;
    private double temperatureSum;

    /// <summary>A + kinetic − the thermostat's work (eV): for NVE simply A + kinetic.</summary>
    public ConservedDrift Conserved { get; } = new();

    /// <summary>Solver iterations of the phase's steps.</summary>
    public IterationHistogram Iterations { get; } = new();

    /// <summary>Steps after step 0 seen.</summary>
    public int Steps { get; private set; }

    /// <summary>Steps whose solve was a full search over every branch.</summary>
    public int FullSearches { get; private set; }

    /// <summary>Steps whose warm-started solve left the previous branch.</summary>
    public int BranchSwitches { get; private set; }

    /// <summary>The first <see cref="NamedSwitches"/> steps with a branch switch.</summary>
    public ReadOnlySpan<int> SwitchSteps => switchSteps.AsSpan(0, Math.Min(BranchSwitches, NamedSwitches));

    /// <summary>Mean kinetic temperature over the steps after step 0 (K); NaN before any.</summary>
    public double MeanTemperature => Steps > 0 ? temperatureSum / Steps : double.NaN;

    /// <summary>Lowest kinetic temperature of a step after step 0 (K).</summary>
    public double MinTemperature { get; private set; } = double.PositiveInfinity;

    /// <summary>Highest kinetic temperature of a step after step 0 (K).</summary>
    public double MaxTemperature { get; private set; } = double.NegativeInfinity;

    /// <summary>The charges of the steps after step 0.</summary>
    public ChargeStatistics? Charges => charges;

    /// <summary>The closest pairs, step 0 included.</summary>
    public ClosestApproach? Closest => closest;

    /// <inheritdoc/>
    public void Observe(MdStep step, DynamicsState state)
    {
        if (step.Step <= lastStep)
            return;
        lastStep = step.Step;
        closest ??= new ClosestApproach(state.Structure);
        charges ??= new ChargeStatistics(state.Structure.Symbols);
        Conserved.Add(step.Time, step.Total - state.ThermostatEnergy);
        closest.Add(state.Structure, step.Step);
        if (step.Step == 0)
            return;

        Steps++;
        temperatureSum += step.Temperature;
        MinTemperature = Math.Min(MinTemperature, step.Temperature);
        MaxTemperature = Math.Max(MaxTemperature, step.Temperature);
        var evaluation = state.Evaluation;
        Iterations.Add(evaluation.SolverIterations);
        if (evaluation.SolverFullSearch)
            FullSearches++;
        if (evaluation.SolverBranchSwitch)
        {
            if (BranchSwitches < NamedSwitches)
                switchSteps[BranchSwitches] = step.Step;
            BranchSwitches++;
        }

        charges.Add(evaluation.Charges);
    }
}
