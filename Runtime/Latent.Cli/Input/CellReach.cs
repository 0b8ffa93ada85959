using Latent.Cli.Output;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Input;

/// <summary>
/// Refuses a periodic cell so thin that the potential's reach takes in millions of images of every atom: the
/// neighbour search would list them all (a cell 1e-8 Å wide asked for gigabytes and never answered).
/// </summary>
public static class CellReach
{
    /// <summary>Periodic images of one atom within the reach at most (a cube about a fortieth of the reach wide, far denser than any matter).</summary>
    public const double MaxImages = 1e6;

    /// <exception cref="UserError">The images of one atom within the reach outnumber <see cref="MaxImages"/>; names the thinnest direction.</exception>
    public static void Require(PotentialKernels kernels, Structure structure, string source)
    {
        var cell = structure.Cell;
        if (!cell.IsPeriodic)
        {
            return;
        }

        // The short-range cutoff, or the real-space Coulomb sum's 12 Å when that reaches further.
        var reach = Math.Max(12.0, kernels.Cutoff);
        var images = 1.0;
        var thinnest = -1;
        for (var d = 0; d < 3; d++)
        {
            if (cell.Periodic[d])
            {
                images *= 2 * Math.Ceiling(reach / cell.Width(d)) + 1;
                thinnest = thinnest < 0 || cell.Width(d) < cell.Width(thinnest) ? d : thinnest;
            }
        }

        if (images > MaxImages)
        {
            throw new UserError(
                $"{source}: the cell is {Numbers.Format(cell.Width(thinnest))} Å thick across {"abc"[thinnest]}, so within the {Numbers.Format(reach)} Å "
                + $"the potential reaches each atom meets {images:G3} images of every atom (at most {MaxImages:G1}); check Lattice");
        }
    }
}
