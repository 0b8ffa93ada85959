using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// Atomic velocities (Å/fs) as structure of arrays, beside a <see cref="Structure"/>'s positions.
/// Integrators change the arrays in place.
/// </summary>
public sealed class Velocities
{
    /// <summary>Velocities of <paramref name="count"/> atoms at rest.</summary>
    public Velocities(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        X = new double[count];
        Y = new double[count];
        Z = new double[count];
    }

    /// <summary>Velocities from vectors (Å/fs).</summary>
    public Velocities(IReadOnlyList<Vec3> velocities)
        : this(velocities.Count)
    {
        for (var i = 0; i < velocities.Count; i++)
            Set(i, velocities[i]);
    }

    /// <summary>Number of atoms.</summary>
    public int Count => X.Length;

    /// <summary>x components (Å/fs).</summary>
    public double[] X { get; }

    /// <summary>y components (Å/fs).</summary>
    public double[] Y { get; }

    /// <summary>z components (Å/fs).</summary>
    public double[] Z { get; }

    /// <summary>Velocity of atom i.</summary>
    public Vec3 this[int i] => new(X[i], Y[i], Z[i]);

    /// <summary>Sets the velocity of atom i.</summary>
    public void Set(int i, Vec3 v) => (X[i], Y[i], Z[i]) = (v.X, v.Y, v.Z);

    /// <summary>A deep copy.</summary>
    public Velocities Clone()
    {
        var copy = new Velocities(Count);
        X.CopyTo(copy.X, 0);
        Y.CopyTo(copy.Y, 0);
        Z.CopyTo(copy.Z, 0);
        return copy;
    }

    /// <summary>
    /// Velocities drawn from the Maxwell–Boltzmann distribution at <paramref name="temperatureK"/> for the
    /// structure's masses, with the centre-of-mass momentum removed and then scaled so that the temperature
    /// over 3N − 3 degrees of freedom is exactly the target. The same seed gives the same velocities.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite temperature.</exception>
    /// <exception cref="ArgumentException">A mass that is not positive.</exception>
    public static Velocities MaxwellBoltzmann(Structure structure, double temperatureK, long seed)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (!(temperatureK >= 0) || double.IsPositiveInfinity(temperatureK))
            throw new ArgumentOutOfRangeException(nameof(temperatureK), temperatureK, "the temperature must be finite and not negative (K)");
        CheckMasses(structure.Masses);
        var n = structure.Count;
        var v = new Velocities(n);
        var dof = DriftFreeDegreesOfFreedom(n);
        if (temperatureK == 0 || dof == 0)
            return v;

        var random = new RandomStream(seed);
        var kT = MdUnits.Boltzmann * temperatureK;
        for (var i = 0; i < n; i++)
        {
            var sigma = Math.Sqrt(kT / (structure.Masses[i] * MdUnits.AmuAngstrom2PerFs2));
            v.X[i] = sigma * random.NextGaussian();
            v.Y[i] = sigma * random.NextGaussian();
            v.Z[i] = sigma * random.NextGaussian();
        }

        v.RemoveDrift(structure.Masses);
        var scale = Math.Sqrt(temperatureK / MdUnits.Temperature(v.KineticEnergy(structure.Masses), dof));
        for (var i = 0; i < n; i++)
        {
            v.X[i] *= scale;
            v.Y[i] *= scale;
            v.Z[i] *= scale;
        }

        return v;
    }

    /// <summary>
    /// Stops <paramref name="fixedAtoms"/> and scales the others so the temperature over their 3 degrees of
    /// freedom each is <paramref name="temperatureK"/>: a Maxwell–Boltzmann start for a run with atoms held in place.
    /// </summary>
    public void HoldAtRest(IReadOnlyList<int> fixedAtoms, IReadOnlyList<double> masses, double temperatureK)
    {
        ArgumentNullException.ThrowIfNull(fixedAtoms);
        foreach (var i in fixedAtoms)
            Set(i, Vec3.Zero);
        var dof = 3 * (Count - fixedAtoms.Distinct().Count());
        var kinetic = KineticEnergy(masses);
        if (dof == 0 || kinetic == 0)
            return;
        var scale = Math.Sqrt(temperatureK / MdUnits.Temperature(kinetic, dof));
        for (var i = 0; i < Count; i++)
        {
            X[i] *= scale;
            Y[i] *= scale;
            Z[i] *= scale;
        }
    }

    /// <summary>Kinetic energy ½ Σ m v² (eV) for masses in amu.</summary>
    public double KineticEnergy(IReadOnlyList<double> masses)
    {
        CheckCount(masses.Count);
        var sum = 0.0;
        for (var i = 0; i < Count; i++)
            sum += masses[i] * (X[i] * X[i] + Y[i] * Y[i] + Z[i] * Z[i]);
        return 0.5 * sum * MdUnits.AmuAngstrom2PerFs2;
    }

    /// <summary>Temperature (K) over the given degrees of freedom (3N − 3 for drift-free NVE, 3N under a Langevin thermostat).</summary>
    public double Temperature(IReadOnlyList<double> masses, int degreesOfFreedom) =>
        MdUnits.Temperature(KineticEnergy(masses), degreesOfFreedom);

    /// <summary>Total momentum Σ m v (amu·Å/fs).</summary>
    public Vec3 Momentum(IReadOnlyList<double> masses)
    {
        CheckCount(masses.Count);
        double px = 0, py = 0, pz = 0;
        for (var i = 0; i < Count; i++)
        {
            px += masses[i] * X[i];
            py += masses[i] * Y[i];
            pz += masses[i] * Z[i];
        }

        return new Vec3(px, py, pz);
    }

    /// <summary>Removes the centre-of-mass velocity, so the total momentum is zero.</summary>
    public void RemoveDrift(IReadOnlyList<double> masses)
    {
        var p = Momentum(masses);
        var total = 0.0;
        for (var i = 0; i < Count; i++)
            total += masses[i];
        if (total <= 0)
            return;
        var (cx, cy, cz) = (p.X / total, p.Y / total, p.Z / total);
        for (var i = 0; i < Count; i++)
        {
            X[i] -= cx;
            Y[i] -= cy;
            Z[i] -= cz;
        }
    }

    /// <summary>3N − 3 (zero for fewer than two atoms): the degrees of freedom left once the centre of mass is at rest.</summary>
    public static int DriftFreeDegreesOfFreedom(int atomCount) => atomCount > 1 ? 3 * atomCount - 3 : 0;

    internal static void CheckMasses(IReadOnlyList<double> masses)
    {
        for (var i = 0; i < masses.Count; i++)
        {
            if (!(masses[i] > 0) || double.IsPositiveInfinity(masses[i]))
                throw new ArgumentException($"atom index {i}: mass {masses[i]} amu must be positive and finite for dynamics", nameof(masses));
        }
    }

    private void CheckCount(int count)
    {
        if (count != Count)
            throw new ArgumentException($"{Count} velocities need {Count} masses (got {count})");
    }
}
