using Latent.Runtime.Kernels;
using Latent.Symbolic.Kernels;

namespace Latent.Runtime.Export;

/// <summary>
/// A LAMMPS <c>eam/alloy</c> (setfl) table of the same functions as a potential, sampled from its
/// generated kernels. With one state per atom the model's energy (docs/model.md §2) is
/// Σ_pairs [c(r) + φ(r)] + Σ_i F(ρ̄_i) with ρ̄_i = Σ_j f_j(r), every term already switched: so the
/// pair function is r·(c + φ), the density function of element B is what B adds at a host, and the
/// embedding function is F plus the state's own energy (a constant per atom, so an isolated atom keeps it).
/// The table reproduces the internal energy E and the forces; the free energy A that Latent reports
/// also carries −θ ln g per atom for the state's degeneracy g, which moves no atom.
/// </summary>
public sealed class SetflTable
{
    private SetflTable(IReadOnlyList<SetflElement> elements, SetflGrid grid, double cutoff, double[][] embedding, double[][] density, double[][] pairTimesR)
    {
        Elements = elements;
        Grid = grid;
        Cutoff = cutoff;
        DensityStep = grid.MaxDensity / (grid.DensityPoints - 1);
        RadialStep = cutoff / (grid.RadialPoints - 1);
        this.embedding = embedding;
        this.density = density;
        this.pairTimesR = pairTimesR;
    }

    private readonly double[][] embedding;
    private readonly double[][] density;
    private readonly double[][] pairTimesR;

    /// <summary>Header lines of the elements, in the potential's order (the order <c>pair_coeff</c> maps types to).</summary>
    public IReadOnlyList<SetflElement> Elements { get; }

    /// <summary>Point counts and density range.</summary>
    public SetflGrid Grid { get; }

    /// <summary>The potential's cutoff (Å): the last radial point, and the range LAMMPS uses.</summary>
    public double Cutoff { get; }

    /// <summary>dr (Å): point k is at r = k·dr.</summary>
    public double RadialStep { get; }

    /// <summary>dρ: point k is at ρ = k·dρ.</summary>
    public double DensityStep { get; }

    /// <summary>F(ρ) of element <paramref name="element"/> at the density points (eV).</summary>
    public ReadOnlySpan<double> Embedding(int element) => embedding[element];

    /// <summary>What an atom of <paramref name="element"/> adds to a host's density, at the radial points.</summary>
    public ReadOnlySpan<double> Density(int element) => density[element];

    /// <summary>r·(c(r) + φ(r)) of elements i and j in either order (eV·Å), at the radial points.</summary>
    public ReadOnlySpan<double> PairTimesR(int i, int j) => pairTimesR[PairIndex(Math.Max(i, j), Math.Min(i, j))];

    /// <summary>Setfl's order of pair functions: (0,0), (1,0), (1,1), (2,0), … with i ≥ j.</summary>
    private static int PairIndex(int i, int j) => i * (i + 1) / 2 + j;

    /// <summary>
    /// Why <paramref name="kernels"/> has no eam/alloy table, or null when it has: every element must have
    /// one state, and no state a charge (a charge needs the equalisation and the long-range sum, which
    /// a table of pair, density and embedding functions cannot hold).
    /// </summary>
    public static string? Unrepresentable(PotentialKernels kernels)
    {
        if (kernels.HasContinuousCharges)
            return $"potential {kernels.Name} cannot be written as an eam/alloy table: its charges are continuous (charge equilibration), "
                + "which needs a charge solve and the long-range sum that a table of pair, density and embedding functions cannot hold";
        foreach (var element in kernels.Elements)
        {
            if (element.States.Count != 1)
                return $"potential {kernels.Name} cannot be written as an eam/alloy table: element {element.Symbol} has {element.States.Count} states "
                    + $"({string.Join(", ", element.States.Select(s => s.Name))}), and a table holds only atoms with exactly one state";
            if (element.States[0].Charge != 0)
                return $"potential {kernels.Name} cannot be written as an eam/alloy table: the state {element.States[0].Name} of {element.Symbol} "
                    + $"carries charge {element.States[0].Charge:+0;-0}, and a table holds only neutral atoms";
        }

        return null;
    }

