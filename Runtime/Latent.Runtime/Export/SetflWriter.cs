using System.Globalization;

namespace Latent.Runtime.Export;

/// <summary>
/// Prints a <see cref="SetflTable"/> in the setfl format LAMMPS's <c>pair_style eam/alloy</c> reads: three
/// comment lines; the element count and symbols; Nρ dρ Nr dr cutoff; per element its header line, F at the
/// densities and its density at the distances; then r·φ of every pair i ≥ j. Numbers are printed
/// round-trip, so LAMMPS reads exactly the sampled values.
/// </summary>
public static class SetflWriter
{
    private const int PerLine = 5;

    /// <summary>The file's text; <paramref name="comment"/> becomes its first line (the two after it say what wrote it).</summary>
    public static string ToText(SetflTable table, string comment)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(table, comment, text);
        return text.ToString();
    }

    /// <summary>Writes the file's text to <paramref name="output"/>.</summary>
    public static void Write(SetflTable table, string comment, TextWriter output)
    {
        var grid = table.Grid;
        output.WriteLine(OneLine(comment));
        output.WriteLine($"Written by latent export setfl: pair function r*(c+phi) in eV*A, density, embedding F+E_state in eV, sampled from the generated kernels");
        output.WriteLine($"Nr = {grid.RadialPoints} points to the cutoff {Number(table.Cutoff)} A, Nrho = {grid.DensityPoints} points to rho = {Number(grid.MaxDensity)}");
        output.WriteLine($"{table.Elements.Count} {string.Join(' ', table.Elements.Select(e => e.Symbol))}");
        output.WriteLine($"{grid.DensityPoints} {Number(table.DensityStep)} {grid.RadialPoints} {Number(table.RadialStep)} {Number(table.Cutoff)}");
        for (var e = 0; e < table.Elements.Count; e++)
        {
            var element = table.Elements[e];
            output.WriteLine($"{element.AtomicNumber} {Number(element.Mass)} {Number(element.LatticeConstant)} {element.Structure}");
            Column(output, table.Embedding(e));
            Column(output, table.Density(e));
        }

        for (var i = 0; i < table.Elements.Count; i++)
            for (var j = 0; j <= i; j++)
                Column(output, table.PairTimesR(i, j));
    }

    private static void Column(TextWriter output, ReadOnlySpan<double> values)
    {
        for (var k = 0; k < values.Length; k += PerLine)
        {
            var end = Math.Min(k + PerLine, values.Length);
            for (var m = k; m < end; m++)
            {
                if (m > k)
                    output.Write(' ');
                output.Write(Number(values[m]));
            }

            output.WriteLine();
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A comment is one line of the file's three; a line break in it would shift every count after it.
    private static string OneLine(string comment) => comment.ReplaceLineEndings(" ");
}
