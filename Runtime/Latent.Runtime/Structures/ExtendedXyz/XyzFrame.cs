namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// One frame of an extended XYZ file: the structure (symbols, positions, masses, cell with its periodic
/// flags), the comment line's key=value info, and the extra per-atom columns, each in file order.
/// </summary>
public sealed class XyzFrame
{
    /// <summary>A frame around a structure, with empty info and no extra columns.</summary>
    public XyzFrame(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        Structure = structure;
        Columns = new XyzColumns(structure.Count);
    }

    /// <summary>The atoms and their cell.</summary>
    public Structure Structure { get; }

    /// <summary>Per-frame values: energy, stress, step, comment…</summary>
    public XyzInfo Info { get; } = new();

    /// <summary>Extra per-atom columns: charges, forces, latent weights, velocities…</summary>
    public XyzColumns Columns { get; }

    /// <summary>
    /// Initial per-atom charges (e), from ASE's <c>initial_charges</c> column or else a <c>charges</c>
    /// column, each of one real component; null when the frame has neither.
    /// </summary>
    public double[]? InitialCharges =>
        RealColumn("initial_charges", 1) ?? RealColumn("charges", 1);

    private double[]? RealColumn(string name, int components) =>
        Columns.TryGet(name, out var c) && c.Type == XyzColumnType.Real && c.Components == components ? c.Reals : null;
}
