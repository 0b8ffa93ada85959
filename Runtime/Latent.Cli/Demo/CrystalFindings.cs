using Latent.Runtime.Dynamics;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Demo;

/// <summary>
/// Part (b) of the demo: bulk rock salt relaxed with its cell, then an n×n×n cube cut from it and relaxed as a
/// cluster. What it shows: the energy cost of the surface, whether the latent charges differ between corner,
/// edge, face and interior ions, and how far the surface ions move in.
/// </summary>
public sealed record CrystalFindings(
    int Size,
    double LatticeConstant,
    double BulkEnergyPerAtom,
    Structure Cube,
    RelaxResult Relaxation,
    CalculationResult Final,
    IReadOnlyDictionary<CubeSite, double> MeanAbsoluteCharge,
    double MeanNeighbourDistance,
    double MinNeighbourDistance,
    double MaxNeighbourDistance)
{
    /// <summary>Largest minus smallest |q| over all ions of the relaxed cube (e): how much the surface moves the charges.</summary>
    public double ChargeSpread => Final.Charges.Max(Math.Abs) - Final.Charges.Min(Math.Abs);

    /// <summary>The cube's relaxation stops when every force is below this (eV/Å).</summary>
    public const double Fmax = 1e-3;

    public double BulkNeighbourDistance => LatticeConstant / 2;

    public double EnergyPerAtom => Relaxation.Energy / Cube.Count;

    /// <summary>The relaxed bulk and cube, each engine step on at most <paramref name="threads"/> threads (null: every core).</summary>
    /// <exception cref="InvalidOperationException">A relaxation did not converge (a defect: the demo's inputs are fixed).</exception>
    public static CrystalFindings Compute(PotentialKernels potential, ElementDescription cation, ElementDescription anion, int size, int? threads = null)
    {
        // Start from the measured 5.64 Å; the potential's own minimum is elsewhere (5.662 Å for the shipped NaCl).
        var bulk = RockSaltCrystal.Build(cation.Symbol, cation.Mass, anion.Symbol, anion.Mass, 5.64, order: RockSaltOrder.Grid);
        // The cell criterion is tighter: its generalised force is V·|σ|/N, and a to 1e-4 Å needs |σ| near 1e-6 eV/Å³.
        var (bulkResult, _) = Relax(potential, threads, bulk, new RelaxOptions { Fmax = 1e-5, MaxSteps = 1000, RelaxCell = true }, "bulk rock salt");
        var a = Math.Cbrt(Math.Abs(bulk.Cell.Volume));

        var cube = RockSaltCube.Build(cation, anion, size, a / 2);
        var (result, final) = Relax(potential, threads, cube, new RelaxOptions { Fmax = Fmax, MaxSteps = 2000 }, "the cube");
        var sites = RockSaltCube.Sites(size);
        var charges = Enum.GetValues<CubeSite>().ToDictionary(
            site => site,
            site => Enumerable.Range(0, cube.Count).Where(i => sites[i] == site).Average(i => Math.Abs(final.Charges[i])));
        var distances = RockSaltCube.NeighbourPairs(size).Select(p => (cube.Position(p.First) - cube.Position(p.Second)).Length).ToArray();
        return new CrystalFindings(size, a, bulkResult.Energy / bulk.Count, cube, result, final, charges, distances.Average(), distances.Min(), distances.Max());
    }

    /// <summary>The relaxation, and the engine's result at the relaxed structure (the calculator's cached one).</summary>
    private static (RelaxResult Relaxation, CalculationResult Final) Relax(PotentialKernels potential, int? threads, Structure structure, RelaxOptions options, string what)
    {
        var calculator = new EnsembleCalculator(potential, new CalculatorOptions { Threads = threads });
        var result = Fire.Relax(structure, calculator, options);
        return result.Converged
            ? (result, calculator.Calculate(structure))
            : throw new InvalidOperationException($"FIRE on {what} did not converge in {result.Steps} steps (max |F| {result.Fmax}, cell {result.CellFmax} eV/Å)");
    }
}
