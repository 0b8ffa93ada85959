using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;

namespace Latent.Cli.Bench;

/// <summary>The machine a benchmark ran on, as the page states it.</summary>
/// <param name="Cpu">Processor model (from /proc/cpuinfo where there is one).</param>
/// <param name="Cores">Logical processors the runtime sees.</param>
/// <param name="Runtime">.NET version.</param>
/// <param name="OperatingSystem">OS description.</param>
/// <param name="Vector256">Whether 256-bit SIMD is hardware-accelerated.</param>
internal sealed record MachineInfo(string Cpu, int Cores, string Runtime, string OperatingSystem, bool Vector256)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Describe()
    {
        var cpu = RuntimeInformation.ProcessArchitecture.ToString();
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var model = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
                cpu = model[(model.IndexOf(':') + 1)..].Trim();
        }
        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated);
    }

    /// <summary>As JSON.</summary>
    public JsonNode ToJson() => new JsonObject
    {
        ["cpu"] = Cpu,
        ["cores"] = Cores,
        ["runtime"] = Runtime,
        ["os"] = OperatingSystem,
        ["vector256"] = Vector256,
    };
}
