using System.Globalization;
using Latent.Cli.Output;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>
/// Every table of the validation page, built from the results alone: the page, the text on stdout and the tests that
/// pin the page all take them from here.
/// </summary>
internal static class ValidationTables
{
    /// <summary>The decimals of charges (e) and of E(q) (eV).</summary>
    public const int ChargeDecimals = 4;

    /// <summary>The potential's table: property, experiment, Latent, error, goal, met?, fitted or predicted.</summary>
    public static ValidationTable Properties(PotentialResults potential)
    {
        var table = new ValidationTable($"{potential.Name}: properties against experiment", "LLRRRLL",
            "property", "experiment", "Latent", "error (%)", "goal", "met?", "fitted or predicted");
        foreach (var row in potential.Rows)
        {
            var format = row.Definition.Format;
            table.Row(
                row.Definition.Label,
                row.Experiment is { } e ? $"{Experiment(e.Value)} {format.Printed} ({e.Source.Short})" : "—",
                row.Value is { } v ? TableCell.Number(v, format.Decimals, format.Printed) : row.Unbound ? "does not bind" : "not measured",
                row.RelativeError is { } error ? TableCell.Number(100 * error, 2, signed: true) : "—",
                row.Definition.Goal is { } goal ? $"≤ {Percent(goal)}" : "—",
                row.Status switch { GoalStatus.Met => "met", GoalStatus.Missed => "missed", _ => "—" },
                row.Origin);
        }

        return table;
    }

    /// <summary>How an fcc potential's defects and surfaces were computed: the cells, and the energies before and after relaxing.</summary>
    public static ValidationTable? Defects(PotentialResults potential)
    {
        var rows = new List<TableCell[]>();
        foreach (var s in potential.Systems)
        {
            if (s.Vacancy is { } v)
                rows.Add([$"vacancy ({s.System.Title})", $"{v.Repeat}×{v.Repeat}×{v.Repeat} conventional cells: {v.Atoms} sites, one empty; cell fixed at a₀",
                    TableCell.Number(v.Unrelaxed, 3, "eV"), TableCell.Number(v.Relaxed, 3, "eV")]);
            foreach (var f in s.Surfaces)
                rows.Add([$"{FccLayers.Name(f.Face)} surface ({s.System.Title})", $"slab of {SurfaceEnergy.Layers} layers ({f.Atoms} atoms), {Numbers.Short(SurfaceEnergy.Vacuum)} Å of vacuum",
                    TableCell.Number(f.Unrelaxed, 3, "J/m²"), TableCell.Number(f.Relaxed, 3, "J/m²")]);
            if (s.Fault is { } sf)
                rows.Add([$"intrinsic stacking fault ({s.System.Title})", $"{StackingFault.Layers} (111) layers ({sf.Atoms} atoms), cell tilted by a/6⟨112⟩",
                    TableCell.Number(sf.Unrelaxed, 1, "mJ/m²"), TableCell.Number(sf.Relaxed, 1, "mJ/m²")]);
        }

        if (rows.Count == 0)
            return null;
        var table = new ValidationTable($"{potential.Name}: defects and surfaces, as computed", "LLRR", "defect", "cell", "unrelaxed", "relaxed");
        foreach (var row in rows)
            table.Row(row);
        return table;
    }

    /// <summary>The charges along each dissociation curve of the pair, one row per potential.</summary>
    public static ValidationTable Dissociation(IReadOnlyList<DissociationCurve> curves)
    {
        var (a, b) = (curves[0].A, curves[0].B);
        var headers = new List<string> { "potential", "R_e (Å)", $"q({a}) at R_e (e)", "charge switches off (Å)", "R_c (Å)" };
        headers.AddRange(DissociationCurve.ChargeDistances.Select(r => $"q({a}) at {Numbers.Short(r)} Å (e)"));
        var table = new ValidationTable($"{a}–{b} pulled apart: the charge of {a}", "L" + new string('R', headers.Count - 1), [.. headers]);
        foreach (var c in curves)
        {
            var p = c.Properties;
            table.Row([
                c.Potential,
                p is null ? "no minimum" : TableCell.Number(p.Equilibrium, 4),
                p?.ChargeA is { } q ? TableCell.Number(q, ChargeDecimals) : "—",
                p?.SwitchOff is { } off ? TableCell.Number(off, 2) : "—",
                c.Crossing is { } x ? TableCell.Number(x.Distance, 2) : "—",
                .. DissociationCurve.ChargeDistances.Select(r => TableCell.Number(c.ChargeAt(r), ChargeDecimals)),
            ]);
        }

        return table;
    }

    /// <summary>Each isolated atom's E(q) against the exact line.</summary>
    public static ValidationTable ChargedAtoms(IReadOnlyList<PotentialResults> potentials)
    {
        var table = new ValidationTable("Isolated atoms: E(q) against the exact line", "LRRRRRR",
            "atom (potential)", "IP₁ (eV)", "EA (eV)", "E(+1) − E(0) (eV)", "E(0) − E(−1) (eV)", "largest |E − line| (eV)", "at q (e)");
        foreach (var p in potentials)
        {
            foreach (var c in p.ChargedAtoms)
            {
                var (q, deviation) = c.Largest;
                var visible = Math.Abs(deviation) >= 0.5 * Math.Pow(10, -ChargeDecimals);
                table.Row(
                    $"{c.Symbol} ({p.Name})",
                    Experiment(c.Line.IonisationEnergy),
                    Experiment(c.Line.ElectronAffinity),
                    TableCell.Number(c.Energies[^1], ChargeDecimals),
                    TableCell.Number(-c.Energies[0], ChargeDecimals),
                    TableCell.Number(Math.Abs(deviation), ChargeDecimals),
                    visible ? Numbers.Short(q, 3) : "—");
            }
        }

        return table;
    }

