using Latent.Cli.Dimer;
using Latent.Cli.Input;
using Latent.Runtime.Kernels;
using Latent.Runtime.Properties;

namespace Latent.Cli.Validate;

/// <summary>
/// A dimer pulled apart from <see cref="Shortest"/> to <see cref="Longest"/> Å, each distance solved afresh exactly as
/// <c>latent dimer</c> solves it (<see cref="DimerScan"/>): the energy against the separated atoms, the charge of A,
/// and the molecule's properties, with the charges read at <see cref="ChargeDistances"/>.
/// </summary>
/// <param name="Potential">The potential's name.</param>
/// <param name="A">The atom at the origin.</param>
/// <param name="B">Its partner.</param>
/// <param name="Points">The curve.</param>
/// <param name="SeparatedAtoms">A of A alone plus B alone (eV), what the energies are measured from.</param>
/// <param name="Properties">R_e, the charge there and where it switches off; null when the curve has no minimum.</param>
/// <param name="Crossing">The ionic–covalent crossing estimate R_c, or null.</param>
internal sealed record DissociationCurve(string Potential, string A, string B, DimerPoint[] Points, double SeparatedAtoms, DimerProperties? Properties, IonicCrossing? Crossing)
{
    /// <summary>The shortest distance (Å): inside the repulsive wall of any sensible pair.</summary>
    public const double Shortest = 1.5;

    /// <summary>The longest distance (Å), as issue 12 asks.</summary>
    public const double Longest = 20;

    /// <summary>The grid's step (Å).</summary>
    public const double Step = 0.05;

    /// <summary>Where the table reads the charges (Å): on the grid, past the crossing of every alkali halide but the largest.</summary>
    public static readonly double[] ChargeDistances = [10, 15, 20];

    /// <summary>q_A at distance <paramref name="r"/>, which must be on the grid.</summary>
    /// <exception cref="ArgumentException">No point of the curve is at <paramref name="r"/>.</exception>
    public double ChargeAt(double r)
    {
        var point = Points.FirstOrDefault(p => Math.Abs(p.R - r) < 1e-9)
            ?? throw new ArgumentException($"the curve has no point at {r} Å", nameof(r));
        return point.Charges[0];
    }

    /// <summary>The curve of the A–B dimer in <paramref name="kernels"/>, <paramref name="threads"/> distances at once (null: every core).</summary>
    public static DissociationCurve Compute(PotentialKernels kernels, string a, string b, int? threads = null)
    {
        var (ia, ib) = (PotentialInput.ElementIndex(kernels, a, "validate"), PotentialInput.ElementIndex(kernels, b, "validate"));
        var scan = new DimerScan(kernels, ia, ib, null, threads);
        var points = scan.Run(DistanceGrid.Create(Shortest, Longest, Step));
        var properties = scan.Properties(points);
        var calculator = scan.Calculator();
        double Alone(int i) => calculator.Calculate(new Runtime.Structures.Structure(
            [kernels.Elements[i].Symbol], [Runtime.Structures.Vec3.Zero], [kernels.Elements[i].Mass], Runtime.Structures.Cell.None)).FreeEnergy;
        var separated = properties?.SeparatedAtoms ?? Alone(ia) + Alone(ib);
        return new DissociationCurve(kernels.Name, a, b, points, separated, properties, IonicCrossing.Estimate(kernels.Elements[ia], kernels.Elements[ib]));
    }
}
