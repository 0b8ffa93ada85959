using System.Globalization;
using System.Text;

namespace Latent.Cli.Tests;

/// <summary>
/// <c>--threads</c>: the results of every command that computes are the same bit for bit on one thread and on two,
/// and a count that is not a whole number from 1 up is refused with one message and exit 2.
/// </summary>
public sealed class ThreadsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Rock salt, 4×4×4 conventional cells (512 atoms, more than one of the engine's blocks of atoms and
    /// pairs, so two threads really split the work), each atom moved a little so no force vanishes by symmetry.</summary>
    private static string RockSaltSupercell()
    {
        const int n = 4;
        var a = 2 * Structures.NaClDistance;
        var text = new StringBuilder(FormattableString.Invariant(
            $"{8 * n * n * n}\nLattice=\"{n * a} 0 0 0 {n * a} 0 0 0 {n * a}\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"));
        var k = 0;
        for (var i = 0; i < 2 * n; i++)
        for (var j = 0; j < 2 * n; j++)
        for (var l = 0; l < 2 * n; l++, k++)
        {
            var shift = 0.03 * Math.Sin(1.7 * k);
            text.Append(CultureInfo.InvariantCulture, $"{((i + j + l) % 2 == 0 ? "Na" : "Cl")} {i * Structures.NaClDistance + shift} {j * Structures.NaClDistance - shift} {l * Structures.NaClDistance + 0.5 * shift}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Eval_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var path = temp.Write("crystal.extxyz", RockSaltSupercell());
        var one = CliRun.Of("eval", path, "--potential", "NaCl", "--json", "--threads", "1").Line;
        var two = CliRun.Of("eval", path, "--potential", "NaCl", "--json", "--threads", "2").Line;
        // The JSON writes every double so that it reads back exactly: equal text is equal bits.
        Assert.Equal(one, two);
    }

    [Fact]
    public void Md_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var path = temp.Write("crystal.extxyz", RockSaltSupercell());
        string Run(string threads)
        {
            var output = temp.File($"md-{threads}.extxyz");
            var run = CliRun.Of("md", path, "--potential", "NaCl", "--steps", "5", "--temperature", "300", "--out", output, "--threads", threads);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return File.ReadAllText(output);
        }

        Assert.Equal(Run("1"), Run("2"));
    }

    [Fact]
    public void Relax_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var path = temp.Write("crystal.extxyz", RockSaltSupercell());
        (string Json, string Structure) Run(string threads)
        {
            var output = temp.File($"relaxed-{threads}.extxyz");
            var json = CliRun.Of("relax", path, "--potential", "NaCl", "--steps", "5", "--out", output, "--json", "--threads", threads).Stdout;
            Assert.Contains("\"energy\"", json);
            return (json.Replace(output, "OUT", StringComparison.Ordinal), File.ReadAllText(output));
        }

        Assert.Equal(Run("1"), Run("2"));
    }

    [Fact]
    public void Dimer_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        string Run(string threads) => CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "12", "--step", "0.25", "--json", "--threads", threads).Line;
        Assert.Equal(Run("1"), Run("2"));
    }

    [Theory]
    [InlineData("NaCl")]
    [InlineData("Cu")]
    public void Check_is_the_same_bit_for_bit_on_one_thread_and_two(string potential)
    {
        string Run(string threads) => CliRun.Of("check", potential, "--json", "--threads", threads).Line;
        Assert.Equal(Run("1"), Run("2"));
    }

    [Fact]
    public void Verify_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        string Run(string threads) => CliRun.Of("verify", "NaCl", "--cases", "10", "--seed", "7", "--json", "--threads", threads).Line;
        Assert.Equal(Run("1"), Run("2"));
    }

    /// <summary>Cu's two pair parameters fitted to its own elastic constants and a lattice constant it does not have,
    /// so the fit moves: every measurement at every parameter set it tries is on one thread or two.</summary>
    [Fact]
    public void Fit_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var potential = Fit.FitCommandTests.TwoParameterCu(temp);
        var targets = temp.Write("cu.targets.toml", Fit.FitCommandTests.OwnTargets("""

            [[targets]]
            structure = "fcc"
            property = "lattice_constant"
            value = 3.6
            """));
        var output = temp.File("Cu.fitted.toml");
        CliRun Run(string threads) => CliRun.Of("fit", potential, "--targets", targets, "-o", output, "--json", "--threads", threads);
        var (one, two) = (Run("1"), Run("2"));
        Assert.True(one.ExitCode is 0 or 1, one.Stderr);
        Assert.True(System.Text.Json.Nodes.JsonNode.Parse(one.Stdout)!["iterations"]!.GetValue<int>() > 0, "the fit did not move: it compares one parameter set only");
        Assert.Equal(one, two);
    }

    [Fact]
    public void Validate_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var page = temp.File("validation.md");
        var plots = temp.File("plots");
        var potentials = Path.Combine(Validation.ValidationResultsFixture.Root, "potentials");
        (CliRun Run, string Page) Run(string threads)
        {
            File.WriteAllText(page, "<!-- validate:begin -->\n<!-- validate:end -->\n");
            return (CliRun.Of("validate", "-o", page, "--plots", plots, "--potentials", potentials, "--json", "--threads", threads), File.ReadAllText(page));
        }

        var (one, two) = (Run("1"), Run("2"));
        Assert.True(one.Run.ExitCode is 0 or 1, one.Run.Stderr);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Demo_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        var directory = temp.File("demo");
        (CliRun Run, string Relaxed, string Trajectory) Run(string threads)
        {
            var run = CliRun.Of("demo", "--out", directory, "--json", "--threads", threads);
            return (run, File.ReadAllText(Path.Combine(directory, Commands.DemoCommand.RelaxedFile)), File.ReadAllText(Path.Combine(directory, Commands.DemoCommand.TrajectoryFile)));
        }

        var (one, two) = (Run("1"), Run("2"));
        Assert.True(one.Run.ExitCode == 0, one.Run.Stderr);
        Assert.Equal(one, two);
    }

    /// <summary>Every command that computes reads the count the same way, before any of its work.</summary>
    [Theory]
    [InlineData("0", "--threads must be 1 or more (got 0)", "check", "NaCl")]
    [InlineData("-1", "--threads must be 1 or more (got -1)", "verify", "NaCl")]
    [InlineData("two", "--threads must be a whole number, 1 or more (got 'two')", "fit", "Cu", "--targets", "cu.targets.toml")]
    [InlineData("1.5", "--threads must be a whole number, 1 or more (got '1.5')", "validate", "-o", "validation.md")]
    [InlineData("0", "--threads must be 1 or more (got 0)", "demo", "--out", "demo")]
    public void Every_other_command_that_computes_refuses_a_count_that_is_not_a_whole_number_from_one_up(string value, string message, params string[] args)
    {
        CliRun.Of([.. args, "--threads", value]).AssertUserError(message);
    }

    [Theory]
    [InlineData("eval", "0", "--threads must be 1 or more (got 0)")]
    [InlineData("relax", "-2", "--threads must be 1 or more (got -2)")]
    [InlineData("md", "two", "--threads must be a whole number, 1 or more (got 'two')")]
    [InlineData("eval", "1.5", "--threads must be a whole number, 1 or more (got '1.5')")]
    public void A_count_that_is_not_a_whole_number_from_one_up_is_refused(string command, string value, string message)
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        string[] required = command == "md" ? ["--steps", "1"] : [];
        CliRun.Of([command, path, "--potential", "NaCl", .. required, "--threads", value]).AssertUserError(message);
    }

    [Fact]
    public void Dimer_refuses_zero_threads()
    {
        CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--threads", "0").AssertUserError("--threads must be 1 or more (got 0)");
    }
}
