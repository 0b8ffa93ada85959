namespace Latent.Runtime.Dynamics;

/// <summary>
/// Langevin dynamics (NVT) by the BAOAB splitting of Leimkuhler and Matthews (Appl. Math. Res. Express
/// 2013, 34): half kick, half drift, exact Ornstein–Uhlenbeck velocity update v → c·v + √((1 − c²)k_BT/m)·ξ
/// with c = exp(−γ·dt), half drift, new forces, half kick. Its configurational sampling is accurate to
/// second order in dt. The noise acts on all 3N velocity components, so the temperature is measured over
/// 3N degrees of freedom and the centre of mass diffuses, as it does physically under a bath.
/// </summary>
/// <remarks>
/// The random stream is seeded: two integrators with the same seed, started from the same state, give
/// bit-identical trajectories. An integrator used for a second run continues its stream.
/// </remarks>
public sealed class Langevin : Integrator
{
    private readonly RandomStream random;

    /// <summary>A thermostat at <paramref name="temperatureK"/> with friction <paramref name="friction"/> (1/fs) and a seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite temperature or friction.</exception>
    public Langevin(double temperatureK, double friction, long seed)
    {
        if (!(temperatureK >= 0) || double.IsPositiveInfinity(temperatureK))
            throw new ArgumentOutOfRangeException(nameof(temperatureK), temperatureK, "the temperature must be finite and not negative (K)");
        if (!(friction >= 0) || double.IsPositiveInfinity(friction))
            throw new ArgumentOutOfRangeException(nameof(friction), friction, "the friction must be finite and not negative (1/fs)");
        TemperatureK = temperatureK;
        Friction = friction;
        Seed = seed;
        random = new RandomStream(seed);
    }

    /// <summary>Bath temperature (K).</summary>
    public double TemperatureK { get; }

    /// <summary>Friction γ (1/fs); 1/γ is the velocity relaxation time. 0.01/fs is a gentle default for solids.</summary>
    public double Friction { get; }

    /// <summary>Seed of the random stream.</summary>
    public long Seed { get; }

    /// <summary>The state of the random stream: read it to save a run, set it to continue one exactly (<see cref="RandomStreamState"/>).</summary>
    public RandomStreamState StreamState
    {
        get => random.State;
        set => random.State = value;
    }

    /// <inheritdoc/>
    public override string Name => "langevin";

    /// <inheritdoc/>
    public override int DegreesOfFreedom(int atomCount) => 3 * atomCount;

    internal override void Step(MdSystem system, double dt)
    {
        system.Kick(0.5 * dt);
        system.Drift(0.5 * dt);

        var c = Math.Exp(-Friction * dt);
        var noise = Math.Sqrt((1 - c * c) * MdUnits.Boltzmann * TemperatureK);
        var v = system.Velocities;
        var inverseMass = system.InverseMass;
        // The kinetic energy the bath adds here, so that A + kinetic − its running sum is the quantity a
        // watchdog can hold BAOAB to (it moves only by the splitting error, as NVE's A + kinetic does).
        var added = 0.0;
        for (var i = 0; i < v.Count; i++)
        {
            // A fixed atom (inverse mass 0) takes neither friction nor noise, and draws no numbers: the
            // stream stays that of the free atoms.
            if (inverseMass[i] == 0)
                continue;
            // √(k_BT/m) in Å/fs: InverseMass already holds 1/(m·conversion).
            var sigma = noise * Math.Sqrt(inverseMass[i]);
            var before = v.X[i] * v.X[i] + v.Y[i] * v.Y[i] + v.Z[i] * v.Z[i];
            v.X[i] = c * v.X[i] + sigma * random.NextGaussian();
            v.Y[i] = c * v.Y[i] + sigma * random.NextGaussian();
            v.Z[i] = c * v.Z[i] + sigma * random.NextGaussian();
            added += (v.X[i] * v.X[i] + v.Y[i] * v.Y[i] + v.Z[i] * v.Z[i] - before) / inverseMass[i];
        }

        system.ThermostatEnergy += 0.5 * added;

        system.Drift(0.5 * dt);
        system.Evaluate();
        system.Kick(0.5 * dt);
    }
}
