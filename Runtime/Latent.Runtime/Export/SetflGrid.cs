using Latent.Runtime.Kernels;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Export;

/// <summary>
/// The sampling of a setfl table: <see cref="RadialPoints"/> distances r = k·dr from 0 to the potential's
/// cutoff, and <see cref="DensityPoints"/> host densities ρ = k·dρ from 0 to <see cref="MaxDensity"/>.
/// </summary>
/// <param name="RadialPoints">Nr, points of the pair and density functions (the last at the cutoff).</param>
/// <param name="DensityPoints">Nρ, points of the embedding functions (the last at <paramref name="MaxDensity"/>).</param>
/// <param name="MaxDensity">The largest host density tabulated; LAMMPS extrapolates F linearly beyond it.</param>
public sealed record SetflGrid(int RadialPoints, int DensityPoints, double MaxDensity)
{
    /// <summary>
    /// Default Nr. LAMMPS interpolates with cubics whose slopes are fourth-order differences, so the error
    /// falls as dr⁴ in values and dr³ in forces. At this size LAMMPS matches Latent on a perturbed Cu crystal
    /// to 2e-14 relative in energy and 5e-10 eV/Å in forces (1000 points: 1e-11 and 5e-8), leaving room for
    /// steeper functions and longer cutoffs (Latent.Cli.Tests: SetflLammpsTests).
    /// </summary>
    public const int DefaultRadialPoints = 5000;

    /// <summary>Default Nρ, chosen with <see cref="DefaultRadialPoints"/> (the same order of error for F).</summary>
    public const int DefaultDensityPoints = 5000;

    /// <summary>
    /// The default range of host densities, as a multiple of the largest density an atom has in its
    /// element's declared crystal: compression, vacancies and hot dynamics stay well inside it.
    /// </summary>
    public const double DefaultDensityRange = 3.0;

    /// <summary>Smallest sizes that leave the cubic interpolation four points to work with.</summary>
    public const int MinimumPoints = 5;

    /// <summary>
    /// The default grid: <see cref="DefaultRadialPoints"/>, <see cref="DefaultDensityPoints"/> (or the sizes
    /// given), and densities up to <see cref="DefaultDensityRange"/> times the host density of the densest
    /// declared crystal. Null when no element declares a crystal (then the range must be given).
    /// </summary>
    public static SetflGrid? Default(PotentialKernels kernels, IReadOnlyList<SetflElement> elements, int? radialPoints = null, int? densityPoints = null)
    {
        var crystal = 0.0;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].HasCrystal)
                crystal = Math.Max(crystal, CrystalHostDensity(kernels, i, elements[i].Structure, elements[i].LatticeConstant));
        }

        return crystal > 0
            ? new SetflGrid(radialPoints ?? DefaultRadialPoints, densityPoints ?? DefaultDensityPoints, DefaultDensityRange * crystal)
            : null;
    }

    /// <summary>
    /// The host density ρ̄ at a site of element <paramref name="element"/>'s cubic crystal (every other site
    /// of the same element, within the cutoff), summed lattice site by lattice site.
    /// </summary>
    public static double CrystalHostDensity(PotentialKernels kernels, int element, string structure, double a)
    {
        var kernel = kernels.Pair(element, element);
        var values = new double[kernel.OutputCount];
        var density = kernel.Layout.DensityAtA(0);
        var basis = Lattices.basis(structure).ToArray();
        var reach = (int)Math.Ceiling(kernels.Cutoff / a) + 1;
        var sum = 0.0;
        for (var i = -reach; i <= reach; i++)
            for (var j = -reach; j <= reach; j++)
                for (var k = -reach; k <= reach; k++)
                    foreach (var site in basis)
                    {
                        var (x, y, z) = ((i + site.Item1) * a, (j + site.Item2) * a, (k + site.Item3) * a);
                        var r = Math.Sqrt(x * x + y * y + z * z);
                        if (r == 0 || r >= kernels.Cutoff)
                            continue;
                        kernel.Scalar(r, values);
                        sum += values[density];
                    }

        return sum;
    }
}
