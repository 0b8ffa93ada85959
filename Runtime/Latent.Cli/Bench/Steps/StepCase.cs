using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Bench.Steps;

/// <summary>
/// One crystal under one potential, as the benchmark runs it: fcc Cu under the shipped Cu (plain EAM), or
/// rock-salt NaCl under the shipped NaCl (charge transfer, weights solved every step), of some size.
/// </summary>
/// <param name="Name">Row label, e.g. "Cu fcc 10³ cells".</param>
/// <param name="Family">"Cu" or "NaCl": which table and which LAMMPS comparison.</param>
/// <param name="Potential">The potential's kernels.</param>
/// <param name="CellsPerSide">Conventional cells along each axis.</param>
/// <param name="LatticeConstant">Å.</param>
/// <param name="Skin">Verlet skin of the neighbour lists (Å), the same for LAMMPS.</param>
internal sealed record StepCase(string Name, string Family, PotentialKernels Potential, int CellsPerSide, double LatticeConstant, double Skin)
{
    /// <summary>Atoms per conventional cell: 4 for fcc, 8 for rock salt.</summary>
    public int AtomsPerCell => Family == CopperFamily ? 4 : 8;

    /// <summary>Number of atoms.</summary>
    public int Atoms => AtomsPerCell * CellsPerSide * CellsPerSide * CellsPerSide;

    /// <summary>The Cu table's family name.</summary>
    public const string CopperFamily = "Cu";

    /// <summary>The NaCl table's family name.</summary>
    public const string SaltFamily = "NaCl";

    /// <summary>Cu mass (amu), the standard atomic weight.</summary>
    public const double CopperMass = 63.546;

    /// <summary>The crystal, atoms in lattice order (already spatially sorted: neighbours are close in memory).</summary>
    public Structure Build() => Family == CopperFamily
        ? CubicCrystal.Build("Cu", CopperMass, "fcc", LatticeConstant, CellsPerSide)
        : RockSaltCrystal.Build("Na", 22.990, "Cl", 35.45, LatticeConstant, CellsPerSide, RockSaltOrder.Grid);

    /// <summary>
    /// Timed steps: enough for the run to last about the settings' minimum time at a guessed cost per
    /// atom-step, at least 3 and at most 200.
    /// </summary>
    public int TimedSteps(BenchSettings settings)
    {
        var guessMicroseconds = Family == CopperFamily ? 0.5 : 40.0;
        var seconds = settings.Quick ? settings.MinSeconds : 4 * settings.MinSeconds;
        return Math.Clamp((int)(seconds * 1e6 / (guessMicroseconds * Atoms)), 3, 200);
    }
}
