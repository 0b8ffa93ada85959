using System.Text;
using Latent.Cli.Output;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>
/// The generated part of docs/validation.md: per potential its table against experiment and what the table shows
/// (goals met, why a like-atom dimer does not bind, what a missed goal lacks), then the dissociation, the isolated
/// atoms' E(q), the crystals, and the sources cited. Every number comes from the results; the prose around the
/// markers is the page's own.
/// </summary>
internal static class ValidationPage
{
    /// <summary>The section's text, lines ending in <paramref name="newline"/>, plots linked under <paramref name="plots"/>
    /// (a path relative to the page, with forward slashes).</summary>
    public static string Section(IReadOnlyList<PotentialResults> potentials, ExperimentalData experiment, string plots, string newline)
    {
        var page = new StringBuilder();
        void Line(string text = "") => page.Append(text).Append(newline);
        string Link(string name) => plots.Length == 0 ? name : $"{plots.TrimEnd('/')}/{name}";

        Line("_Written by `latent validate` from the shipped potentials and the measured values in "
            + "`Runtime/Latent.Cli/Validate/experiment.toml`; the command rewrites everything between the markers._");
        Line();
        foreach (var p in potentials)
            Potential(page, p, newline);

        foreach (var curves in ValidationTables.DissociationGroups(potentials))
        {
            var (a, b) = (curves[0].A, curves[0].B);
            Line($"## {a}–{b} pulled apart");
            Line();
            Line($"Each distance from {Numbers.Short(DissociationCurve.Shortest)} to {Numbers.Short(DissociationCurve.Longest)} Å in steps of "
                + $"{Numbers.Short(DissociationCurve.Step)} Å solved afresh, as `latent dimer` solves it; the energy is measured from {a} and {b} alone, "
                + "each in its ground state. R_c is where the ion pair's Coulomb energy pays for making the ions, k_e/R_c = IP − EA.");
            Line();
            Line($"![{a}–{b} pulled apart: energy and charge against distance]({Link(ValidationPlots.DissociationName(a, b))})");
            Line();
            ValidationTables.Dissociation(curves).WriteMarkdown(page, newline);
            foreach (var c in curves)
            {
                var far = DissociationCurve.ChargeDistances.Select(c.ChargeAt).ToArray();
                Line(far.All(q => Math.Abs(q) < 0.5 * Math.Pow(10, -ValidationTables.ChargeDecimals))
                    ? $"- {c.Potential}: neutral atoms beyond the crossing, as the exact ground state has them."
                    : $"- {c.Potential}: a fraction of an electron stays on each atom out to {Numbers.Short(DissociationCurve.Longest)} Å, where the exact ground state has neutral atoms.");
            }

            Line();
        }

        var charged = ValidationPlots.ChargeGroups(potentials);
        if (charged.Count > 0)
        {
            Line("## Isolated atoms: E(q) against the exact line");
            Line();
            Line($"Each atom alone, its total charge held at q from −1 to +1 in steps of {Numbers.Short(1.0 / ChargedAtomCurve.PointsPerCharge)} e, "
                + $"at θ = {Numbers.Short(ChargedAtomCurve.LowTemperature)} eV; E is the internal energy (without the weights' entropy), "
                + "measured from the neutral atom. The exact E(q) is straight between the integers (Perdew, Parr, Levy and Balduz 1982), "
                + "through the measured IP₁ and EA of the atomic-data table.");
            Line();
            Line(string.Join(" ", charged.Select(g => $"![{g[0].Curve.Symbol}: E(q)]({Link(ValidationPlots.ChargeName(g[0].Curve.Symbol))})")));
            Line();
            ValidationTables.ChargedAtoms(potentials).WriteMarkdown(page, newline);
        }

        var crystals = ValidationPlots.CrystalGroups(potentials);
        if (crystals.Count > 0)
        {
            Line("## Crystals: energy against volume, elastic constants");
            Line();
            Line($"The cell scaled uniformly from V/V₀ = {Numbers.Short(EnergyVolumeCurve.From)} to {Numbers.Short(EnergyVolumeCurve.To)} about each potential's "
                + "zero-stress volume V₀; the energy per atom is measured from the neutral atoms, so its minimum is −E_c. "
                + "Elastic constants from the stress of cells strained by ±0.1 % at V₀ (the fit's own measurement); "
                + "experiment's are at room temperature, Latent's at 0 K.");
            Line();
            Line(string.Join(" ", crystals.Select(g => $"![{g[0].Crystal.System.Title}: energy against volume]({Link(ValidationPlots.EnergyVolumeName(g[0].Crystal.System))})")));
            Line();
            ValidationTables.EnergyVolume(potentials, experiment).WriteMarkdown(page, newline);
            ValidationTables.Elastic(potentials, experiment).WriteMarkdown(page, newline);
        }

        Line("## Sources of the measured values");
        Line();
        var cited = potentials.SelectMany(p => p.Rows).Select(r => r.Experiment?.Source).OfType<ExperimentSource>()
            .Concat(experiment.Values.Where(v => potentials.Any(p => p.Crystals.Any(c => c.System.Key == v.System))).Select(v => v.Source))
            .DistinctBy(s => s.Key).ToHashSet();
        foreach (var source in experiment.Sources.Where(cited.Contains))
            Line($"- {source.Short}: {source.Full}.");
        Line("- Ionisation energies and electron affinities: the atomic-data table the potential files use, "
            + "`Symbolic/PotentialFile/atomic-data.csv`, whose header names its sources.");
        return page.ToString();
    }

