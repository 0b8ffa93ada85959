namespace Latent.Runtime.Structures;

/// <summary>
/// Periodic rock-salt crystals of a cation–anion pair: the conventional cubic cell (4 + 4 atoms),
/// repeated. Atoms come cell by cell, and within a cell in the chosen <see cref="RockSaltOrder"/>.
/// </summary>
public static class RockSaltCrystal
{
    // The cell's atoms in fractional coordinates, true for a cation; every table holds the same eight
    // sites (modulo the cell) with the same species.
    private static readonly (bool Cation, double X, double Y, double Z)[] CationAnionPairs =
    [
        (true, 0, 0, 0), (false, 0.5, 0, 0),
        (true, 0.5, 0.5, 0), (false, 1, 0.5, 0),
        (true, 0.5, 0, 0.5), (false, 1, 0, 0.5),
        (true, 0, 0.5, 0.5), (false, 0.5, 0.5, 0.5),
    ];

    private static readonly (bool Cation, double X, double Y, double Z)[] Grid =
    [
        (true, 0, 0, 0), (false, 0, 0, 0.5), (false, 0, 0.5, 0), (true, 0, 0.5, 0.5),
        (false, 0.5, 0, 0), (true, 0.5, 0, 0.5), (true, 0.5, 0.5, 0), (false, 0.5, 0.5, 0.5),
    ];

    private static readonly (bool Cation, double X, double Y, double Z)[] CationsThenAnions =
    [
        (true, 0, 0, 0), (true, 0, 0.5, 0.5), (true, 0.5, 0, 0.5), (true, 0.5, 0.5, 0),
        (false, 0.5, 0, 0), (false, 0, 0.5, 0), (false, 0, 0, 0.5), (false, 0.5, 0.5, 0.5),
    ];

    /// <summary>
    /// The conventional cell of lattice constant <paramref name="a"/> (Å), repeated <paramref name="repeat"/> times
    /// along each axis, its atoms in <paramref name="order"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A non-positive lattice constant or repeat.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An order that is not a <see cref="RockSaltOrder"/>.</exception>
    public static Structure Build(
        string cation, double cationMass, string anion, double anionMass, double a, int repeat = 1,
        RockSaltOrder order = RockSaltOrder.CationAnionPairs)
    {
        var sites = order switch
        {
            RockSaltOrder.CationAnionPairs => CationAnionPairs,
            RockSaltOrder.Grid => Grid,
            RockSaltOrder.CationsThenAnions => CationsThenAnions,
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "not a rock-salt order"),
        };
        var basis = sites.Select(s => s.Cation ? (cation, cationMass, s.X, s.Y, s.Z) : (anion, anionMass, s.X, s.Y, s.Z)).ToArray();
        return ConventionalCell.Repeat(basis, a, repeat);
    }
}
