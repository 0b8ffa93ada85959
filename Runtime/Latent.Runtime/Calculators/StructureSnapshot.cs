using Latent.Runtime.Structures;

namespace Latent.Runtime.Calculators;

/// <summary>
/// The configuration a calculator's cached results belong to: a copy of the positions, the cell and the
/// symbols. <see cref="Matches"/> is the cache rule of <see cref="ICalculator"/>: results are reused while
/// all of these are unchanged, compared by value (a new <see cref="Cell"/> object with the same lattice
/// vectors and periodic flags is the same cell), and any change means computing afresh.
/// </summary>
/// <remarks>Taking a snapshot of a structure of the same size as the last allocates nothing, so a dynamics step can use it.</remarks>
public sealed class StructureSnapshot
{
    private double[] x = [];
    private double[] y = [];
    private double[] z = [];
    private string[] symbols = [];
    private Cell? cell;

    /// <summary>Whether a snapshot is held (none at first and after <see cref="Clear"/>).</summary>
    public bool IsTaken => cell is not null;

    /// <summary>Whether <paramref name="structure"/> has the snapshot's positions, cell and symbols.</summary>
    public bool Matches(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return cell is not null && SameCell(structure.Cell)
            && x.AsSpan().SequenceEqual(structure.X) && y.AsSpan().SequenceEqual(structure.Y) && z.AsSpan().SequenceEqual(structure.Z)
            && symbols.AsSpan().SequenceEqual(structure.Symbols);
    }

    /// <summary>Copies the structure's positions, cell and symbols (cells are immutable, so the cell is kept by reference).</summary>
    public void Take(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var n = structure.Count;
        if (x.Length != n)
            (x, y, z, symbols) = (new double[n], new double[n], new double[n], new string[n]);
        structure.X.CopyTo(x, 0);
        structure.Y.CopyTo(y, 0);
        structure.Z.CopyTo(z, 0);
        structure.Symbols.CopyTo(symbols, 0);
        cell = structure.Cell;
    }

    /// <summary>Drops the snapshot: nothing matches until the next <see cref="Take"/>.</summary>
    public void Clear() => cell = null;

    private bool SameCell(Cell other) =>
        ReferenceEquals(other, cell)
        || (other.A == cell!.A && other.B == cell.B && other.C == cell.C
            && other.Periodic[0] == cell.Periodic[0] && other.Periodic[1] == cell.Periodic[1] && other.Periodic[2] == cell.Periodic[2]);
}
