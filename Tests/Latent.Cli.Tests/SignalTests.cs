using System.Diagnostics;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// The real <c>latent</c> process interrupted mid-run: SIGINT and SIGTERM finish the step, write the restart
/// state and exit 130/143 with one line; after SIGKILL every file still reads (a torn last trajectory frame
/// dropped with a warning) and <c>--restart</c> continues. Each run writes a frame every step and is
/// signalled once two frames are on disk, so the signal always lands mid-run.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void Md_stopped_by_a_signal_writes_its_state_exits_128_plus_the_signal_and_restarts(string signal, int code)
    {
        var (trajectory, checkpoint) = (temp.File("md.extxyz"), temp.File("md.restart.extxyz"));
        using var latent = LatentProcess.Start("md", temp.Write("cell.extxyz", Structures.RockSaltCell()), "-p", "NaCl", "--steps", "10000000", "--every", "1",
            "--out", trajectory, "--checkpoint", checkpoint, "--json");
        latent.WaitForFrames(trajectory, 2);
        latent.Signal(signal);
        var (exit, _, stderr) = latent.Finish();

        Assert.Equal(code, exit);
        var line = Assert.Single(stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.Matches($@"^latent: SIG{signal}: md stopped after step (\d+); its state is in .* \(continue with: latent md --restart .* --steps 10000000\)$", line);
        // Every file is whole: the trajectory reads strictly and ends on the step the restart state holds.
        var frames = ExtendedXyzReader.ReadFile(trajectory);
        var saved = Assert.Single(ExtendedXyzReader.ReadFile(checkpoint));
        var step = (int)saved.Info["step"];
        Assert.Equal(step, (int)frames[^1].Info["step"]);
        Assert.Equal(frames.Count - 1, step);
        Assert.Contains($"after step {step};", line);

        var more = CliRun.Of("md", "--restart", checkpoint, "--steps", (step + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "--every", "1", "--out", trajectory);
        Assert.True(more.ExitCode == 0, more.Stderr);
        Assert.Equal(Enumerable.Range(0, step + 4), ExtendedXyzReader.ReadFile(trajectory).Select(f => (int)f.Info["step"]));
    }

    [Fact]
    public void Md_killed_leaves_files_that_read_and_a_run_that_continues()
    {
        var (trajectory, checkpoint) = (temp.File("md.extxyz"), temp.File("md.restart.extxyz"));
        using var latent = LatentProcess.Start("md", temp.Write("cell.extxyz", Structures.RockSaltCell()), "-p", "NaCl", "--steps", "10000000", "--every", "1",
            "--checkpoint-every", "5", "--out", trajectory, "--checkpoint", checkpoint, "--json");
        latent.WaitForFrames(trajectory, 12);
        latent.Kill();

        var torn = new List<XyzFormatException>();
        var frames = ExtendedXyzReader.ReadFile(trajectory, torn.Add);
        Assert.True(torn.Count <= 1);
        Assert.Equal(Enumerable.Range(0, frames.Count), frames.Select(f => (int)f.Info["step"]));
        var step = (int)Assert.Single(ExtendedXyzReader.ReadFile(checkpoint)).Info["step"];
        Assert.True(step % 5 == 0 && step <= frames.Count, $"restart state of step {step}");

        var more = CliRun.Of("md", "--restart", checkpoint, "--steps", (step + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "--every", "1", "--out", trajectory);
        Assert.True(more.ExitCode == 0, more.Stderr);
        Assert.Equal(Enumerable.Range(0, step + 4), ExtendedXyzReader.ReadFile(trajectory).Select(f => (int)f.Info["step"]));
    }

    [Fact]
    public void Relax_killed_leaves_a_trajectory_that_reads_and_terminated_writes_the_structure_so_far()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var trajectory = temp.File("relax.extxyz");
        using (var killed = LatentProcess.Start("relax", input, "-p", "NaCl", "--fmax", "1e-300", "--steps", "10000000", "--out", temp.File("k.extxyz"), "--trajectory", trajectory, "--json"))
        {
            killed.WaitForFrames(trajectory, 3);
            killed.Kill();
        }

        var frames = ExtendedXyzReader.ReadFile(trajectory, _ => { });
        Assert.Equal(Enumerable.Range(0, frames.Count), frames.Select(f => (int)f.Info["step"]));

        // A fresh trajectory: the old one's frames would signal the new process before it is listening.
        var (output, second) = (temp.File("relaxed.extxyz"), temp.File("relax2.extxyz"));
        using var stopped = LatentProcess.Start("relax", input, "-p", "NaCl", "--fmax", "1e-300", "--steps", "10000000", "--out", output, "--trajectory", second, "--json");
        stopped.WaitForFrames(second, 3);
        stopped.Signal("TERM");
        var (exit, _, stderr) = stopped.Finish();
        Assert.Equal(143, exit);
        Assert.StartsWith("latent: SIGTERM: relax stopped after step", stderr);
        Assert.Single(ExtendedXyzReader.ReadFile(output));
    }

    /// <summary>The built latent.dll as a child process, with the signal dispositions of a foreground program.</summary>
    [Fact]
    public void Md_killed_leaves_an_ase_database_trajectory_that_ase_reads_whole()
    {
        var trajectory = temp.File("md.json");
        using var latent = LatentProcess.Start("md", temp.Write("cell.extxyz", Structures.RockSaltCell()), "-p", "NaCl", "--steps", "10000000", "--every", "1",
            "--out", trajectory, "--checkpoint", temp.File("md.restart.extxyz"), "--json");
        latent.WaitForFrames(trajectory, 12);
        latent.Kill();

        // The database is whole after every frame: ASE reads every frame the run wrote, steps 0, 1, 2… without a gap.
        var (_, frames) = AseReader.Read(trajectory);
        Assert.True(frames.Length >= 12, $"{frames.Length} frames");
        Assert.Equal(Enumerable.Range(0, frames.Length), frames.Select(f => f.GetProperty("key_value_pairs").GetProperty("step").GetInt32()));
        Assert.All(frames, f => Assert.Equal(8, f.GetProperty("charges").GetArrayLength()));
    }

    private sealed class LatentProcess : IDisposable
    {
        private readonly Process process;
        private readonly Task<string> stdout;
        private readonly Task<string> stderr;

        private LatentProcess(Process process)
        {
            this.process = process;
            stdout = process.StandardOutput.ReadToEndAsync();
            stderr = process.StandardError.ReadToEndAsync();
        }

        public static LatentProcess Start(params string[] args)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "latent.dll");
            Assert.True(File.Exists(dll), $"{dll} not built");
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
            // A program started in the background by a script inherits SIGINT ignored, and then rightly
            // ignores Ctrl-C; env puts the default back so the test sees what a terminal user's run does.
            var start = new ProcessStartInfo(InheritsIgnoredInterrupt() ? "env" : host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (start.FileName == "env")
            {
                start.ArgumentList.Add("--default-signal=INT");
                start.ArgumentList.Add(host);
            }

            start.ArgumentList.Add(dll);
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            return new LatentProcess(Process.Start(start)!);
        }

        /// <summary>Waits (at most a minute) until the trajectory holds that many whole frames.</summary>
        public void WaitForFrames(string path, int count)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(1))
            {
                Assert.False(process.HasExited, $"latent exited early ({(process.HasExited ? process.ExitCode : 0)}): {(process.HasExited ? stderr.Result : "")}");
                if (File.Exists(path) && Frames(path) >= count)
                    return;
                Thread.Sleep(20);
            }

            Assert.Fail($"no {count} frames in {path} within a minute");
        }

        public void Signal(string name)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public void Kill()
        {
            process.Kill();
            process.WaitForExit();
        }

        public (int ExitCode, string Stdout, string Stderr) Finish()
        {
            Assert.True(process.WaitForExit(60_000), "latent did not stop within a minute of the signal");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }

        public void Dispose()
        {
            if (!process.HasExited)
                Kill();
            process.Dispose();
        }

        private static int Frames(string path)
        {
            try
            {
                using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                if (path.EndsWith(".json", StringComparison.Ordinal))
                    return System.Text.Json.JsonDocument.Parse(reader.ReadToEnd()).RootElement.GetProperty("ids").GetArrayLength();
                return ExtendedXyzReader.Read(reader, path, _ => { }).Count;
            }
            catch (Exception error) when (error is IOException or System.Text.Json.JsonException)
            {
                // Not yet created, or (an ASE database) caught between two writes of a frame, which the test then fails on.
                return 0;
            }
        }

        private static bool InheritsIgnoredInterrupt()
        {
            const string status = "/proc/self/status";
            if (!File.Exists(status))
                return false;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << 1)) != 0;
        }
    }
}
