using Latent.Cli.Output;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Input;

/// <summary>
/// The atoms an input holds in place, from ASE's <c>move_mask</c> column (what <c>ase.io.write</c> makes of a
/// FixAtoms constraint: F for a fixed atom). relax and md honour it; a per-direction mask (FixCartesian)
/// they cannot honour is refused rather than ignored.
/// </summary>
public static class FixedAtoms
{
    /// <summary>Indices of the fixed atoms (empty without a move_mask).</summary>
    /// <exception cref="UserError">A move_mask that is not logical, or that frees some directions of an atom and not others.</exception>
    public static int[] Of(XyzFrame frame, string path, string command)
    {
        if (!frame.Columns.TryGet("move_mask", out var mask))
        {
            return [];
        }

        if (mask.Type != XyzColumnType.Logical || mask.Components is not (1 or 3))
        {
            throw new UserError($"{path}: move_mask must be logical with 1 or 3 components (move_mask:L:1, as ASE writes FixAtoms), found move_mask:{mask.Descriptor}");
        }

        var moves = mask.Logicals;
        var k = mask.Components;
        var fixedAtoms = new List<int>();
        for (var i = 0; i < frame.Structure.Count; i++)
        {
            var free = 0;
            for (var c = 0; c < k; c++)
            {
                free += moves[i * k + c] ? 1 : 0;
            }

            if (free == 0)
            {
                fixedAtoms.Add(i);
            }
            else if (free != k)
            {
                throw new UserError($"{path}: atom {i} ({frame.Structure.Symbols[i]}) is fixed in some directions and not others (a FixCartesian move_mask); "
                    + $"{command} holds whole atoms only: fix all three directions or none");
            }
        }

        return fixedAtoms.ToArray();
    }
}
