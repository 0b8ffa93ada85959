using System.Globalization;
using System.Reflection;
using System.Text;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Fitting;

/// <summary>
/// The potential file a fit writes: the input's own text with the fitted parameters' numbers replaced (every
/// comment and formula kept) and a <c>[fitted]</c> record of the targets (path and SHA-256), the date, the tool,
/// the starting values and each target's final deviation. Read back as a potential before it is written.
/// </summary>
public static class FittedFile
{
    /// <summary>The text of the fitted potential.</summary>
    public static string Text(FitProblem problem, FitResult result, DateTimeOffset date, string outputPath)
    {
        var text = ParameterText.withoutFittedRecord(problem.Potential.TextAt(result.Best));
        var targets = problem.Targets;
        var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(outputPath)) ?? ".", Path.GetFullPath(targets.Path)).Replace('\\', '/');
        var record = new StringBuilder();
        record.Append('\n');
        record.Append("[fitted]\n");
        record.Append("# Written by `latent fit` (docs/fitting.md): the [fitting] parameters above hold its values; `start` holds\n");
        record.Append("# the values it began from and `residuals` each target's final value minus target (the largest |deviation|\n");
        record.Append("# for a target of many numbers), in the target's canonical unit.\n");
        record.Append($"targets = {Quote(relative)}\n");
        record.Append($"targets_sha256 = \"{targets.Sha256}\"\n");
        record.Append($"date = \"{date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"\n");
        record.Append($"tool = {Quote("latent " + Version)}\n");
        record.Append($"gradients = \"{(result.Method == GradientMethod.Analytic ? "analytic" : "central-differences")}\"\n");
        record.Append($"iterations = {result.Iterations}\n");
        record.Append($"converged = {(result.Converged ? "true" : "false")}\n");
        record.Append($"cost = {ParameterText.format(result.Final.Cost)}\n");
        record.Append("start = { ");
        record.Append(string.Join(", ", result.Parameters.Select((p, j) => $"{p} = {ParameterText.format(result.Start[j])}")));
        record.Append(" }\n");
        record.Append("residuals = { ");
        record.Append(string.Join(", ", targets.Targets.Select((t, i) => $"{Quote(t.Label)} = {ParameterText.format(Signed(t, result.Final.Values[i]))}")));
        record.Append(" }\n");
        return text.TrimEnd('\n') + "\n" + record;
    }

    /// <summary>Reads the text back as a potential: the fit never writes a file that does not load.</summary>
    /// <exception cref="PotentialLoadException">It does not read (a defect in the fit).</exception>
    public static void Validate(string text, string path, string name) =>
        PotentialLoader.Read(new PotentialSource(name, path, text, false));

    /// <summary>value − target for one number; the deviation of largest size, with its sign, for many.</summary>
    private static double Signed(FitTarget target, IReadOnlyList<double> values)
    {
        var worst = 0.0;
        for (var k = 0; k < target.Count; k++)
        {
            var d = values[k] - target.Values[k];
            if (Math.Abs(d) > Math.Abs(worst))
                worst = d;
        }

        return worst;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Version =>
        typeof(FittedFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
