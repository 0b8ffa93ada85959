using Latent.Cli.Dimer;
using Latent.Runtime.Kernels;
using Latent.Runtime.Properties;

namespace Latent.Cli.Demo;

/// <summary>
/// Part (a) of the demo: the A–B dissociation curve on a fixed grid, and what it says: the molecule's
/// <see cref="DimerProperties"/> as <c>latent dimer</c> reports them (R_e, D_e, D₀, ω_e, charge, dipole and the
/// switch-off distance), next to the crossing estimate R_c.
/// </summary>
public sealed record DimerFindings(DimerPoint[] Points, IonicCrossing? Crossing, DimerProperties Properties)
{
    /// <summary>1.5 to 20 Å in steps of 0.05 Å: <c>latent dimer</c>'s default range for Na–Cl, at a fixed grid
    /// so the demo's figures do not move with the default range rule.</summary>
    public static readonly double[] Grid = DistanceGrid.Create(1.5, 20, 0.05);

    /// <summary>The curve, <paramref name="threads"/> distances at once (null: every core).</summary>
    /// <exception cref="InvalidOperationException">The curve has no minimum inside the grid (not so for the shipped NaCl).</exception>
    public static DimerFindings Compute(PotentialKernels potential, int elementA, int elementB, int? threads = null)
    {
        var scan = new DimerScan(potential, elementA, elementB, temperature: null, threads);
        var points = scan.Run(Grid);
        var crossing = IonicCrossing.Estimate(potential.Elements[elementA], potential.Elements[elementB]);
        var properties = scan.Properties(points)
            ?? throw new InvalidOperationException($"the demo's dimer has no minimum between {Grid[0]} and {Grid[^1]} Å");
        return new DimerFindings(points, crossing, properties);
    }
}
