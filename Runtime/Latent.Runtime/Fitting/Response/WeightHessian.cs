using Latent.Runtime.Engine;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// K = ∂²E/∂w∂w = ∂ε/∂w at fixed positions and parameters, dense (one row and column per state of every atom):
/// the short-range state electrostatics c_αβ(r) of every pair (an atom's own image adds c + cᵀ to its own
/// block), the point-charge tail q_α q_β M_ij, and the embedding Σ_k F″(ρ̄_k) (∂ρ̄_k/∂w)(∂ρ̄_k/∂w)ᵀ, which
/// couples any two atoms that share a neighbour k. E is quadratic in w apart from the embedding, so this is
/// exactly the matrix of <see cref="FixedWeightPass.Linearise"/>'s δε in δw.
/// </summary>
internal static class WeightHessian
{
    /// <summary>K at the pass's weights.</summary>
    public static double[,] Of(FixedWeightPass pass, AtomStates atoms)
    {
        var states = atoms.WeightCount;
        var k = new double[states, states];
        var s = pass.ShortRange;
        for (var p = 0; p < s.Count; p++)
        {
            var (oa, ob) = (atoms.Offset[s.AtomA[p]], atoms.Offset[s.AtomB[p]]);
            for (var a = 0; a < s.StatesOfA(p); a++)
            {
                for (var b = 0; b < s.StatesOfB(p); b++)
                {
                    var c = s.Electrostatics(p, a, b);
                    k[oa + a, ob + b] += c;
                    k[ob + b, oa + a] += c;
                }
            }
        }

        if (pass.LongRange.Exists)
        {
            for (var i = 0; i < atoms.AtomCount; i++)
                for (var j = 0; j < atoms.AtomCount; j++)
                {
                    var m = pass.LongRange.M(i, j);
                    for (var a = atoms.Offset[i]; a < atoms.Offset[i + 1]; a++)
                        for (var b = atoms.Offset[j]; b < atoms.Offset[j + 1]; b++)
                            k[a, b] += atoms.Charge[a] * atoms.Charge[b] * m;
                }
        }

        AddEmbedding(pass, atoms, k);
        return k;
    }

    /// <summary>
    /// Σ_k F″(ρ̄_k) v_k v_kᵀ with v_k = ∂ρ̄_k/∂w: per atom k, the densities its incident pairs' other atoms give
    /// it, state by state (an atom's own image gives it its own states' densities, from both sides).
    /// </summary>
    private static void AddEmbedding(FixedWeightPass pass, AtomStates atoms, double[,] k)
    {
        var s = pass.ShortRange;
        var n = atoms.AtomCount;
        var entries = new List<(int State, double Density)>[n];
        for (var i = 0; i < n; i++)
            entries[i] = [];
        for (var p = 0; p < s.Count; p++)
        {
            var (a, b) = (s.AtomA[p], s.AtomB[p]);
            if (pass.EmbeddingCurvature[a] != 0)
                for (var beta = 0; beta < s.StatesOfB(p); beta++)
                    entries[a].Add((atoms.Offset[b] + beta, s.StateDensityAtA(p, beta)));
            if (pass.EmbeddingCurvature[b] != 0)
                for (var alpha = 0; alpha < s.StatesOfA(p); alpha++)
                    entries[b].Add((atoms.Offset[a] + alpha, s.StateDensityAtB(p, alpha)));
        }
        for (var i = 0; i < n; i++)
        {
            var curvature = pass.EmbeddingCurvature[i];
            foreach (var (x, fx) in entries[i])
            {
                if (fx == 0)
                    continue;
                foreach (var (y, fy) in entries[i])
                    k[x, y] += curvature * fx * fy;
            }
        }
    }
}