    /// <summary>Each crystal's a₀ and energy at V₀ against experiment's.</summary>
    public static ValidationTable EnergyVolume(IReadOnlyList<PotentialResults> potentials, ExperimentalData experiment)
    {
        var table = new ValidationTable("Crystals: the minimum of the energy–volume curve", "LRRRRR",
            "crystal (potential)", "a₀ (Å)", "experiment a₀ (Å)", "V_exp/V₀", "E(V₀) per atom (eV)", "experiment (eV)");
        foreach (var p in potentials)
        {
            foreach (var s in p.Crystals)
            {
                var curve = s.EnergyVolume!;
                var a = experiment.Find(s.System.Key, "lattice_constant");
                var binding = ExperimentPerAtom(s.System, experiment);
                table.Row(
                    $"{s.System.Title} ({p.Name})",
                    TableCell.Number(curve.LatticeConstant, 4),
                    a is null ? "—" : Experiment(a.Value),
                    a is null ? "—" : TableCell.Number(Math.Pow(a.Value / curve.LatticeConstant, 3), 4),
                    TableCell.Number(curve.Energies[Array.IndexOf(curve.Ratios, 1.0)], 3),
                    binding is { } e ? Experiment(e) : "—");
            }
        }

        return table;
    }

    /// <summary>Each crystal's elastic constants, with experiment's beneath them.</summary>
    public static ValidationTable Elastic(IReadOnlyList<PotentialResults> potentials, ExperimentalData experiment)
    {
        string[] constants = ["c11", "c12", "c44", "bulk_modulus"];
        var table = new ValidationTable("Crystals: elastic constants at zero stress (GPa)", "LRRRRR",
            "crystal", "C11", "C12", "C44", "B", "C12 − C44");
        var experimentRows = new Dictionary<string, TableCell[]>(StringComparer.Ordinal);
        foreach (var p in potentials)
        {
            foreach (var s in p.Crystals)
            {
                var v = constants.Select(c => s.Values[c]).ToArray();
                table.Row([$"{s.System.Title} ({p.Name})", .. v.Select(x => TableCell.Number(x, 1)), TableCell.Number(v[1] - v[2], 1)]);
                var measured = constants.Select(c => experiment.Find(s.System.Key, c)?.Value).ToArray();
                experimentRows.TryAdd(s.System.Key, [
                    $"{s.System.Title} (experiment)",
                    .. measured.Select(x => x is { } m ? (TableCell)Experiment(m) : "—"),
                    measured[1] is { } c12 && measured[2] is { } c44 ? Experiment(c12 - c44) : "—",
                ]);
            }
        }

        foreach (var row in experimentRows.Values)
            table.Row(row);
        return table;
    }

    /// <summary>Experiment's energy per atom of a crystal against the neutral atoms (eV, negative), or null.</summary>
    public static double? ExperimentPerAtom(ValidatedSystem crystal, ExperimentalData experiment) => crystal.Kind switch
    {
        StructureKind.RockSalt => -experiment.Find(crystal.Key, TargetProperty.AtomisationEnergy.Name)?.Value / 2,
        _ => -experiment.Find(crystal.Key, TargetProperty.CohesiveEnergy.Name)?.Value,
    };

    /// <summary>An experimental number as the data file gives it (no digits added).</summary>
    public static string Experiment(double value) => Numbers.Short(Math.Round(value, 10), 6);

    /// <summary>0.05 → "5 %".</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>Every table of the page, in page order.</summary>
    public static IReadOnlyList<ValidationTable> All(IReadOnlyList<PotentialResults> potentials, ExperimentalData experiment)
    {
        var tables = new List<ValidationTable>();
        foreach (var p in potentials)
        {
            tables.Add(Properties(p));
            if (Defects(p) is { } d)
                tables.Add(d);
        }

        tables.AddRange(DissociationGroups(potentials).Select(Dissociation));
        if (potentials.Any(p => p.ChargedAtoms.Count > 0))
            tables.Add(ChargedAtoms(potentials));
        if (potentials.Any(p => p.Crystals.Any()))
        {
            tables.Add(EnergyVolume(potentials, experiment));
            tables.Add(Elastic(potentials, experiment));
        }

        return tables;
    }

    /// <summary>The dissociation curves grouped by pair: the potentials of one pair share a table and a plot.</summary>
    public static IReadOnlyList<IReadOnlyList<DissociationCurve>> DissociationGroups(IReadOnlyList<PotentialResults> potentials) =>
        potentials.Where(p => p.Dissociation is not null).Select(p => p.Dissociation!)
            .GroupBy(c => $"{c.A}-{c.B}").Select(g => (IReadOnlyList<DissociationCurve>)g.ToArray()).ToArray();
}
