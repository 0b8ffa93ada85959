using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// Structure relaxation by FIRE (fast inertial relaxation engine), step for step as ASE's <c>FIRE</c>
/// optimiser, optionally with the cell as ASE's <c>UnitCellFilter</c>.
/// </summary>
public static class Fire
{
    /// <summary>
    /// Relaxes the structure in place until every free atom's force (and, with
    /// <see cref="RelaxOptions.RelaxCell"/>, every row of the cell's generalised force −V·(σ + p·I)/cell
    /// factor) is below <see cref="RelaxOptions.Fmax"/>, or <see cref="RelaxOptions.MaxSteps"/> steps are taken.
    /// </summary>
    /// <param name="structure">Relaxed in place (positions, and the cell when it is relaxed).</param>
    /// <param name="calculator">Gives free energy, forces and stress; warm-started from step to step by the ensemble engine.</param>
    /// <param name="options">Criterion, step limit, cell relaxation, fixed atoms, FIRE parameters, observers.</param>
    /// <exception cref="ArgumentException">Cell relaxation of a structure that is not periodic in all three directions, or a fixed-atom index out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A criterion that is not positive, or a negative step limit.</exception>
    /// <exception cref="PropertyNotAvailableException">Cell relaxation with a calculator that gives no stress.</exception>
    public static RelaxResult Relax(Structure structure, ICalculator calculator, RelaxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(calculator);
        options ??= new RelaxOptions();
        if (!(options.Fmax > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.Fmax, "Fmax must be positive (eV/Å)");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxSteps, nameof(options));
        var n = structure.Count;
        if (n == 0)
            throw new ArgumentException("a relaxation needs at least one atom", nameof(structure));
        var cellDof = options.RelaxCell;
        var periodic = structure.Cell.Periodic;
        if (cellDof && !(periodic[0] && periodic[1] && periodic[2]))
            throw new ArgumentException("relaxing the cell needs a structure periodic in all three directions", nameof(options));
        var cellFactor = options.CellFactor ?? Math.Max(n, 1);
        if (!(cellFactor > 0))
            throw new ArgumentOutOfRangeException(nameof(options), cellFactor, "the cell factor must be positive");
        var isFixed = new bool[n];
        foreach (var i in options.FixedAtoms ?? [])
        {
            if ((uint)i >= (uint)n)
                throw new ArgumentException($"fixed atom index {i} is outside 0..{n - 1}", nameof(options));
            isFixed[i] = true;
        }

        var p = options.Fire;
        // Configuration vector: atoms (Cartesian, or reference-cell coordinates u = F⁻¹r when the cell
        // moves), then cell factor × deformation gradient F (row-major) as in UnitCellFilter.
        var dim = 3 * n + (cellDof ? 9 : 0);
        var x = new double[dim];
        var v = new double[dim];
        var g = new double[dim];
        // The configuration before the last move, to go back to when the move leads somewhere unusable.
        var previous = new double[dim];
        var previousRecord = default(RelaxStep);
        for (var i = 0; i < n; i++)
            (x[3 * i], x[3 * i + 1], x[3 * i + 2]) = (structure.X[i], structure.Y[i], structure.Z[i]);
        var reference = structure.Cell;
        double[] deformation = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        if (cellDof)
        {
            for (var k = 0; k < 9; k++)
                x[3 * n + k] = cellFactor * deformation[k];
        }

        var observers = new ObserverSet<RelaxStep>(options.Observers, new DynamicsState(structure, calculator, velocities: null));
        var dt = p.Dt;
        var alpha = p.AlphaStart;
        var downhill = 0;
        var first = true;

        // Back to the last configuration that passed, shown to the observers as the last.
        RelaxResult Back(DynamicsStop stop, int step)
        {
            Array.Copy(previous, x, dim);
            Apply(structure, x, deformation, cellDof ? reference : null, cellFactor);
            calculator.Reset();
            observers.NotifyNowLast(step - 1, previousRecord, calculator.Evaluate(structure));
            return new RelaxResult(false, false, step - 1, previousRecord, calculator.Calculate(structure), stop);
        }

        for (var step = 0; ; step++)
        {
            // The calculator's own buffers: a step allocates no result; the public copy is made at the end.
            // A refusal at the start has no good state to go back to: it is the caller's error, thrown as it comes.
            IEvaluation evaluation;
            if (step == 0)
                evaluation = calculator.Evaluate(structure);
            else if (CalculatorRefusal.Evaluate(calculator, structure, step, out var evaluated) is { } refused)
                return Back(refused, step);
            else
                evaluation = evaluated!;
            var fx = evaluation.Fx;
            var fy = evaluation.Fy;
            var fz = evaluation.Fz;
            var fmax2 = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (isFixed[i])
                {
                    g[3 * i] = g[3 * i + 1] = g[3 * i + 2] = 0;
                    continue;
                }

                var f = new Vec3(fx[i], fy[i], fz[i]);
                fmax2 = Math.Max(fmax2, Vec3.Dot(f, f));
                // Force conjugate to u = F⁻¹r is Fᵀf.
                var d = deformation;
                g[3 * i] = d[0] * f.X + d[3] * f.Y + d[6] * f.Z;
                g[3 * i + 1] = d[1] * f.X + d[4] * f.Y + d[7] * f.Z;
                g[3 * i + 2] = d[2] * f.X + d[5] * f.Y + d[8] * f.Z;
            }

            var cellFmax2 = 0.0;
            var volume = Math.Abs(structure.Cell.Volume);
            if (cellDof)
            {
                var s = evaluation.Stress;
                if (s.Length != 6)
                    throw new PropertyNotAvailableException(CalculatorProperties.Stress, "relaxing the cell needs the stress, which the calculator did not give");
                // −V·(σ + p·I)/factor as a full symmetric matrix from Voigt xx yy zz yz xz xy.
                var c = -volume / cellFactor;
                var o = 3 * n;
                (g[o], g[o + 1], g[o + 2]) = (c * (s[0] + options.Pressure), c * s[5], c * s[4]);
                (g[o + 3], g[o + 4], g[o + 5]) = (c * s[5], c * (s[1] + options.Pressure), c * s[3]);
                (g[o + 6], g[o + 7], g[o + 8]) = (c * s[4], c * s[3], c * (s[2] + options.Pressure));
                for (var r = 0; r < 3; r++)
                    cellFmax2 = Math.Max(cellFmax2, g[o + 3 * r] * g[o + 3 * r] + g[o + 3 * r + 1] * g[o + 3 * r + 1] + g[o + 3 * r + 2] * g[o + 3 * r + 2]);
            }

            var record = new RelaxStep(step, evaluation.FreeEnergy, Math.Sqrt(fmax2), Math.Sqrt(cellFmax2), volume);
            if (Check(structure, evaluation, options.Contacts, step) is { } stop)
            {
                if (step == 0)
                    return new RelaxResult(false, false, 0, record, calculator.Calculate(structure), stop);
                return Back(stop, step);
            }

            var converged = record.Fmax < options.Fmax && record.CellFmax < options.Fmax;
            var cancelled = !converged && options.Cancellation.IsCancellationRequested;
            var last = converged || cancelled || step >= options.MaxSteps;
            // The observers see the structure in the state evaluated, before the step it leads to.
            observers.Notify(step, last, record, evaluation);
            if (last)
                return new RelaxResult(converged, cancelled, step, record, calculator.Calculate(structure));

            // FIRE as in ASE: mix v towards F while the power F·v is positive, else stop and cut dt.
            if (!first)
            {
                double vf = 0, ff = 0, vv = 0;
                for (var k = 0; k < dim; k++)
                {
                    vf += v[k] * g[k];
                    ff += g[k] * g[k];
                    vv += v[k] * v[k];
                }

                if (vf > 0)
                {
                    var mix = ff > 0 ? alpha * Math.Sqrt(vv / ff) : 0;
                    for (var k = 0; k < dim; k++)
                        v[k] = (1 - alpha) * v[k] + mix * g[k];
                    if (downhill > p.NMin)
                    {
                        dt = Math.Min(dt * p.FInc, p.DtMax);
                        alpha *= p.FAlpha;
                    }

                    downhill++;
                }
                else
                {
                    Array.Clear(v);
                    alpha = p.AlphaStart;
                    dt *= p.FDec;
                    downhill = 0;
                }
            }

            first = false;
            Array.Copy(x, previous, dim);
            previousRecord = record;
            var norm2 = 0.0;
            for (var k = 0; k < dim; k++)
            {
                v[k] += dt * g[k];
                norm2 += dt * v[k] * (dt * v[k]);
            }

            var scale = Math.Sqrt(norm2) > p.MaxStep ? p.MaxStep / Math.Sqrt(norm2) : 1.0;
            for (var k = 0; k < dim; k++)
                x[k] += scale * dt * v[k];

            Apply(structure, x, deformation, cellDof ? reference : null, cellFactor);
        }
    }

    /// <summary>Finite energy and forces, and no contact closer than allowed; a reason to stop otherwise.</summary>
    private static DynamicsStop? Check(Structure structure, IEvaluation evaluation, ContactLimits? contacts, int step)
    {
        var fx = evaluation.Fx;
        var fy = evaluation.Fy;
        var fz = evaluation.Fz;
        var sum = evaluation.FreeEnergy;
        for (var i = 0; i < fx.Length; i++)
            sum += fx[i] + fy[i] + fz[i];
        if (!double.IsFinite(sum) && StepChecks.NonFinite(structure, fx, fy, fz, null, evaluation.FreeEnergy, step) is { } stop)
            return stop;
        return StepChecks.Contact(contacts, structure, step);
    }

    /// <summary>Puts the configuration vector into the structure: r = F·u and cell rows a = F·a₀.</summary>
    private static void Apply(Structure structure, double[] x, double[] deformation, Cell? reference, double cellFactor)
    {
        var n = structure.Count;
        if (reference is null)
        {
            for (var i = 0; i < n; i++)
                (structure.X[i], structure.Y[i], structure.Z[i]) = (x[3 * i], x[3 * i + 1], x[3 * i + 2]);
            return;
        }

        for (var k = 0; k < 9; k++)
            deformation[k] = x[3 * n + k] / cellFactor;
        var d = deformation;
        for (var i = 0; i < n; i++)
        {
            var (u, w, z) = (x[3 * i], x[3 * i + 1], x[3 * i + 2]);
            structure.X[i] = d[0] * u + d[1] * w + d[2] * z;
            structure.Y[i] = d[3] * u + d[4] * w + d[5] * z;
            structure.Z[i] = d[6] * u + d[7] * w + d[8] * z;
        }

        Vec3 Deform(Vec3 a) => new(d[0] * a.X + d[1] * a.Y + d[2] * a.Z, d[3] * a.X + d[4] * a.Y + d[5] * a.Z, d[6] * a.X + d[7] * a.Y + d[8] * a.Z);
        var periodic = reference.Periodic;
        // A new Cell per step: cells are immutable, and the calculator and neighbour lists notice a new one.
        structure.Cell = new Cell(Deform(reference.A), Deform(reference.B), Deform(reference.C), periodic[0], periodic[1], periodic[2]);
    }
}
