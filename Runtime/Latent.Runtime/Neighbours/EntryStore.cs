namespace Latent.Runtime.Neighbours;

/// <summary>
/// The CSR arrays of a neighbour list, structure of arrays: atom i owns entries [Start[i], Start[i+1]);
/// entry k is atom J[k] shifted by the images (A[k], B[k], C[k]), i.e. by (ShiftX[k], ShiftY[k], ShiftZ[k]).
/// Arrays only grow, so a rebuild of a similar structure allocates nothing.
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
        var size = Math.Max(need, Math.Max(16, 2 * J.Length));
        Array.Resize(ref J, size);
        Array.Resize(ref A, size);
        Array.Resize(ref B, size);
        Array.Resize(ref C, size);
        Array.Resize(ref ShiftX, size);
        Array.Resize(ref ShiftY, size);
        Array.Resize(ref ShiftZ, size);
    }
}
