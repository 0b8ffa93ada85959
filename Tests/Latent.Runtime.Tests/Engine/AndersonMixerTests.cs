using Latent.Runtime.Engine;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The Anderson mixer on its own: it accelerates a slowly contracting linear iteration to its exact fixed
/// point, each step solves the least-squares problem over the last <c>history</c> changes (so the ring
/// buffer wraps correctly), a degenerate history gives the plain step, and a step allocates nothing.
/// </summary>
public sealed class AndersonMixerTests
{
    private const int Size = 30;

    /// <summary>
    /// x = Gx + b with G = 0.475 (I + T/2), T the 0–1 tridiagonal matrix: G is symmetric with eigenvalues
    /// 0.475 (1 + cos(kπ/31)) in (0, 0.95), so plain iteration contracts by about 0.949 per step. The fixed
    /// point is chosen first.
    /// </summary>
    private static (Func<double[], double[], double[]> Residual, double[] Solution) LinearProblem()
    {
        var rng = new Random(7);
        var solution = Enumerable.Range(0, Size).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double[] G(double[] x)
        {
            var y = new double[Size];
            for (var k = 0; k < Size; k++)
                y[k] = 0.475 * (x[k] + 0.5 * ((k > 0 ? x[k - 1] : 0) + (k < Size - 1 ? x[k + 1] : 0)));
            return y;
        }
        var gx = G(solution);
        var b = solution.Select((v, k) => v - gx[k]).ToArray();
        double[] Residual(double[] x, double[] f)
        {
            var y = G(x);
            for (var k = 0; k < Size; k++)
                f[k] = y[k] + b[k] - x[k];
            return f;
        }
        return (Residual, solution);
    }

    private static double Error(double[] x, double[] solution) => x.Select((v, k) => Math.Abs(v - solution[k])).Max();

    /// <summary>Steps until the error is below 1e-12 (or the limit), with the mixer or with plain x ← x + f.</summary>
    private static (int Steps, double Error) Iterate(AndersonMixer? mixer, int limit)
    {
        var (residual, solution) = LinearProblem();
        var x = new double[Size];
        var f = new double[Size];
        var steps = 0;
        while (Error(x, solution) > 1e-12 && steps < limit)
        {
            residual(x, f);
            if (mixer is null)
            {
                for (var k = 0; k < Size; k++)
                    x[k] += f[k];
            }
            else
            {
                mixer.Step(x, f, 1.0);
            }
            steps++;
        }
        return (steps, Error(x, solution));
    }

    [Fact]
    public void It_solves_a_linear_fixed_point_problem_exactly_and_far_faster_than_plain_iteration()
    {
        var plain = Iterate(null, 5000);
        var anderson = Iterate(new AndersonMixer(Size, 8), 5000);
        Assert.True(plain.Error <= 1e-12, $"plain iteration stopped at {plain.Error:E2}");
        Assert.True(anderson.Error <= 1e-12, $"Anderson stopped at {anderson.Error:E2}");
        // 86 steps against 466 when written; a mixer that lost its history would be no faster than plain.
        Assert.True(anderson.Steps * 4 < plain.Steps, $"Anderson took {anderson.Steps} steps, plain iteration {plain.Steps}");
    }

