using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine.LongRange;

/// <summary>
/// The bare point-charge sum of a cluster, E_long = Σ_{i&lt;j} k_e q_i q_j / r_ij over all pairs
/// (docs/model.md §7). It reads the positions from the structure whenever it is evaluated, so binding
/// to moved atoms costs nothing. V and the forces are summed per atom over all others (in atom order,
/// in parallel over atoms), so each atom's result is the same bits on any number of threads.
/// </summary>
internal sealed class DirectCoulomb : ILongRangeElectrostatics
{
    private readonly Structure structure;
    private readonly ParallelOptions parallel;
    private readonly Action<int> potentialBody;
    private readonly Action<int> forceBody;
    // Each atom's half of the virial of its pairs, Voigt order, six per atom (reduced in atom order).
    private readonly double[] atomVirial;
    // The arrays the current loop works on (the loop bodies are bound once, see ParallelLoop).
    private double[] loopCharges = [];
    private double[] loopPotential = [];
    private double[] loopFx = [];
    private double[] loopFy = [];
    private double[] loopFz = [];

    /// <summary>The direct sum over the atoms of <paramref name="structure"/>.</summary>
    /// <param name="form">The direct form (<see cref="LongRangeCoulomb.Direct"/>).</param>
    /// <param name="structure">The atoms; their current positions are read at every evaluation.</param>
    /// <param name="parallel">Degree of parallelism; results do not depend on it.</param>
    public DirectCoulomb(LongRangeCoulomb form, Structure structure, ParallelOptions parallel)
    {
        if (form.IsPeriodic)
            throw new ArgumentException("the direct sum is for clusters; a periodic cell needs the damped shifted-force sum", nameof(form));
        Form = form;
        this.structure = structure;
        this.parallel = parallel;
        atomVirial = new double[6 * structure.Count];
        potentialBody = PotentialAt;
        forceBody = ForceAt;
    }

    /// <inheritdoc/>
    public LongRangeCoulomb Form { get; }

    /// <summary>Nothing to do: the sums read the structure's positions when evaluated.</summary>
    public void Bind(PairSet? longPairs)
    {
    }

    /// <inheritdoc/>
    public void Potential(double[] charges, double[] potential)
    {
        (loopCharges, loopPotential) = (charges, potential);
        ParallelLoop.For(parallel, structure.Count, potentialBody);
    }

    /// <summary>V_i = k_e Σ_{j≠i} q_j / r_ij.</summary>
    private void PotentialAt(int i)
    {
        var (xs, ys, zs) = (structure.X, structure.Y, structure.Z);
        var charge = loopCharges;
        var n = structure.Count;
        var v = 0.0;
        for (var j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            var dx = xs[j] - xs[i];
            var dy = ys[j] - ys[i];
            var dz = zs[j] - zs[i];
            v += charge[j] / Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }
        loopPotential[i] = LongRangeCoulomb.CoulombConstant * v;
    }

    /// <inheritdoc/>
    public void AddForces(double[] charges, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        (loopCharges, loopFx, loopFy, loopFz) = (charges, fx, fy, fz);
        var n = structure.Count;
        ParallelLoop.For(parallel, n, forceBody);
        for (var i = 0; i < n; i++)
            for (var k = 0; k < 6; k++)
                virial[k] += atomVirial[6 * i + k];
    }

    /// <summary>The force on atom i from all others, added to the loop's force arrays; half of each pair's virial, kept per atom.</summary>
    private void ForceAt(int i)
    {
        var (xs, ys, zs) = (structure.X, structure.Y, structure.Z);
        var charge = loopCharges;
        var n = structure.Count;
        var k_e = LongRangeCoulomb.CoulombConstant;
        double gx = 0, gy = 0, gz = 0;
        double wxx = 0, wyy = 0, wzz = 0, wyz = 0, wxz = 0, wxy = 0;
        for (var j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            var dx = xs[j] - xs[i];
            var dy = ys[j] - ys[i];
            var dz = zs[j] - zs[i];
            var r2 = dx * dx + dy * dy + dz * dz;
            var r = Math.Sqrt(r2);
            // dE/dr = −k_e q_i q_j / r²; force on i is +dE/dr · (r_j − r_i)/r.
            var s = -k_e * charge[i] * charge[j] / (r2 * r);
            gx += s * dx;
            gy += s * dy;
            gz += s * dz;
            wxx += s * dx * dx;
            wyy += s * dy * dy;
            wzz += s * dz * dz;
            wyz += s * dy * dz;
            wxz += s * dx * dz;
            wxy += s * dx * dy;
        }
        loopFx[i] += gx;
        loopFy[i] += gy;
        loopFz[i] += gz;
        // Atom i sees each of its pairs, and so does the other atom: half each.
        var w = atomVirial.AsSpan(6 * i, 6);
        (w[0], w[1], w[2], w[3], w[4], w[5]) = (0.5 * wxx, 0.5 * wyy, 0.5 * wzz, 0.5 * wyz, 0.5 * wxz, 0.5 * wxy);
    }

    /// <inheritdoc/>
    public double[,] Matrix()
    {
        var n = structure.Count;
        var flat = new double[n * n];
        AddMatrix(flat);
        var m = new double[n, n];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    /// <inheritdoc/>
    public void AddMatrix(Span<double> matrix)
    {
        var n = structure.Count;
        var (xs, ys, zs) = (structure.X, structure.Y, structure.Z);
        var k_e = LongRangeCoulomb.CoulombConstant;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dx = xs[j] - xs[i];
                var dy = ys[j] - ys[i];
                var dz = zs[j] - zs[i];
                var m = k_e / Math.Sqrt(dx * dx + dy * dy + dz * dz);
                matrix[i * n + j] += m;
                matrix[j * n + i] += m;
            }
        }
    }
}
