namespace Latent.Cli.Bench.Steps;

/// <summary>What one timed MD run of Latent gave.</summary>
/// <param name="Case">Row label.</param>
/// <param name="Family">"Cu" or "NaCl".</param>
/// <param name="Atoms">Number of atoms.</param>
/// <param name="Threads">Threads the calculator used.</param>
/// <param name="Steps">Timed steps.</param>
/// <param name="MicrosecondsPerAtomStep">Wall time per atom and step (µs).</param>
/// <param name="BytesPerAtom">Managed heap the run held at its end, per atom.</param>
/// <param name="PartMicroseconds">Per atom-step, time in each <see cref="Latent.Runtime.Engine.StepTimings.Part"/> (µs).</param>
/// <param name="MeanIterations">Solver iterations per step from the warm start (0 when nothing is solved).</param>
/// <param name="MaxIterations">Most solver iterations in one step.</param>
/// <param name="Plan">Which step ran (<see cref="Latent.Runtime.Engine.StepPlan.Describe"/>).</param>
internal sealed record StepTiming(
    string Case, string Family, int Atoms, int Threads, int Steps, double MicrosecondsPerAtomStep, double BytesPerAtom,
    IReadOnlyList<double> PartMicroseconds, double MeanIterations, int MaxIterations, string Plan);