    /// <summary>Samples the kernels of <paramref name="kernels"/> on <paramref name="grid"/>.</summary>
    /// <exception cref="ArgumentException">The potential is not representable (<see cref="Unrepresentable"/>),
    /// an element's host density depends on the host's element (eam/alloy has one per element), or the grid is too small.</exception>
    public static SetflTable Build(PotentialKernels kernels, IReadOnlyList<SetflElement> elements, SetflGrid grid)
    {
        if (Unrepresentable(kernels) is { } reason)
            throw new ArgumentException(reason, nameof(kernels));
        if (elements.Count != kernels.Elements.Count)
            throw new ArgumentException($"{elements.Count} element headers for {kernels.Elements.Count} elements", nameof(elements));
        if (grid.RadialPoints < SetflGrid.MinimumPoints || grid.DensityPoints < SetflGrid.MinimumPoints)
            throw new ArgumentException($"a setfl table needs at least {SetflGrid.MinimumPoints} points in r and in ρ (got {grid.RadialPoints} and {grid.DensityPoints})", nameof(grid));
        if (!(grid.MaxDensity > 0 && double.IsFinite(grid.MaxDensity)))
            throw new ArgumentException($"the largest tabulated density must be positive (got {grid.MaxDensity})", nameof(grid));

        var n = kernels.Elements.Count;
        var dr = kernels.Cutoff / (grid.RadialPoints - 1);
        var drho = grid.MaxDensity / (grid.DensityPoints - 1);

        var embedding = new double[n][];
        var values = new double[EmbeddingLayout.OutputCount];
        for (var e = 0; e < n; e++)
        {
            var stateEnergy = kernels.Elements[e].States[0].Energy;
            embedding[e] = new double[grid.DensityPoints];
            for (var k = 0; k < grid.DensityPoints; k++)
            {
                kernels.Embeddings[e].Scalar(k * drho, values);
                embedding[e][k] = values[EmbeddingLayout.Value] + stateEnergy;
            }
        }

        var density = new double[n][];
        for (var b = 0; b < n; b++)
            density[b] = DensityOf(kernels, b, grid.RadialPoints, dr);

        var pairTimesR = new double[n * (n + 1) / 2][];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var kernel = kernels.Pair(i, j);
                var outputs = new double[kernel.OutputCount];
                var column = new double[grid.RadialPoints];
                for (var k = 0; k < column.Length; k++)
                {
                    var r = k * dr;
                    kernel.Scalar(r, outputs);
                    // r·(...) is 0 at r = 0 whatever the functions do there; LAMMPS never divides at 0.
                    column[k] = k == 0 ? 0 : r * (outputs[kernel.Layout.Electrostatics(0, 0)] + outputs[kernel.Layout.PairPotential]);
                }

                pairTimesR[PairIndex(i, j)] = column;
            }

        RequireFinite(kernels, "F", embedding);
        RequireFinite(kernels, "host density", density);
        RequireFinite(kernels, "pair function", pairTimesR);
        return new SetflTable(elements, grid, kernels.Cutoff, embedding, density, pairTimesR);
    }

    // A NaN or infinity in the file would reach LAMMPS as garbage forces, far from its cause.
    private static void RequireFinite(PotentialKernels kernels, string what, double[][] columns)
    {
        foreach (var column in columns)
            for (var k = 0; k < column.Length; k++)
                if (!double.IsFinite(column[k]))
                    throw new ArgumentException($"potential {kernels.Name} cannot be tabulated: its {what} is {column[k]} at grid point {k}");
    }

    /// <summary>
    /// What an atom of element <paramref name="b"/> adds at a host, checked to be the same at a host of every
    /// element: eam/alloy has one density function per element (eam/fs would allow one per pair).
    /// </summary>
    private static double[] DensityOf(PotentialKernels kernels, int b, int points, double dr)
    {
        double[]? first = null;
        for (var host = 0; host < kernels.Elements.Count; host++)
        {
            var kernel = kernels.Pair(host, b);
            // The kernel of (A, B) has A ≤ B; B's contribution at A is DensityAtA, A's at B is DensityAtB.
            var index = kernel.A == host ? kernel.Layout.DensityAtA(0) : kernel.Layout.DensityAtB(0);
            var outputs = new double[kernel.OutputCount];
            var column = new double[points];
            for (var k = points - 1; k >= 0; k--)
            {
                kernel.Scalar(k * dr, outputs);
                // A density singular at the nucleus (a 1/r form) has no value at r = 0; the point only
                // anchors interpolation below dr, closer than atoms come, so its neighbour's value stands in.
                column[k] = k == 0 && !double.IsFinite(outputs[index]) ? column[1] : outputs[index];
            }

            if (first is null)
            {
                first = column;
                continue;
            }

            var scale = first.Max(Math.Abs);
            for (var k = 0; k < points; k++)
            {
                // Separately generated kernels of one formula may differ in rounding, never more.
                if (Math.Abs(column[k] - first[k]) > 1e-12 * Math.Max(scale, 1e-300))
                    throw new ArgumentException(
                        $"potential {kernels.Name} cannot be written as an eam/alloy table: what {kernels.Elements[b].Symbol} adds to a host's density differs "
                        + $"between hosts {kernels.Elements[0].Symbol} and {kernels.Elements[host].Symbol} (at r = {k * dr:G6} Å), and eam/alloy has one density function per element");
            }
        }

        return first!;
    }
}
