using System.Diagnostics;

namespace Latent.Cli.Tests.Tool;

/// <summary>
/// The CLI packed with <c>dotnet pack</c> and installed with <c>dotnet tool install --tool-path</c> from that folder
/// alone, once for every test of <see cref="ToolInstallTests"/> (packing takes most of a minute).
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private readonly TempDirectory root = new();

    public InstalledTool()
    {
        var project = Path.Combine(BadInputs.BadInputCase.RepositoryRoot(), "Runtime", "Latent.Cli", "Latent.Cli.csproj");
        PackageFolder = root.File("package");
        ToolFolder = root.File("tool");
        // The configuration these tests were built in, so the pack reuses that build instead of making another.
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        Require(Dotnet("pack", project, "-c", configuration, "-o", PackageFolder, "--nologo"), "dotnet pack");
        Package = Assert.Single(Directory.GetFiles(PackageFolder, "*.nupkg"));
        // A packages folder of its own: the machine's cache may hold an older Latent.Cli of the same version,
        // which the install would take instead of the package just made.
        Require(Dotnet(
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = root.File("nuget-packages") },
            "tool", "install", "--tool-path", ToolFolder, "--add-source", PackageFolder, "Latent.Cli"), "dotnet tool install");
        Command = Path.Combine(ToolFolder, "latent");
        Assert.True(File.Exists(Command), $"the install gave no {Command}");
    }

    public string PackageFolder { get; }

    public string ToolFolder { get; }

    /// <summary>The .nupkg file made.</summary>
    public string Package { get; }

    /// <summary>The installed command, as a user would run it.</summary>
    public string Command { get; }

    /// <summary>A scratch folder for the files a test writes.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(root.File(Path.Combine("scratch", name))).FullName;

    /// <summary>Runs the installed <c>latent</c>.</summary>
    public ProcessResult Run(params string[] args)
    {
        var environment = HostEnvironment();
        // A compiled-kernel cache of its own, so a potential file is compiled by the installed tool, not found ready.
        environment["LATENT_CACHE_DIR"] = root.File("kernel-cache");
        return Start(Command, environment, args);
    }

    public void Dispose() => root.Dispose();

    /// <summary>The dotnet host that runs these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    // The tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not in a standard place.
    private static Dictionary<string, string> HostEnvironment() =>
        Path.IsPathRooted(Host) ? new() { ["DOTNET_ROOT"] = Path.GetDirectoryName(Host)! } : new();

    private static ProcessResult Dotnet(params string[] args) => Dotnet(new Dictionary<string, string>(), args);

    private static ProcessResult Dotnet(Dictionary<string, string> environment, params string[] args) => Start(Host, environment, args);

    private static void Require(ProcessResult result, string what) =>
        Assert.True(result.ExitCode == 0, $"{what} failed (exit {result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");

    private static ProcessResult Start(string program, Dictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        // The tool runs with the engine's own defaults, whatever the test runner's environment holds.
        start.Environment.Remove("LATENT_THREADS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(600_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within ten minutes");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