    private static void Potential(StringBuilder page, PotentialResults p, string newline)
    {
        void Line(string text = "") => page.Append(text).Append(newline);
        Line($"## {p.Name} (`{p.File}`)");
        Line();
        Line(p.Fitted.IsFitted
            ? $"Fitted by `latent fit` to `potentials/{p.Fitted.Path}`{(p.Fitted.Date is { } d ? $" ({d})" : "")}: a row is *fitted* when a target of that fit with a non-zero weight is its property, *predicted* otherwise "
                + "(a target of weight 0 is reported by the fit, not fitted)."
            : $"`{p.File}` has no `[fitted]` record: its parameters were set by hand, not by `latent fit`, so no row is fitted or predicted in a fit's sense.");
        Line();
        ValidationTables.Properties(p).WriteMarkdown(page, newline);

        var goals = p.Rows.Where(r => r.Status != GoalStatus.None).ToArray();
        var missed = goals.Where(r => r.Status == GoalStatus.Missed).ToArray();
        if (goals.Length > 0)
        {
            Line(missed.Length == 0
                ? $"Every goal met ({goals.Length} of {goals.Length})."
                : $"Goals met: {goals.Length - missed.Length} of {goals.Length}; missed: {string.Join(", ", missed.Select(r => r.Definition.Label))}.");
            Line();
        }

        var notes = new List<string>();
        foreach (var r in p.Rows.Where(r => r.Experiment?.Note is not null))
            notes.Add($"{r.Definition.Label}, experiment: {r.Experiment!.Note}.");
        foreach (var r in p.Rows.Where(r => r.Value is null).DistinctBy(r => r.Unbound ? r.Definition.System.Key : r.Definition.Label))
            notes.Add(r.Unbound
                ? $"{r.Definition.System.Title} does not bind in {p.Name}: {Unbound(r.Failure!)}."
                : $"{r.Definition.Label} was not measured: {r.Failure}.");
        if (LikeAtoms(p) is { } covalent)
            notes.Add(covalent);
        if (Polarisation(p) is { } polarisation)
            notes.Add(polarisation);
        if (Dispersion(p) is { } dispersion)
            notes.Add(dispersion);
        if (ContinuousCharges(p) is { } continuous)
            notes.Add(continuous);
        if (UnseenFault(p) is { } fault)
            notes.Add(fault);
        foreach (var note in notes)
            Line($"- {note}");
        if (notes.Count > 0)
            Line();

        if (ValidationTables.Defects(p) is { } defects)
        {
            Line($"Relaxed with FIRE until no force exceeds {Numbers.Short(FixedCellRelaxation.Fmax)} eV/Å, the cell held at the crystal's zero-stress a₀; "
                + "a surface or fault energy is the energy above the same atoms in the perfect crystal, per area.");
            Line();
            defects.WriteMarkdown(page, newline);
        }
    }

    /// <summary>The dimer measurement's finding without its advice to a fit ("…, so its R_e … cannot be fitted").</summary>
    private static string Unbound(string failure)
    {
        var advice = failure.IndexOf(": it does not bind", StringComparison.Ordinal);
        return advice > 0 ? failure[..advice] : failure;
    }

