using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>The validation's PNG plots: their file names (which the page links) and writing them all into one folder.</summary>
internal static class ValidationPlots
{
    /// <summary>The dissociation plot of the A–B pair.</summary>
    public static string DissociationName(string a, string b) => $"dissociation-{a}-{b}.png";

    /// <summary>The E(q) plot of an element.</summary>
    public static string ChargeName(string symbol) => $"charge-{symbol}.png";

    /// <summary>The energy–volume plot of a crystal.</summary>
    public static string EnergyVolumeName(ValidatedSystem crystal) => $"energy-volume-{crystal.Key.Replace('.', '-')}.png";

    /// <summary>The elements drawn, each with the curves of every potential that has it, in page order.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Potential, ChargedAtomCurve Curve)>> ChargeGroups(IReadOnlyList<PotentialResults> potentials) =>
        potentials.SelectMany(p => p.ChargedAtoms.Select(c => (p.Name, c))).GroupBy(x => x.c.Symbol)
            .Select(g => (IReadOnlyList<(string, ChargedAtomCurve)>)g.ToArray()).ToArray();

    /// <summary>The crystals drawn, each with the measurement of every potential that has it, in page order.</summary>
    public static IReadOnlyList<IReadOnlyList<(string Potential, SystemMeasurement Crystal)>> CrystalGroups(IReadOnlyList<PotentialResults> potentials) =>
        potentials.SelectMany(p => p.Crystals.Select(c => (p.Name, c))).GroupBy(x => x.c.System.Key)
            .Select(g => (IReadOnlyList<(string, SystemMeasurement)>)g.ToArray()).ToArray();

    /// <summary>Writes every plot into <paramref name="directory"/> and returns their paths.</summary>
    /// <exception cref="Output.UserError">A file cannot be written.</exception>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<PotentialResults> potentials, ExperimentalData experiment, string directory)
    {
        var written = new List<string>();
        string In(string name)
        {
            var path = Path.Combine(directory, name);
            written.Add(path);
            return path;
        }

        foreach (var curves in ValidationTables.DissociationGroups(potentials))
            DissociationPlot.Write(In(DissociationName(curves[0].A, curves[0].B)), curves);
        foreach (var curves in ChargeGroups(potentials))
            ChargeCurvePlot.Write(In(ChargeName(curves[0].Curve.Symbol)), curves);
        foreach (var crystals in CrystalGroups(potentials))
            EnergyVolumePlot.Write(In(EnergyVolumeName(crystals[0].Crystal.System)), crystals, experiment);
        return written;
    }
}