    /// <summary>
    /// Against a direct least-squares solve over the last <c>history</c> changes kept in order: a step that
    /// used a stale slot, or lost one when the ring buffer wrapped, would land elsewhere.
    /// </summary>
    [Fact]
    public void Each_step_uses_exactly_the_last_history_changes_after_the_buffer_wraps()
    {
        const int n = 10, history = 3, steps = 9;
        const double beta = 0.7;
        var rng = new Random(11);
        var points = new List<double[]>();
        var residuals = new List<double[]>();
        var mixer = new AndersonMixer(n, history);
        for (var step = 0; step < steps; step++)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var f = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            points.Add(x);
            residuals.Add(f);
            var expected = Reference(points, residuals, history, beta);
            var mixed = (double[])x.Clone();
            mixer.Step(mixed, f, beta);
            Assert.Equal(Math.Min(step, history), mixer.Count);
            for (var k = 0; k < n; k++)
                Assert.True(Math.Abs(expected[k] - mixed[k]) <= 1e-9 * (1 + Math.Abs(expected[k])), $"step {step}, value {k}: {mixed[k]:R}, expected {expected[k]:R}");
        }
    }

    /// <summary>x + βf − (ΔX + βΔF)γ with γ the least-squares solution of ΔF γ ≈ f, by QR, over the last changes.</summary>
    private static double[] Reference(List<double[]> points, List<double[]> residuals, int history, double beta)
    {
        var last = points.Count - 1;
        var x = Vector<double>.Build.DenseOfArray(points[last]);
        var f = Vector<double>.Build.DenseOfArray(residuals[last]);
        var m = Math.Min(last, history);
        if (m == 0)
            return (x + beta * f).ToArray();
        var dx = Matrix<double>.Build.Dense(x.Count, m);
        var df = Matrix<double>.Build.Dense(x.Count, m);
        for (var a = 0; a < m; a++)
        {
            var j = last - m + a;
            dx.SetColumn(a, Vector<double>.Build.DenseOfArray(points[j + 1]) - Vector<double>.Build.DenseOfArray(points[j]));
            df.SetColumn(a, Vector<double>.Build.DenseOfArray(residuals[j + 1]) - Vector<double>.Build.DenseOfArray(residuals[j]));
        }
        var gamma = df.QR().Solve(f);
        return (x + beta * f - (dx + beta * df) * gamma).ToArray();
    }

    /// <summary>
    /// An unchanged residual makes ΔF zero and the Gram matrix singular: the ridge keeps the solve defined
    /// and γ = 0, so the step is exactly the plain one (no division by zero, no NaN).
    /// </summary>
    [Fact]
    public void A_singular_gram_matrix_from_an_unchanged_residual_gives_the_plain_step()
    {
        var mixer = new AndersonMixer(4, 3);
        double[] f = [0.1, -0.2, 0.3, -0.4];
        mixer.Step([1.0, 2.0, 3.0, 4.0], f, 0.5);
        double[] x = [1.5, 2.5, 2.0, 3.0];
        var expected = x.Select((v, k) => v + 0.5 * f[k]).ToArray();
        mixer.Step(x, f, 0.5);
        Assert.Equal(1, mixer.Count);
        Assert.Equal(expected, x);
    }

    /// <summary>A NaN in the history makes the normal equations unsolvable: the step falls back to the plain one rather than spreading NaN.</summary>
    [Fact]
    public void A_non_finite_history_falls_back_to_the_plain_step()
    {
        var mixer = new AndersonMixer(3, 2);
        mixer.Step([0.0, 0.0, 0.0], [double.NaN, 1.0, 1.0], 1.0);
        double[] x = [1.0, 1.0, 1.0];
        double[] f = [0.25, -0.5, 0.125];
        mixer.Step(x, f, 1.0);
        Assert.Equal(new[] { 1.25, 0.5, 1.125 }, x);
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var mixer = new AndersonMixer(2, 4);
        mixer.Step([0.0, 0.0], [1.0, 2.0], 1.0);
        mixer.Step([1.0, 1.0], [0.5, 0.25], 1.0);
        Assert.Equal(1, mixer.Count);
        mixer.Reset();
        double[] x = [3.0, 4.0];
        mixer.Step(x, [0.5, 0.25], 1.0);
        Assert.Equal(0, mixer.Count);
        Assert.Equal(new[] { 3.5, 4.25 }, x);
    }

    [Fact]
    public void A_step_allocates_nothing_once_the_mixer_is_built()
    {
        const int n = 50;
        var rng = new Random(3);
        var mixer = new AndersonMixer(n, 8);
        var x = new double[n];
        var f = new double[n];
        void Step()
        {
            for (var k = 0; k < n; k++)
                f[k] = rng.NextDouble() - 0.5;
            mixer.Step(x, f, 1.0);
        }
        // Warm up past the history, so the measured steps wrap the ring buffer too.
        for (var k = 0; k < 20; k++)
            Step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 50; k++)
            Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
