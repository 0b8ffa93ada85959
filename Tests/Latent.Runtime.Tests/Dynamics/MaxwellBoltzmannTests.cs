using Latent.Runtime.Dynamics;
using Xunit;

namespace Latent.Runtime.Tests.Dynamics;

public sealed class MaxwellBoltzmannTests
{
    [Fact]
    public void Velocities_have_the_exact_temperature_and_no_drift()
    {
        var structure = NaClSystems.RockSalt(5.64);
        var v = Velocities.MaxwellBoltzmann(structure, 300, seed: 5);
        var dof = Velocities.DriftFreeDegreesOfFreedom(structure.Count);
        Assert.Equal(21, dof);
        Assert.Equal(300, v.Temperature(structure.Masses, dof), 9);
        Assert.True(v.Momentum(structure.Masses).Length < 1e-12);
        // Kinetic energy ½ f k_B T by definition of the temperature.
        Assert.Equal(0.5 * dof * MdUnits.Boltzmann * 300, v.KineticEnergy(structure.Masses), 12);
    }

    [Fact]
    public void Same_seed_same_velocities_other_seed_others()
    {
        var structure = NaClSystems.RockSalt(5.64);
        var a = Velocities.MaxwellBoltzmann(structure, 500, seed: 9);
        var b = Velocities.MaxwellBoltzmann(structure, 500, seed: 9);
        var c = Velocities.MaxwellBoltzmann(structure, 500, seed: 10);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Y, b.Y);
        Assert.Equal(a.Z, b.Z);
        Assert.NotEqual(a.X, c.X);
    }

    [Fact]
    public void Heavier_atoms_move_slower_on_average()
    {
        // Equipartition per species over many draws: ⟨m v²⟩ is the same for Na and Cl, so ⟨v²⟩ scales as 1/m.
        var structure = NaClSystems.RockSalt(5.64);
        double na = 0, cl = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var v = Velocities.MaxwellBoltzmann(structure, 300, seed);
            for (var i = 0; i < 8; i++)
            {
                var v2 = v[i].X * v[i].X + v[i].Y * v[i].Y + v[i].Z * v[i].Z;
                if (i < 4)
                    na += NaClSystems.NaMass * v2;
                else
                    cl += NaClSystems.ClMass * v2;
            }
        }

        // 400 × 12 components per species: the ratio's relative standard error is about √(2/4800)·√2 ≈ 3 %.
        Assert.InRange(na / cl, 0.88, 1.12);
    }

    [Fact]
    public void Zero_temperature_gives_rest()
    {
        var v = Velocities.MaxwellBoltzmann(NaClSystems.RockSalt(5.64), 0, seed: 1);
        Assert.All(v.X.Concat(v.Y).Concat(v.Z), x => Assert.Equal(0, x));
    }
}
