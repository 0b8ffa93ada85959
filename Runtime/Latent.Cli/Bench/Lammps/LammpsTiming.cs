namespace Latent.Cli.Bench.Lammps;

/// <summary>One timed LAMMPS run, as the benchmark page shows it beside Latent's.</summary>
/// <param name="Case">What ran (structure and potential).</param>
/// <param name="Atoms">Atoms in the cell.</param>
/// <param name="Threads">MPI ranks (or OpenMP threads, when LAMMPS here has no MPI launcher).</param>
/// <param name="Steps">MD steps timed.</param>
/// <param name="MicrosecondsPerAtomStep">LAMMPS's loop time per atom and step, µs.</param>
/// <param name="BytesPerAtom">LAMMPS's own memory estimate, summed over ranks, per atom; for pair_style latent, whose arrays that estimate leaves out, the growth of the peak resident size (<see cref="LammpsBench.NaClPairStyleLatent"/>).</param>
/// <param name="CommandLine">The command that ran, with the input file's name.</param>
/// <param name="Note">How LAMMPS was run and what the run showed (parallelism, parameters, charges).</param>
internal sealed record LammpsTiming(string Case, int Atoms, int Threads, int Steps, double MicrosecondsPerAtomStep, double BytesPerAtom, string CommandLine, string Note);
