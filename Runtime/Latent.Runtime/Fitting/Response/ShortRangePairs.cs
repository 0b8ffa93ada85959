using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The short-range pairs of one structure as the engine sums them (each pair once, periodic images and an
/// atom's own image included), oriented as the engine orients them (atom A has the kernel's first element;
/// docs/model.md §7), with every output of the pair's kernel and every parameter gradient of those outputs,
/// evaluated once. The sums over states that the response needs are read from here through one
/// <c>source</c> argument: −1 for the kernel's values, p for their derivatives in fitted parameter p.
/// </summary>
internal sealed class ShortRangePairs
{
    private readonly AtomStates atoms;
    private readonly PairLayout[] layout;
    private readonly int[] outputStart;
    private readonly double[] outputs;
    private readonly int[] gradientStart;
    private readonly double[] gradients;

    /// <summary>Evaluates the kernels and their gradients at <paramref name="pairs"/>.</summary>
    /// <exception cref="InvalidOperationException">A pair kernel without parameter gradients.</exception>
    public ShortRangePairs(PotentialKernels potential, AtomStates atoms, PairSet pairs)
    {
        this.atoms = atoms;
        Count = pairs.Count;
        I = pairs.I.AsSpan(0, Count).ToArray();
        J = pairs.J.AsSpan(0, Count).ToArray();
        Dx = pairs.Dx.AsSpan(0, Count).ToArray();
        Dy = pairs.Dy.AsSpan(0, Count).ToArray();
        Dz = pairs.Dz.AsSpan(0, Count).ToArray();
        R = pairs.R.AsSpan(0, Count).ToArray();
        AtomA = new int[Count];
        AtomB = new int[Count];
        layout = new PairLayout[Count];
        outputStart = new int[Count + 1];
        gradientStart = new int[Count + 1];
        var fitted = potential.FittedParameters.Count;
        var kernels = new PairKernel[Count];
        for (var p = 0; p < Count; p++)
        {
            var (ei, ej) = (atoms.Element[I[p]], atoms.Element[J[p]]);
            var kernel = potential.Pair(ei, ej);
            // The engine's orientation (PairKernelCache): the atom of the kernel's first element plays A; of one element, the pair's first atom.
            var swap = ei != ej && kernel.A != ei;
            (AtomA[p], AtomB[p]) = swap ? (J[p], I[p]) : (I[p], J[p]);
            kernels[p] = kernel;
            layout[p] = kernel.Layout;
            outputStart[p + 1] = outputStart[p] + kernel.Layout.OutputCount;
            gradientStart[p + 1] = gradientStart[p] + kernel.Layout.GradientCount(fitted);
        }
        outputs = new double[outputStart[Count]];
        gradients = new double[gradientStart[Count]];
        for (var p = 0; p < Count; p++)
        {
            var gradient = kernels[p].Gradient ?? throw new InvalidOperationException($"the pair kernel {kernels[p].A}-{kernels[p].B} has no parameter gradients");
            kernels[p].Scalar(R[p], outputs.AsSpan(outputStart[p], outputStart[p + 1] - outputStart[p]));
            gradient(R[p], gradients.AsSpan(gradientStart[p], gradientStart[p + 1] - gradientStart[p]));
        }
    }

    /// <summary>Number of pairs.</summary>
    public int Count { get; }

    /// <summary>First atom of each pair as the pair set gave it (the separation runs from I to J).</summary>
    public int[] I { get; }

    /// <summary>Second atom of each pair.</summary>
    public int[] J { get; }

    /// <summary>x of r_J + shift − r_I (Å).</summary>
    public double[] Dx { get; }

    /// <summary>y of the separation (Å).</summary>
    public double[] Dy { get; }

    /// <summary>z of the separation (Å).</summary>
    public double[] Dz { get; }

    /// <summary>Distances (Å).</summary>
    public double[] R { get; }

    /// <summary>The atom that plays the kernel's first element.</summary>
    public int[] AtomA { get; }

    /// <summary>The other atom (A again for an atom's own image).</summary>
    public int[] AtomB { get; }

    /// <summary>Output k of pair p's kernel (source −1) or its derivative in fitted parameter <paramref name="source"/>; with <paramref name="slope"/> the r-derivative's.</summary>
    private double Term(int p, int k, int source, bool slope)
    {
        var l = layout[p];
        var output = slope ? l.Derivative(k) : k;
        return source < 0 ? outputs[outputStart[p] + output] : gradients[gradientStart[p] + l.GradientOutput(source, output)];
    }

    /// <summary>Σ_β x_Bβ f_β(r): the host density B's states give at A, weighted by <paramref name="x"/> (weights or their change).</summary>
    public double DensityAtA(int p, double[] x, int source, bool slope)
    {
        var (l, ob) = (layout[p], atoms.Offset[AtomB[p]]);
        var sum = 0.0;
        for (var b = 0; b < l.StateCountB; b++)
            sum += x[ob + b] * Term(p, l.DensityAtA(b), source, slope);
        return sum;
    }

    /// <summary>Σ_α x_Aα f_α(r): the host density A's states give at B.</summary>
    public double DensityAtB(int p, double[] x, int source, bool slope)
    {
        var (l, oa) = (layout[p], atoms.Offset[AtomA[p]]);
        var sum = 0.0;
        for (var a = 0; a < l.StateCountA; a++)
            sum += x[oa + a] * Term(p, l.DensityAtB(a), source, slope);
        return sum;
    }

    /// <summary>Σ_αβ x_Aα y_Bβ c_αβ(r): the short-range electrostatics between the states, bilinear in the two weight vectors.</summary>
    public double Coupling(int p, double[] x, double[] y, int source, bool slope)
    {
        var (l, oa, ob) = (layout[p], atoms.Offset[AtomA[p]], atoms.Offset[AtomB[p]]);
        var sum = 0.0;
        for (var a = 0; a < l.StateCountA; a++)
        {
            var row = 0.0;
            for (var b = 0; b < l.StateCountB; b++)
                row += Term(p, l.Electrostatics(a, b), source, slope) * y[ob + b];
            sum += x[oa + a] * row;
        }
        return sum;
    }

    /// <summary>The switched pair term φ.</summary>
    public double PairPotential(int p, int source, bool slope) => Term(p, layout[p].PairPotential, source, slope);

    /// <summary>
    /// Adds the pair's electrostatic field to <paramref name="target"/> (one entry per state): Σ_β c_αβ x_Bβ to A's
    /// state α and Σ_α c_αβ x_Aα to B's state β, the pair's part of ∂/∂w of its electrostatics (docs/model.md §3).
    /// </summary>
    public void AddField(int p, double[] x, int source, double[] target)
    {
        var (l, oa, ob) = (layout[p], atoms.Offset[AtomA[p]], atoms.Offset[AtomB[p]]);
        for (var a = 0; a < l.StateCountA; a++)
        {
            for (var b = 0; b < l.StateCountB; b++)
            {
                var c = Term(p, l.Electrostatics(a, b), source, slope: false);
                target[oa + a] += c * x[ob + b];
                target[ob + b] += c * x[oa + a];
            }
        }
    }

    /// <summary>
    /// Adds each state's host density at the other atom, priced at that atom's embedding slope: F′(ρ̄_B) f_α to A's
    /// state α and F′(ρ̄_A) f_β to B's state β (docs/model.md §3).
    /// </summary>
    public void AddDensityPrices(int p, double priceAtA, double priceAtB, int source, double[] target)
    {
        var (l, oa, ob) = (layout[p], atoms.Offset[AtomA[p]], atoms.Offset[AtomB[p]]);
        for (var a = 0; a < l.StateCountA; a++)
            target[oa + a] += priceAtB * Term(p, l.DensityAtB(a), source, slope: false);
        for (var b = 0; b < l.StateCountB; b++)
            target[ob + b] += priceAtA * Term(p, l.DensityAtA(b), source, slope: false);
    }

    /// <summary>c_αβ(r) of pair p (α of A, β of B).</summary>
    public double Electrostatics(int p, int alpha, int beta) => Term(p, layout[p].Electrostatics(alpha, beta), -1, slope: false);

    /// <summary>f_β(r), the density B's state β gives at A.</summary>
    public double StateDensityAtA(int p, int beta) => Term(p, layout[p].DensityAtA(beta), -1, slope: false);

    /// <summary>f_α(r), the density A's state α gives at B.</summary>
    public double StateDensityAtB(int p, int alpha) => Term(p, layout[p].DensityAtB(alpha), -1, slope: false);

    /// <summary>Number of states of A in pair p.</summary>
    public int StatesOfA(int p) => layout[p].StateCountA;

    /// <summary>Number of states of B in pair p.</summary>
    public int StatesOfB(int p) => layout[p].StateCountB;
}
