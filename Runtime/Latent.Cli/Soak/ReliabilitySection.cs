using System.Text;

namespace Latent.Cli.Soak;

/// <summary>
/// The soak's section of the reliability page: the command that made it, when and where, every setting and
/// every figure, as plain Markdown (no headings, so it sits under whatever heading the page gives it).
/// </summary>
internal static class ReliabilitySection
{
    /// <summary>The section's text, its lines ending in <paramref name="newline"/> (the page's own).</summary>
    public static string Write(SoakResults r, string newline)
    {
        var m = r.Machine;
        var page = new StringBuilder();
        page.Append($"Written by `{r.Settings.CommandLine}` on {r.Started:yyyy-MM-dd} (UTC) in {SoakReport.Duration((r.Finished - r.Started).TotalSeconds)}, on "
            + $"{m.Cpu} ({m.Cores} logical cores), {m.OperatingSystem}, {m.Runtime}. Every figure below comes from that run"
            + (r.Settings.Quick ? "; it was a quick run (`--quick`), a check that the soak runs, not figures to quote." : ".")
            + " To make it again, from the repository root:").Append(newline).Append(newline);
        page.Append($"    dotnet run -c Release --project Runtime/Latent.Cli -- {r.Settings.CommandLine["latent ".Length..]}").Append(newline).Append(newline);
        SoakReport.Settings(r).WriteMarkdown(page, newline);
        foreach (var table in SoakReport.Figures(r))
            table.WriteMarkdown(page, newline);
        page.Append(SoakReport.Watchdog(r)).Append(newline);
        return page.ToString();
    }
}
