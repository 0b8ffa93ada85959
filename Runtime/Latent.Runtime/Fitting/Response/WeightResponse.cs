using Latent.Runtime.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// dw/dp at the free-energy minimum, by the implicit-function theorem on its conditions (docs/model.md §3):
/// ε_iα + θ(ln(w_iα/g_α) + 1) − λ q_α − μ_i = 0, Σ_α w_iα = 1 for every atom, and Σ_i q_i = Q (or λ fixed).
/// Differentiating in p gives δε + θ δw_iα / w_iα − q_α δλ − δμ_i = 0 with δε = ∂ε/∂p + K δw. Multiplying each
/// row by w_iα removes the 1/w (a saturated weight, w → 0, would make it arbitrarily large), and the atom's
/// normalisation eliminates δμ_i, which leaves per atom the covariance projector P_i = diag(w_i) − w_i w_iᵀ:
/// <code>
///   (θ I + P K) δw − P q δλ = −P ∂ε/∂p,      qᵀ δw = 0  (fixed Q only)
/// </code>
/// A saturated state's row is θ δw = (terms of order w), so it stays well-conditioned. The δλ column P q is
/// scaled to unit size (it vanishes with the charge fluctuations; when it is zero to the last bit no weight
/// can move charge, the charge row holds by itself and δλ is dropped). One LU factorisation serves every
/// parameter; its condition is estimated, and a system near singular (a spinodal, where one minimum of A
/// is about to vanish, or θ = 0) is refused: there the weights have no derivative.
/// </summary>
internal static class WeightResponse
{
    /// <summary>Reciprocal condition below which the system counts as singular: about 10⁻⁶ relative error is left at 10⁻¹⁰.</summary>
    public const double SingularCondition = 1e-10;

    // Below this the δλ column counts as zero (P q of weights that underflowed).
    private const double NegligibleChargeResponse = 1e-280;

    /// <summary>δw for each right-hand side ∂ε/∂p (flattened as the weights), [p][state].</summary>
    /// <param name="hessian">K = ∂²E/∂w∂w.</param>
    /// <param name="atoms">The atoms' states.</param>
    /// <param name="weights">The converged weights.</param>
    /// <param name="temperature">θ (eV).</param>
    /// <param name="fixedCharge">Σq = Q holds (else λ is fixed and only the simplexes constrain the weights).</param>
    /// <param name="epsilonPartials">∂ε/∂p at fixed weights, one array per parameter.</param>
    /// <param name="describe">The structure, as messages name it.</param>
    /// <exception cref="ParameterResponseException">The system is singular or its solution not finite.</exception>
    public static double[][] Solve(double[,] hessian, AtomStates atoms, double[] weights, double temperature, bool fixedCharge,
        IReadOnlyList<double[]> epsilonPartials, string describe)
    {
        var states = atoms.WeightCount;
        var parameters = epsilonPartials.Count;
        var chargeColumn = Project(atoms, weights, atoms.Charge);
        var chargeScale = chargeColumn.Max(Math.Abs);
        var withLambda = fixedCharge && chargeScale > NegligibleChargeResponse;
        var size = states + (withLambda ? 1 : 0);

        var m = Matrix<double>.Build.Dense(size, size);
        for (var i = 0; i < atoms.AtomCount; i++)
        {
            var (first, end) = (atoms.Offset[i], atoms.Offset[i + 1]);
            for (var c = 0; c < states; c++)
            {
                // Row α of P_i K (see Project).
                for (var a = first; a < end; a++)
                {
                    var centred = 0.0;
                    for (var b = first; b < end; b++)
                        centred += weights[b] * (hessian[a, c] - hessian[b, c]);
                    m[a, c] = weights[a] * centred;
                }
            }
        }
        for (var a = 0; a < states; a++)
            m[a, a] += temperature;
        var rhs = Matrix<double>.Build.Dense(size, parameters);
        for (var p = 0; p < parameters; p++)
        {
            var projected = Project(atoms, weights, epsilonPartials[p]);
            for (var a = 0; a < states; a++)
                rhs[a, p] = -projected[a];
        }
        if (withLambda)
        {
            var chargeRow = atoms.Charge.Max(Math.Abs);
            for (var a = 0; a < states; a++)
            {
                m[a, states] = -chargeColumn[a] / chargeScale;
                m[states, a] = atoms.Charge[a] / chargeRow;
            }
        }

        var lu = m.LU();
        var condition = ConditionEstimate.Reciprocal(m, lu);
        if (!(condition >= SingularCondition))
            throw new ParameterResponseException(
                $"{describe}: the weights' response to the parameters is singular (reciprocal condition {condition:G3}, below {SingularCondition:G0}): " +
                "the free-energy minimum is at a degenerate point (two charge states crossing, or a minimum about to vanish), where the weights have no derivative; move the structure off it");
        var solution = lu.Solve(rhs);
        var dw = new double[parameters][];
        for (var p = 0; p < parameters; p++)
        {
            dw[p] = new double[states];
            for (var a = 0; a < states; a++)
                dw[p][a] = solution[a, p];
        }
        return dw;
    }

    /// <summary>
    /// P x: per atom, w_α (x_α − Σ_β w_β x_β), summed as w_α Σ_β w_β (x_α − x_β). The two are equal where the
    /// weights sum to 1, but for a saturated atom the first cancels to nothing on its dominant state (q_α − q̄
    /// of 10⁻⁸¹ lost beside 1), which would leave the charge row and the δλ column without their common part.
    /// </summary>
    private static double[] Project(AtomStates atoms, double[] weights, double[] x)
    {
        var result = new double[x.Length];
        for (var i = 0; i < atoms.AtomCount; i++)
        {
            for (var a = atoms.Offset[i]; a < atoms.Offset[i + 1]; a++)
            {
                var centred = 0.0;
                for (var b = atoms.Offset[i]; b < atoms.Offset[i + 1]; b++)
                    centred += weights[b] * (x[a] - x[b]);
                result[a] = weights[a] * centred;
            }
        }
        return result;
    }
}
