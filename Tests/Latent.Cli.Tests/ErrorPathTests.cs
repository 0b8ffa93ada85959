namespace Latent.Cli.Tests;

/// <summary>Everything a user can get wrong ends in one error line, exit code 2 and no stack trace. Single bad inputs
/// with one expected line are in the corpus (BadInputs/corpus.tsv); these check what a line of it cannot say.</summary>
public class ErrorPathTests
{
    [Theory]
    [InlineData("diff")]
    [InlineData("simplify")]
    [InlineData("eval")]
    [InlineData("cse")]
    public void ParseErrorNamesLineAndColumnAndPointsAtIt(string command)
    {
        var args = command == "diff" ? new[] { "sym", command, "1 + exp(-foo(r))", "--wrt", "r" } : new[] { "sym", command, "1 + exp(-foo(r))" };
        var run = CliRun.Of(args);

        run.AssertUserError("line 1, column ", "foo");
        var lines = run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("  1 + exp(-foo(r))", lines[1]);
        Assert.EndsWith("^", lines[2]);
    }

    [Fact]
    public void ParseErrorOnALaterLineNamesThatLine()
    {
        var run = CliRun.Of("sym", "simplify", "a = 2*z\nexp(-a*r) +");
        run.AssertUserError("line 2, column ");
        Assert.Contains("  exp(-a*r) +", run.Stderr);
    }

    [Fact]
    public void EmptyFormulaIsAUserError() =>
        CliRun.Of("sym", "simplify", "  ").AssertUserError();

