using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// What an integrator advances: the structure (positions in place), its velocities, and the forces of the
/// current positions as separate arrays, so a step touches contiguous memory and allocates nothing itself.
/// </summary>
internal sealed class MdSystem
{
    // Fixed atoms (ASE's FixAtoms) get inverse mass 0, so no kick or thermostat moves them, and velocity 0.
    public MdSystem(Structure structure, ICalculator calculator, Velocities velocities, IReadOnlyList<int>? fixedAtoms = null)
    {
        if (velocities.Count != structure.Count)
            throw new ArgumentException($"{velocities.Count} velocities for {structure.Count} atoms", nameof(velocities));
        Velocities.CheckMasses(structure.Masses);
        Structure = structure;
        Calculator = calculator;
        Velocities = velocities;
        var n = structure.Count;
        (Fx, Fy, Fz) = (new double[n], new double[n], new double[n]);
        // 1/(m·conversion): force (eV/Å) times this is acceleration (Å/fs²).
        InverseMass = new double[n];
        for (var i = 0; i < n; i++)
            InverseMass[i] = 1 / (structure.Masses[i] * MdUnits.AmuAngstrom2PerFs2);
        foreach (var i in fixedAtoms ?? [])
        {
            if ((uint)i >= (uint)n)
                throw new ArgumentException($"fixed atom index {i} is outside 0..{n - 1}", nameof(fixedAtoms));
            InverseMass[i] = 0;
            velocities.Set(i, Vec3.Zero);
        }

        Evaluate();
    }

    public Structure Structure { get; }

    public ICalculator Calculator { get; }

    public Velocities Velocities { get; }

    public double[] Fx { get; }

    public double[] Fy { get; }

    public double[] Fz { get; }

    /// <summary>1/(m·conversion) per atom; 0 for a fixed atom.</summary>
    public double[] InverseMass { get; }

    /// <summary>The calculation at the current positions as a public result (a copy, made once per positions).</summary>
    public CalculatedProperties Result => Calculator.Calculate(Structure);

    /// <summary>The calculator's evaluation of the current positions (its own buffers, refilled by every evaluation).</summary>
    public IEvaluation Evaluation { get; private set; } = null!;

    /// <summary>Free energy A at the current positions (eV).</summary>
    public double FreeEnergy { get; private set; }

    /// <summary>Charges at the current positions (e); empty when the calculator gives none.</summary>
    public ReadOnlySpan<double> Charges => Evaluation.Charges;

    /// <summary>Kinetic energy the thermostat has put into the system since the run began (eV; 0 for NVE).</summary>
    public double ThermostatEnergy { get; set; }

    /// <summary>Solver iterations of the last evaluation.</summary>
    public int Iterations { get; private set; }

    public int Count => Structure.Count;

    /// <summary>Recomputes forces for the current positions, into the calculator's buffers and these arrays (no allocation).</summary>
    public void Evaluate()
    {
        var e = Calculator.Evaluate(Structure);
        e.Fx.CopyTo(Fx);
        e.Fy.CopyTo(Fy);
        e.Fz.CopyTo(Fz);
        FreeEnergy = e.FreeEnergy;
        Iterations = e.SolverIterations;
        Evaluation = e;
    }

    /// <summary>v += h·F/m.</summary>
    public void Kick(double h)
    {
        var (vx, vy, vz) = (Velocities.X, Velocities.Y, Velocities.Z);
        for (var i = 0; i < vx.Length; i++)
        {
            var s = h * InverseMass[i];
            vx[i] += s * Fx[i];
            vy[i] += s * Fy[i];
            vz[i] += s * Fz[i];
        }
    }

    /// <summary>x += h·v.</summary>
    public void Drift(double h)
    {
        var (vx, vy, vz) = (Velocities.X, Velocities.Y, Velocities.Z);
        var (x, y, z) = (Structure.X, Structure.Y, Structure.Z);
        for (var i = 0; i < vx.Length; i++)
        {
            x[i] += h * vx[i];
            y[i] += h * vy[i];
            z[i] += h * vz[i];
        }
    }
}
