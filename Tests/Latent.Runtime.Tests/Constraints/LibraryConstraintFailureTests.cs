using Latent.Symbolic.Components;
using Latent.Symbolic.Constraints;
using Xunit;

namespace Latent.Runtime.Tests.Constraints;

/// <summary>
/// Every library constraint passes on the potential it is shown on, and FAILS, with a message that
/// names the numbers, on a deliberately broken copy of it (<see cref="BrokenCopies"/> says what each
/// copy breaks). One row per library constraint; a constraint added to the library without a row
/// fails <see cref="Every_library_constraint_has_a_broken_case"/>.
/// </summary>
public sealed class LibraryConstraintFailureTests(BrokenCopies potentials) : IClassFixture<BrokenCopies>
{
    /// <summary>
    /// One library constraint's failing case: the broken potential, the instance that must fail, the
    /// text its message must contain, how many instances of the constraint fail in all, and the
    /// unbroken potential on which the same constraint passes.
    /// </summary>
    public sealed record BrokenCase(string Constraint, string Potential, string Instance, string[] Message, int Failing, string Original = BrokenCopies.NaCl);

    private static readonly BrokenCase[] Table =
    [
        // Five states hold electrons; each holds π times too many.
        new("normalisation", BrokenCopies.Unnormalised, "Cl anion", ["Cl anion: ∫ 4*pi*r^2*n dr over [0, inf] = 25.132741, expected N = 8"], 5),
        // The anion, 2 eV lower, is bound by its own I = E(neutral) − E(anion) = EA + 2 eV; its exponent is 1.5·ζ(EA).
        new("asymptotic_decay", BrokenCopies.StateErrors, "Cl anion", ["Cl anion: lim r→inf dn/n = -2.9212972, expected -2*sqrt(2*I/Ha)/a0 = -2.4274732"], 1),
        new("decay_exponent", BrokenCopies.StateErrors, "Cl anion",
            ["Cl anion: zeta = 1.4606486 is not slater_exponent(I) = 1.2137366, so asymptotic_decay does not hold by construction; asymptotic_decay fails"], 1),
        // Most negative at r = 3/ζ, with ζ = slater_exponent(ip2_Cl) = 2.5000636 for Cl⁺: n = 6ζ³/π·(−0.5)·e^{−6}.
        new("positivity", BrokenCopies.NegativeDensity, "Cl cation", ["Cl cation: n >= 0 fails at r = 1.1999695: n = -0.036987729"], 5),
        // n′(0) = −2ζ·n(0) with ζ = 1.2/a0, against −2/a0·n(0); n(0) = ζ³/π.
        new("cusp", BrokenCopies.HydrogenWrongExponent, "H neutral", ["H neutral: at r = 0 (0): dn = -16.834514 (expected -14.028761)"], 1, BrokenCopies.Hydrogen),
        new("coulomb_tail", BrokenCopies.PairErrors, "Na-Cl cation:anion", ["Na-Cl cation:anion: lim r→inf r*C = ", "expected ke*qa*qb = -14.399645"], 1),
        // The difference ke·e^{−r}/r is largest at the range's start, r = 0.5; anion:cation fails the same way.
        new("symmetry", BrokenCopies.PairErrors, "Na-Na cation:anion",
            ["Na-Na cation:anion: C = Cswap on [0.5, 2*cutoff]: largest difference 17.467653 at r = 0.5 (-11.331638 vs -28.799291)"], 2),
        // φ(12) is infinite: the switched term has no finite limit at the cutoff.
        new("smooth_cutoff", BrokenCopies.DivergentTaper, "Cl-Cl", ["Cl-Cl: k switches at r = 12; the largest step is in k at r = 12: inf"], 1),
        // 1/8 less the Born–Mayer term at 8 Å, which the select drops too.
        new("continuity", BrokenCopies.PairErrors, "Na-Cl", ["Na-Cl: k switches at r = 8, 10, 12; the largest step is in k at r = 8: 0.12499999"], 1),
        new("pplb", BrokenCopies.StateErrors, "Cl",
            ["Cl: E(q) at θ = 0.001 eV over q = 0.25, 0.5, 0.75, -0.25, -0.5, -0.75: largest deviation from the PPLB line 1.5 eV at q = -0.75"], 1),
        new("dissociation", BrokenCopies.StateErrors, "Na-Cl", ["Na-Cl: at r = 30 Å: max |q| = 1 e"], 1),
        new("charge_conservation", BrokenCopies.LeakySolver, "NaCl", ["NaCl: 9 solves on 6-atom random clusters: largest |Σq − Q| = 0.01 e"], 1),
        new("dimer_continuity", BrokenCopies.WeakSolver, "Na-Cl", ["Na-Cl: "], 1),
        // The crystal declared with 120 GPa while F was built for 140: the curves part away from a₀.
        new("rose", BrokenCopies.SoftCu, "Cu",
            ["Cu: fcc crystal at 25 lattice constants in [3.43425, 3.9765] Å against rose(a, alat, Ec, sqrt(Ec/(9*B*Omega))): largest |E − formula| = 0.037860802 eV/atom at a = 3.9765 Å"],
            1, BrokenCopies.Cu),
    ];

    public static TheoryData<string> Constraints => new(Table.Select(c => c.Constraint));

    public static TheoryData<string> Failing => new(Table.Select(c => c.Constraint));

    private static BrokenCase Case(string constraint) => Table.Single(c => c.Constraint == constraint);

    [Fact]
    public void Every_library_constraint_has_a_broken_case()
    {
        Assert.Equal(ConstraintLibrary.names().OrderBy(n => n, StringComparer.Ordinal), Table.Select(c => c.Constraint).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Constraints))]
    public void The_unbroken_potential_passes(string constraint)
    {
        var c = Case(constraint);
        var results = potentials.Results(c.Original).Where(r => r.Name == constraint).ToArray();
        Assert.All(results, r => Assert.True(r.Outcome != Outcome.Failed, r.Message));
        Assert.Equal(Outcome.Passed, results.Single(r => r.Instance == c.Instance).Outcome);
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void The_broken_copy_fails_it_and_says_why(string constraint)
    {
        var c = Case(constraint);
        var results = potentials.Results(c.Potential).Where(r => r.Name == constraint).ToArray();
        var failed = results.Single(r => r.Instance == c.Instance);
        Assert.Equal(Outcome.Failed, failed.Outcome);
        Assert.True(failed.Residual > failed.Tolerance, $"residual {failed.Residual}, tolerance {failed.Tolerance}");
        foreach (var part in c.Message)
            Assert.Contains(part, failed.Message);
        Assert.Equal(c.Failing, results.Count(r => r.Outcome == Outcome.Failed));
    }
}
