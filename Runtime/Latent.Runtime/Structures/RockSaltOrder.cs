namespace Latent.Runtime.Structures;

/// <summary>
/// The order of the eight atoms of a rock-salt conventional cell (see <see cref="RockSaltCrystal"/>). The
/// crystal is the same in every order; the order matters to whoever addresses atoms by index, and to the
/// last bits of sums over atoms, so a caller keeps the order its numbers were computed with.
/// </summary>
public enum RockSaltOrder
{
    /// <summary>
    /// Each cation on the fcc sites (0,0,0), (½,½,0), (½,0,½), (0,½,½), followed by its anion half a lattice
    /// constant along +x; two of these anions lie on the cell's face x = a rather than at x = 0.
    /// </summary>
    CationAnionPairs,

    /// <summary>
    /// The sites of the half-lattice-constant grid in the cell, x slowest and z fastest, cation where the grid
    /// indices sum to an even number: the order of a cube of ions cut from the crystal.
    /// </summary>
    Grid,

    /// <summary>
    /// The four cations first, at the corner and then the centres of the faces normal to x, y and z; then the
    /// four anions, at the midpoints of the edges along x, y and z and then the body centre.
    /// </summary>
    CationsThenAnions,
}
