using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// The cache rule of <see cref="ICalculator"/>: results are reused while positions, cell (by value, pbc
/// included) and symbols are unchanged, and computed afresh after any change or a reset. The ensemble
/// engine hands out one <see cref="CalculationResult"/> per computation, so the same instance means no
/// new solve; the spring calculator counts its computations.
/// </summary>
public sealed class CacheRuleTests
{
    private static EnsembleCalculator Engine() => new(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });

    [Fact]
    public void Asking_again_about_the_same_configuration_computes_once()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 2);
        var calculator = Engine();
        var first = calculator.Calculate(s);
        ICalculator view = calculator;
        view.Evaluate(s);
        Assert.Same(first, calculator.Calculate(s));
        Assert.Same(first.Forces, calculator.GetForces(s));
        Assert.Same(first.Stress, calculator.GetStress(s));
        // Masses are not part of the configuration; another structure object with the same content is the same configuration.
        s.Masses[0] *= 2;
        Assert.Same(first, calculator.Calculate(s));
        Assert.Same(first, calculator.Calculate(s.Clone()));
    }

    [Fact]
    public void Moving_an_atom_computes_afresh()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 2);
        var calculator = Engine();
        var first = calculator.Calculate(s);
        s.Z[3] += 1e-9;
        var moved = calculator.Calculate(s);
        Assert.NotSame(first, moved);
        Assert.NotEqual(first.Forces[3], moved.Forces[3]);
    }

    [Fact]
    public void A_changed_cell_or_pbc_computes_afresh_and_an_equal_new_cell_does_not()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 2);
        var calculator = Engine();
        var first = calculator.Calculate(s);
        var cell = s.Cell;

        s.Cell = new Cell(cell.A, cell.B, cell.C, true, true, true);
        Assert.Same(first, calculator.Calculate(s));

        s.Cell = new Cell(cell.A, cell.B, cell.C * 1.001, true, true, true);
        var stretched = calculator.Calculate(s);
        Assert.NotSame(first, stretched);
        Assert.NotEqual(first.Stress![2], stretched.Stress![2]);

        s.Cell = cell;
        var back = calculator.Calculate(s);
        Assert.NotSame(stretched, back);

        s.Cell = new Cell(cell.A, cell.B, cell.C, true, true, false);
        var slab = calculator.Calculate(s);
        Assert.NotSame(back, slab);
        Assert.NotEqual(back.FreeEnergy, slab.FreeEnergy);
    }

    [Fact]
    public void Changed_symbols_at_the_same_positions_compute_afresh()
    {
        // Before the rule was explicit the engine compared only positions and the cell, and gave the
        // Na–Cl result for the swapped pair.
        var s = NaClStructures.Dimer(2.4);
        var calculator = Engine();
        var first = calculator.Calculate(s);
        Assert.True(first.Charges[0] > 0.5);
        (s.Symbols[0], s.Symbols[1]) = (s.Symbols[1], s.Symbols[0]);
        var swapped = calculator.Calculate(s);
        Assert.NotSame(first, swapped);
        Assert.True(swapped.Charges[0] < -0.5);
        Assert.Equal(first.Charges[0], -swapped.Charges[0], 8);
    }

    [Fact]
    public void Reset_computes_afresh()
    {
        var s = NaClStructures.Dimer(2.4);
        var calculator = Engine();
        var first = calculator.Calculate(s);
        calculator.Reset();
        var again = calculator.Calculate(s);
        Assert.NotSame(first, again);
        Assert.Equal(first.FreeEnergy, again.FreeEnergy, 12);
    }

    [Fact]
    public void Another_calculator_under_the_same_rule_computes_once_per_configuration()
    {
        var s = new Structure(["H", "H", "H"], [Vec3.Zero, new Vec3(1.6, 0, 0), new Vec3(0, 1.4, 0)], [1.0, 1.0, 1.0], Cell.None);
        var calculator = new HarmonicPairCalculator(2.0, 1.5);
        ICalculator view = calculator;
        view.Evaluate(s);
        view.Calculate(s);
        view.GetForces(s);
        view.GetPotentialEnergy(s);
        Assert.Equal(1, calculator.Computations);
        s.X[2] += 0.01;
        view.GetForces(s);
        Assert.Equal(2, calculator.Computations);
        s.Symbols[1] = "He";
        view.GetForces(s);
        Assert.Equal(3, calculator.Computations);
        view.Reset();
        view.GetForces(s);
        Assert.Equal(4, calculator.Computations);
    }

    [Fact]
    public void A_snapshot_matches_by_value_and_nothing_after_Clear()
    {
        var s = NaClStructures.RockSalt();
        var snapshot = new StructureSnapshot();
        Assert.False(snapshot.Matches(s));
        snapshot.Take(s);
        Assert.True(snapshot.IsTaken);
        Assert.True(snapshot.Matches(s.Clone()));
        var other = s.Clone();
        other.Y[7] = -other.Y[7] + 1;
        Assert.False(snapshot.Matches(other));
        other = s.Clone();
        other.Cell = other.Cell.Strained([0, 0, 0, 0, 0, 1e-12]);
        Assert.False(snapshot.Matches(other));
        Assert.False(snapshot.Matches(NaClStructures.RockSalt(repeat: 2)));
        snapshot.Clear();
        Assert.False(snapshot.Matches(s));
    }
}
