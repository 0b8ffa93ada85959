namespace Latent.Runtime.Engine.LongRange;

/// <summary>
/// The point-charge tail E_long = Σ_{i&lt;j} k_e q_i q_j g(r_ij) that the short-range kernels leave out
/// (docs/model.md §7), in one of its forms (<see cref="LongRangeCoulomb"/>): bound to a configuration,
/// then evaluated at any charges. E_long is quadratic in the charges, E_long = ½ qᵀ M q, so everything
/// follows from the potential V = M q: the energy is ½ Σ q_i V_i (docs/model.md §2), the charges' part
/// of ε is q_α V_i (docs/model.md §3), and the forces need the charges only (docs/model.md §4).
/// </summary>
internal interface ILongRangeElectrostatics
{
    /// <summary>The form summed.</summary>
    LongRangeCoulomb Form { get; }

    /// <summary>
    /// Re-evaluates what depends on positions, for the same atoms after they moved, without allocating
    /// once its buffers have grown to size.
    /// </summary>
    /// <param name="longPairs">Pairs within the form's cutoff, if the form sums over a pair list.</param>
    void Bind(PairSet? longPairs);

    /// <summary>V_i = ∂E_long/∂q_i (eV/e) of every atom at the charges, in a fixed order on any number of threads.</summary>
    void Potential(double[] charges, double[] potential);

    /// <summary>
    /// Adds −∂E_long/∂R at fixed charges to the forces (eV/Å), and the virial Σ_pairs (dE/dr) r_a r_b / r
    /// (eV, Voigt xx yy zz yz xz xy) to <paramref name="virial"/>.
    /// </summary>
    void AddForces(double[] charges, double[] fx, double[] fy, double[] fz, Span<double> virial);

    /// <summary>The dense matrix M_ij = ∂²E_long/∂q_i∂q_j (eV/e²), for starting guesses on small systems, not the hot path.</summary>
    double[,] Matrix();

    /// <summary>
    /// Adds M (<see cref="Matrix"/>) to <paramref name="matrix"/>, n × n row-major for the n atoms, without allocating:
    /// for the dense charge-equilibration solve, which assembles its matrix every step (docs/model.md §8).
    /// </summary>
    void AddMatrix(Span<double> matrix);

    /// <summary>
    /// Atom i's share ½ q_i V_i of E_long, from the <see cref="Potential"/> at the same charges: over all
    /// atoms every pair counts once, and a quadratic self term exactly.
    /// </summary>
    void AtomEnergies(ReadOnlySpan<double> charges, ReadOnlySpan<double> potential, Span<double> energies)
    {
        for (var i = 0; i < charges.Length; i++)
            energies[i] = 0.5 * charges[i] * potential[i];
    }
}
