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
    public void Dimer_is_the_same_bit_for_bit_on_one_thread_and_two()
    {
        string Run(string threads) => CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "12", "--step", "0.25", "--json", "--threads", threads).Line;
        Assert.Equal(Run("1"), Run("2"));
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
