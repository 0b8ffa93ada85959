namespace Latent.Runtime.Neighbours;

/// <summary>
/// The CSR arrays of a neighbour list, structure of arrays: atom i owns entries [Start[i], Start[i+1]);
/// entry k is atom J[k] shifted by the images (A[k], B[k], C[k]), i.e. by (ShiftX[k], ShiftY[k], ShiftZ[k]).
/// Arrays grow as needed and are trimmed once after a build that left them far too large (<see cref="Trim"/>), so a
/// rebuild of a similar structure allocates nothing.
/// </summary>
internal sealed class EntryStore
{
    public int[] Start = [0];
    public int[] J = [];
    public int[] A = [];
    public int[] B = [];
    public int[] C = [];
    public double[] ShiftX = [];
    public double[] ShiftY = [];
    public double[] ShiftZ = [];

    /// <summary>Atoms described by <see cref="Start"/>.</summary>
    public int Atoms;

    /// <summary>Entries in use.</summary>
    public int Count;

    /// <summary>Empties the store for <paramref name="atoms"/> atoms, keeping the arrays.</summary>
    public void Reset(int atoms)
    {
        if (Start.Length < atoms + 1) Start = new int[atoms + 1];
        Atoms = atoms;
        Count = 0;
        Start[0] = 0;
    }

    /// <summary>Room for <paramref name="extra"/> more entries, doubling so appends are amortised O(1).</summary>
    public void Reserve(int extra)
    {
        var need = Count + extra;
        if (need <= J.Length) return;
        Resize(Math.Max(need, Math.Max(16, 2 * J.Length)));
    }

    /// <summary>
    /// Gives back what growth by doubling left over once the entries are known: capacity more than a quarter
    /// above the count is cut to a sixteenth above it (arrays reallocated once). A later build of about the same
    /// size then fits without growing, and a million-atom list does not carry up to twice its entries.
    /// </summary>
    public void Trim()
    {
        if (J.Length <= Count + Count / 4 + 64) return;
        Resize(Count + Count / 16 + 64);
    }

    /// <summary>Every per-entry array to <paramref name="size"/>, keeping the entries in use.</summary>
    private void Resize(int size)
    {
        Array.Resize(ref J, size);
        Array.Resize(ref A, size);
        Array.Resize(ref B, size);
        Array.Resize(ref C, size);
        Array.Resize(ref ShiftX, size);
        Array.Resize(ref ShiftY, size);
        Array.Resize(ref ShiftZ, size);
    }
}