    [Theory]
    [InlineData("sym", "diff", "x^2", "--wrt", "x", "--bogus")]
    [InlineData("sym", "frobnicate", "x")]
    [InlineData("frobnicate")]
    [InlineData("sym", "eval", "x", "--at")]
    [InlineData("sym", "diff", "x", "--wrt", "x", "--order", "two")]
    [InlineData("sym")]
    [InlineData()]
    public void CommandLineErrorsAreUserErrors(params string[] args)
    {
        var run = CliRun.Of(args);
        run.AssertUserError("--help");
        Assert.Equal(2, run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void UnknownOptionIsNamed() =>
        CliRun.Of("sym", "diff", "x^2", "--wrt", "x", "--bogus").AssertUserError("--bogus", "latent sym diff --help");

    [Theory]
    [InlineData("--help")]
    [InlineData("sym", "--help")]
    [InlineData("sym", "diff", "--help")]
    [InlineData("sym", "simplify", "--help")]
    [InlineData("sym", "eval", "--help")]
    [InlineData("sym", "cse", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("relax", "--help")]
    [InlineData("md", "--help")]
    public void EveryCommandHasHelp(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("simplify")]
    [InlineData("eval")]
    [InlineData("cse")]
    public void EverySymCommandHasJson(string command) =>
        Assert.Contains("--json", CliRun.Of("sym", command, "--help").Stdout);

    /// <summary>
    /// Numbers a potential or structure makes non-finite, and atoms on top of each other: each was reported
    /// as a result (NaN, ±infinity, exit 0) or as a symptom (weights that did not converge). Each row is the
    /// potential (a shipped name, or a shipped file with one edit), the structure, the command and the
    /// fragment the one error line must hold; every one exits 2.
    /// </summary>
    public static TheoryData<string, string, string, string> NonFiniteInputs => new()
    {
        // A parameter of 1e308: the Born–Mayer force overflows.
        { "NaCl:A_NaCl = { value = 1345.3419062663322|A_NaCl = { value = 1e308", "NaCl dimer", "eval", "the force on atom 0 (Na) is -infinity" },
        { "NaCl:A_NaCl = { value = 1345.3419062663322|A_NaCl = { value = 1e308", "NaCl dimer", "relax", "the force on atom 0 (Na) is -infinity" },
        { "NaCl:A_NaCl = { value = 1345.3419062663322|A_NaCl = { value = 1e308", "NaCl dimer", "md", "the force on atom 0 (Na) is -infinity" },
        { "NaCl:A_NaCl = { value = 1345.3419062663322|A_NaCl = { value = 1e308", "", "dimer", "the force on atom 0 (Na) is -infinity" },
        // An embedding at log(0): a lone atom has no density.
        { "Cu:embedding = \"select(rho > 0, rose(a_eff, a_Cu, Ec_Cu, rose_l) - pair_sum, 0)\"|embedding = \"log(rho)\"",
            "Cu atom", "eval", "the embedding energy of atom 0 (Cu) is -infinity" },
        { "Cu:embedding = \"select(rho > 0, rose(a_eff, a_Cu, Ec_Cu, rose_l) - pair_sum, 0)\"|embedding = \"log(rho)\"",
            "Cu atom", "md", "the embedding energy of atom 0 (Cu) is -infinity" },
        // Two atoms on top of each other: named, for the solved and the one-state (Cu) step alike; md and relax
        // refuse them before the first step, by the contact check.
        { "NaCl", "NaCl coincident", "eval", "atoms 0 (Na) and 1 (Cl) are on top of each other (0 Å apart)" },
        { "NaCl", "NaCl coincident", "relax", "atoms 0 (Na) and 1 (Cl) are 0 Å apart, closer than" },
        { "NaCl", "NaCl coincident", "md", "atoms 0 (Na) and 1 (Cl) are 0 Å apart, closer than" },
        { "Cu", "Cu coincident", "eval", "atoms 0 (Cu) and 1 (Cu) are on top of each other (0 Å apart)" },
        { "Cu", "Cu coincident", "relax", "atoms 0 (Cu) and 1 (Cu) are 0 Å apart, closer than" },
        { "Cu", "Cu coincident", "md", "atoms 0 (Cu) and 1 (Cu) are 0 Å apart, closer than" },
    };

    [Theory]
    [MemberData(nameof(NonFiniteInputs))]
    public void NonFiniteNumbersAndCoincidentAtomsAreUserErrors(string potential, string structure, string command, string fragment)
    {
        using var temp = new TempDirectory();
        var potentialArg = potential;
        if (potential.Contains(':'))
        {
            var (name, edit) = (potential[..potential.IndexOf(':')], potential[(potential.IndexOf(':') + 1)..].Split('|'));
            var text = Latent.Runtime.Potentials.PotentialSource.Resolve(name).Text;
            Assert.Contains(edit[0], text);
            potentialArg = temp.Write("Edited.toml", text.Replace(edit[0], edit[1]));
        }

        var xyz = structure switch
        {
            "NaCl dimer" => Structures.Dimer("Na", "Cl", 2.4),
            "Cu atom" => "1\nProperties=species:S:1:pos:R:3\nCu 0 0 0\n",
            "NaCl coincident" => Structures.Dimer("Na", "Cl", 0),
            "Cu coincident" => Structures.Dimer("Cu", "Cu", 0),
            _ => null,
        };
        string[] args = command switch
        {
            "dimer" => ["dimer", "Na", "Cl", "--potential", potentialArg, "--from", "2", "--to", "3"],
            "md" => ["md", temp.Write("s.extxyz", xyz!), "--potential", potentialArg, "--steps", "2", "--out", temp.File("traj.extxyz")],
            "relax" => ["relax", temp.Write("s.extxyz", xyz!), "--potential", potentialArg, "--out", temp.File("relaxed.extxyz")],
            _ => [command, temp.Write("s.extxyz", xyz!), "--potential", potentialArg],
        };

        var run = CliRun.Of(args);
        run.AssertUserError(fragment);
        Assert.Single(run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("NaN", run.Stdout);
    }

    /// <summary>0 K is a valid start for dynamics (atoms at rest; Langevin then damps towards the nearest minimum), not an error.</summary>
    [Theory]
    [InlineData("langevin")]
    [InlineData("none")]
    public void MdAtZeroKelvinStartsAtRest(string thermostat)
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("md", temp.Write("s.extxyz", Structures.Dimer("Na", "Cl", 2.4)), "--potential", "NaCl", "--steps", "2",
            "--temperature", "0", "--thermostat", thermostat, "--out", temp.File("traj.extxyz"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var first = doc.RootElement.GetProperty("thermo")[0];
        Assert.Equal(0.0, first.GetProperty("kinetic").GetDouble());
        Assert.True(double.IsFinite(doc.RootElement.GetProperty("final").GetProperty("total").GetDouble()));
    }

    [Fact]
    public void ADivisionByZeroInAPotentialFileIsNamedWithItsLocation()
    {
        using var temp = new TempDirectory();
        var text = Latent.Runtime.Potentials.PotentialSource.Resolve("NaCl").Text;
        var path = temp.Write("Broken.toml", text.Replace("phi = \"born_mayer(r, A_NaCl, rho)\"", "phi = \"born_mayer(r, A_NaCl, rho)*(r-r)/(r-r)\""));
        var run = CliRun.Of("eval", temp.Write("d.extxyz", Structures.Dimer("Na", "Cl", 2.4)), "--potential", path);
        run.AssertUserError("Broken.toml:", "division by zero: the divisor is 0");
    }

    /// <summary>A sum of 7 000 distinct terms is answered, in compact form, within seconds (it took minutes).</summary>
    [Fact]
    public void ASumOfSevenThousandTermsIsAnsweredQuickly()
    {
        var text = string.Join("+", Enumerable.Range(0, 7000).Select(i => $"x{i}"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = CliRun.Of("sym", "simplify", text);
        Assert.Equal(0, run.ExitCode);
        Assert.True(clock.Elapsed.TotalSeconds < 30, $"took {clock.Elapsed}"); // loose: only minutes, the old behaviour, fail it
    }

    /// <summary>The removable-singularity rule, numerically: x/x is 1 and 0/x is 0 (cancelled as built), 0/0 is refused.</summary>
    [Fact]
    public void ACancelledFactorIsContinuedAndZeroOverZeroRefused()
    {
        Assert.Equal("1", CliRun.Of("sym", "simplify", "x/x").Line);
        Assert.Equal("0", CliRun.Of("sym", "simplify", "0/x").Line);
        Assert.Equal(2.5, CliRun.Of("sym", "eval", "x^2/x", "--at", "x=2.5").Number);
        CliRun.Of("sym", "eval", "x/x", "--at", "x=0").AssertUserError("has no symbol 'x'");
    }
}
