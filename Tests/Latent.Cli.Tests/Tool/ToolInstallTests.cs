using System.IO.Compression;
using System.Reflection;

namespace Latent.Cli.Tests.Tool;

/// <summary>
/// <c>latent</c> as a .NET tool: the package is small (Linux x64 natives only), installs from a local folder, and
/// the installed command gives the in-repository CLI's numbers, compiles kernels at run time and draws PNG plots.
/// </summary>
public sealed class ToolInstallTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    /// <summary>Measured at 14.7 MB (37 MB unpacked); every platform's natives made it 195 MB.</summary>
    private const long MaxPackageBytes = 25_000_000;

    [Fact]
    public void The_package_is_small_and_carries_only_linux_x64_natives()
    {
        var bytes = new FileInfo(tool.Package).Length;
        Assert.True(bytes < MaxPackageBytes, $"{tool.Package} is {bytes:N0} bytes, over the bound of {MaxPackageBytes:N0}");
        using var zip = ZipFile.OpenRead(tool.Package);
        var runtimes = zip.Entries.Select(e => e.FullName).Where(n => n.Contains("/runtimes/", StringComparison.Ordinal)).ToList();
        Assert.Contains(runtimes, n => n.EndsWith("/runtimes/linux-x64/native/libSkiaSharp.so", StringComparison.Ordinal));
        Assert.All(runtimes, n => Assert.Contains("/runtimes/linux-x64/", n));
    }

    [Fact]
    public void The_installed_command_reports_the_version_of_the_in_repository_cli()
    {
        var run = tool.Run("--version");
        Assert.True(run.ExitCode == 0, run.Stderr);
        // In process, --version would name the test host; the version is the one built into latent.dll.
        var built = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(built, run.Stdout.Trim());
    }

    [Fact]
    public void Eval_gives_the_in_repository_numbers()
    {
        var path = Path.Combine(tool.Scratch("eval"), "cluster.extxyz");
        File.WriteAllText(path, Structures.NaClCluster());
        var installed = tool.Run("eval", path, "--potential", "NaCl", "--json");
        Assert.True(installed.ExitCode == 0, installed.Stderr);
        Assert.Equal(CliRun.Of("eval", path, "--potential", "NaCl", "--json").Line, installed.Stdout.Trim());
    }

    [Fact]
    public void Relax_of_a_potential_file_compiled_at_run_time_gives_the_in_repository_numbers()
    {
        var folder = tool.Scratch("relax");
        var structure = Path.Combine(folder, "cluster.extxyz");
        File.WriteAllText(structure, Structures.NaClCluster());
        // A potential given by path is compiled by Roslyn when the command runs, against the installed assemblies.
        var potential = Path.Combine(folder, "mine.toml");
        File.Copy(Path.Combine(BadInputs.BadInputCase.RepositoryRoot(), "potentials", "NaCl.toml"), potential);
        var installed = tool.Run("relax", structure, "--potential", potential, "--out", Path.Combine(folder, "tool.extxyz"), "--json");
        Assert.True(installed.ExitCode == 0, installed.Stderr);
        var inRepository = CliRun.Of("relax", structure, "--potential", potential, "--out", Path.Combine(folder, "repo.extxyz"), "--json");
        Assert.Equal(Without(inRepository.Line, "repo.extxyz"), Without(installed.Stdout.Trim(), "tool.extxyz"));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "repo.extxyz")), File.ReadAllText(Path.Combine(folder, "tool.extxyz")));
    }

    [Fact]
    public void Dimer_draws_its_png_with_the_packaged_natives()
    {
        var plot = Path.Combine(tool.Scratch("dimer"), "NaCl.png");
        var run = tool.Run("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "10", "--step", "0.5", "--plot", plot, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var bytes = File.ReadAllBytes(plot);
        Assert.True(bytes.Length > 1000, $"{plot} has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    /// <summary>The JSON with the output file's name taken out, the one thing the two runs differ in.</summary>
    private static string Without(string json, string name) => json.Replace(name, "OUT", StringComparison.Ordinal);
}