    /// <summary>Why a like-atom dimer does not bind, or binds far below experiment: the form has no covalent term.</summary>
    private static string? LikeAtoms(PotentialResults p)
    {
        var weak = p.Rows.Where(r => r.Definition.System.Kind == StructureKind.Dimer && r.Definition.System.Elements[0] == r.Definition.System.Elements[1]
                && (r.Unbound || (r.Definition.Property == TargetProperty.BindingEnergy.Name && r.Value < 0.5 * r.Experiment?.Value)))
            .Select(r => r.Definition.System.Title).Distinct().ToArray();
        if (weak.Length == 0)
            return null;
        return $"{string.Join(" and ", weak)}: {p.Name} has no covalent term between like neutral atoms. Two neutral atoms of one element meet only "
            + "through the pair repulsion and the electrostatics of their overlapping neutral densities, which attract weakly where they attract at all. "
            + "A covalent bond needs a term that lowers the energy of two neutral atoms as their valence densities overlap: an embedding energy "
            + "F(ρ) of the density each neutral state lends its neighbours (the `host_density` and `embedding` a potential file can already write, "
            + "with which `potentials/Cu.toml` binds its metal), or a bond-order term of Tersoff's kind.";
    }

    /// <summary>Why an ionic dimer's dipole is too large and its binding too small: integer charges on spherical ions do not polarise.</summary>
    private static string? Polarisation(PotentialResults p)
    {
        if (p.ContinuousCharges)
            return null;
        var rows = p.Rows.Where(r => r.Status == GoalStatus.Missed && r.RelativeError is { } e
            && ((r.Definition.Property == TargetProperty.Dipole.Name && e > 0)
                || (r.Definition.Property is "dissociation_energy" or "binding_energy" && r.Definition.System.Elements[0] != r.Definition.System.Elements[1] && e < 0)))
            .Select(r => r.Definition.Label).ToArray();
        if (rows.Length == 0)
            return null;
        return $"{string.Join(" and ", rows)}: a whole electron sits on spherical ions that do not polarise, so the dipole is the full point-charge "
            + "q·R_e and the well lacks the induction energy. An induced-dipole term (polarisable ions: μ = α·E at each ion, or a shell model) "
            + "would lower the one and deepen the other; the form has none.";
    }

    /// <summary>Why an ionic crystal of integer-charge ions binds too weakly when its lattice constant and bulk modulus are met: no dispersion.</summary>
    private static string? Dispersion(PotentialResults p)
    {
        if (p.ContinuousCharges)
            return null;
        var rows = p.Rows.Where(r => r.Status == GoalStatus.Missed && r.RelativeError < 0
                && r.Definition.Property == TargetProperty.AtomisationEnergy.Name && r.Definition.System.Kind == StructureKind.RockSalt)
            .Select(r => r.Definition.Label).ToArray();
        if (rows.Length == 0)
            return null;
        return $"{string.Join(" and ", rows)}: in the perfect rock salt every ion sits at a centre of inversion, where the field of the others "
            + "vanishes, so polarisation adds nothing there. What a Born–Mayer crystal lacks is dispersion, the van der Waals attraction between "
            + "the ions: with the lattice constant and the bulk modulus fixing the repulsion at zero pressure, the binding is left short. A "
            + "dispersion term (−C₆/r⁶ per pair, damped at short range) would supply it; the form has none.";
    }

    /// <summary>Why a continuous-charge (QEq) salt misses its molecule and its crystal together.</summary>
    private static string? ContinuousCharges(PotentialResults p)
    {
        if (!p.ContinuousCharges)
            return null;
        var rows = p.Missed.Select(r => r.Definition.Label).ToArray();
        if (rows.Length == 0)
            return null;
        return $"{string.Join(", ", rows)}: {p.Name}'s charges are continuous and follow each structure's field: fractional in the molecule, "
            + "past the formal ±1 in the crystal's Madelung field (docs/potentials.md gives the numbers). The molecule and the crystal are then "
            + "bound by different electrostatics, and one Born–Mayer repulsion fitted to both, as the ensemble model's is, meets neither's goals; "
            + "the same charges stay fractional on atoms pulled apart (below).";
    }

    /// <summary>Why an fcc potential's stacking fault costs nothing: its interactions end before the fault changes a neighbour.</summary>
    private static string? UnseenFault(PotentialResults p)
    {
        foreach (var s in p.Systems)
        {
            if (s.Fault is not { } fault || Math.Abs(fault.Relaxed) > 1e-6 || s.EnergyVolume is not { } curve)
                continue;
            // Across an intrinsic fault the nearest and second neighbours stay; the first shell to change is hcp's at √(8/3)·d.
            var changed = Math.Sqrt(8.0 / 3) * curve.LatticeConstant / Math.Sqrt(2);
            return $"intrinsic stacking-fault energy: zero because {p.Name}'s interactions end at {Numbers.Short(p.Cutoff)} Å, inside {Numbers.Fixed(changed, 2)} Å, "
                + "the shortest distance an intrinsic fault changes (first and second neighbours are the same on both sides of it). "
                + "A potential that reaches the third neighbours sees the fault.";
        }

        return null;
    }
}
