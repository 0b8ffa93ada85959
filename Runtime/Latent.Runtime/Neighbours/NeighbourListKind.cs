namespace Latent.Runtime.Neighbours;

/// <summary>Whether a neighbour list holds each pair once or in both directions.</summary>
public enum NeighbourListKind
{
    /// <summary>Each pair in both directions: atom i lists j and atom j lists i (with the opposite shift).
    /// Suits per-atom sums such as the embedding density.</summary>
    Full,

    /// <summary>Each pair once: for i ≠ j under the smaller index only; for an atom's own periodic
    /// images (i == j) only the image whose offset (na, nb, nc) is lexicographically positive.
    /// Suits pair sums over i &lt; j.</summary>
    Half,
}
