using Latent.Symbolic.PotentialFile;
using Microsoft.CodeAnalysis;

namespace Latent.Generators.Tests;

/// <summary>Broken copies of NaCl.toml become one compiler error each, located in the potential file, and no kernels.</summary>
public sealed class DiagnosticTests
{
    private const string Path = "/potentials/Broken.toml";

    /// <summary>
    /// A broken copy of NaCl.toml: the original text, what replaces it, the expected code, the text
    /// the diagnostic must point at (its first occurrence in the broken file) and a word of the message.
    /// A missing pair is reported at the key <c>pairs</c> of the first pair table.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> Cases => new()
    {
        { "unknown symbol", "born_mayer(r, A_NaCl, rho)", "born_mayer(r, A_NaCI, rho)", "LAT003", "A_NaCI", "A_NaCI" },
        { "formula syntax", "born_mayer(r, A_NaCl, rho)", "born_mayer(r, A_NaCl * , rho)", "LAT002", ", rho)\"\n\n[pairs.Cl-Cl]", "unexpected ','" },
        { "missing pair", "[pairs.Cl-Cl]\nphi = \"born_mayer(r, A_ClCl, rho)\"\n", "", "LAT006", "pairs.Na-Na]", "Cl-Cl" },
        { "electron count", "shells = [{ electrons = 1, exponent = \"z_Na_ea\" }", "shells = [{ electrons = 2, exponent = \"z_Na_ea\" }", "LAT008", "[{ electrons = 2", "anion" },
        { "TOML syntax", "cutoff = 12.0 ", "cutoff = = 12.0 ", "LAT001", "= 12.0 ", "=" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_file_gives_exactly_its_error_at_the_fault_and_no_kernels(string what, string original, string replacement, string code, string at, string messageWord)
    {
        Assert.Contains(original, Repo.NaClText);
        string text = Repo.NaClText.Replace(original, replacement);

        var result = Generator.Run(new InMemoryText(Path, text));

        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messageWord, diagnostic.GetMessage(), StringComparison.Ordinal);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        int offset = text.IndexOf(at, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"{what}: '{at}' is not in the broken file");
        int line = text.AsSpan(0, offset).Count('\n');
        int column = offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1);
        Assert.Equal((what, line, column), (what, span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal(offset, diagnostic.Location.SourceSpan.Start);
        // Only the (now empty) registry: nothing of the broken potential is generated.
        var source = Assert.Single(result.GeneratedSources);
        Assert.Equal("ShippedPotentials.g.cs", source.HintName);
        Assert.DoesNotContain("Kernels.Create", source.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_file_does_not_stop_a_good_one()
    {
        var broken = new InMemoryText(Path, Repo.NaClText.Replace("A_NaCl, rho", "A_NaCI, rho"));
        var result = Generator.Run(broken, new InMemoryText(Repo.DimerPath, File.ReadAllText(Repo.DimerPath)));
        Assert.Equal("LAT003", Assert.Single(result.Diagnostics).Id);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Dimer.g.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("NaCl", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_code_has_an_error_descriptor_with_its_title()
    {
        var codes = ErrorCodes.all.Select(c => (c.Item1, c.Item2)).ToList();
        Assert.Equal(17, codes.Count);
        Assert.Equal(codes, Diagnostics.All.Select(d => (d.Id, d.Title.ToString())).OrderBy(c => c.Id, StringComparer.Ordinal));
        foreach (var (code, _) in codes)
        {
            var descriptor = Diagnostics.For(code);
            Assert.Equal(code, descriptor.Id);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }
}
