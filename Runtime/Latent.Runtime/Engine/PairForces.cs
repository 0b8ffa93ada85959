namespace Latent.Runtime.Engine;

/// <summary>Forces and virial of a central pair interaction (docs/model.md §4), added pair by pair.</summary>
internal static class PairForces
{
    /// <summary>
    /// Adds the forces on atoms i and j of a pair with separation (dx, dy, dz) = r_j + shift − r_i of
    /// length r and slope dE/dr, and the pair's virial dE/dr · d_a d_b / r (Voigt xx yy zz yz xz xy).
    /// </summary>
    public static void Scatter(int i, int j, double dx, double dy, double dz, double r, double dEdr, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        var s = dEdr / r;
        // E depends on r = |r_j + shift − r_i|: ∂E/∂r_i = −dE/dr · d/r, so the force on i is +s·d.
        fx[i] += s * dx;
        fy[i] += s * dy;
        fz[i] += s * dz;
        fx[j] -= s * dx;
        fy[j] -= s * dy;
        fz[j] -= s * dz;
        virial[0] += s * dx * dx;
        virial[1] += s * dy * dy;
        virial[2] += s * dz * dz;
        virial[3] += s * dy * dz;
        virial[4] += s * dx * dz;
        virial[5] += s * dx * dy;
    }
}
