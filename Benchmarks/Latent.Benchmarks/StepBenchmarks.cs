using BenchmarkDotNet.Attributes;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Benchmarks;

/// <summary>
/// One velocity-Verlet step of NaCl rock salt (the conventional 8-atom cell and its 2×2×2 repeat, 64
/// atoms) at 300 K, through the public <see cref="MolecularDynamics.Run"/> loop: kick, drift, neighbour
/// list update, kernels, latent-weight solve, forces. Each invocation runs <see cref="Steps"/> steps
/// from where the last one stopped, so the calculator is warm-started as in a real run; time and bytes
/// are reported per step. One thread shows what a step itself allocates (nothing: the bytes left are
/// <see cref="MolecularDynamics.Run"/>'s own per-call objects spread over the steps); two show the
/// Parallel.For cost.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class StepBenchmarks
{
    private const int Steps = 20;

    private Structure structure = null!;
    private EnsembleCalculator calculator = null!;
    private MdOptions options = null!;
    private readonly VelocityVerlet integrator = new();

    /// <summary>Atoms in the periodic cell: 8 (one conventional cell) or 64 (2×2×2).</summary>
    [Params(8, 64)]
    public int Atoms { get; set; }

    /// <summary>Calculator threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the jiggled cell, its calculator and Maxwell–Boltzmann velocities, and takes one step to warm up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var repeat = Atoms == 8 ? 1 : 2;
        structure = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.64, repeat).Jiggled(0.05, seed: 3);
        calculator = new EnsembleCalculator(new PotentialLoader().Load("NaCl"), new CalculatorOptions { Threads = Threads });
        options = new MdOptions { Velocities = Velocities.MaxwellBoltzmann(structure, 300, seed: 5), ThermoEvery = 0 };
        MolecularDynamics.Run(structure, calculator, integrator, 1, 1.0, options);
    }

    /// <summary><see cref="Steps"/> steps of 1 fs; reported per step.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double VelocityVerletStep() => MolecularDynamics.Run(structure, calculator, integrator, Steps, 1.0, options).Final.FreeEnergy;
}
