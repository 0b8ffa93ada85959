using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Latent.Emit.Tests.Cpp;

/// <summary>
/// Compiles C++ with the system's g++ in a temporary directory and runs the program: how the C++
/// emitter's tests check generated code. Flags are the ones the generated files ask for: C++11,
/// -O2, -ffp-contract=off, every warning an error. No g++ is a test failure with a clear message,
/// never a skip (CI installs it: .ci/run). Shared with the generator tests (linked there).
/// </summary>
internal static class Gpp
{
    /// <summary>The first g++ on PATH (as .ci/run's <c>command -v g++</c> finds it), or null.</summary>
    public static string? Compiler { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "g++"))
            .FirstOrDefault(File.Exists);

    public static readonly string[] Flags =
        { "-std=c++11", "-O2", "-ffp-contract=off", "-Wall", "-Wextra", "-Wshadow", "-pedantic", "-Werror" };

    /// <summary>
    /// Flags under which GCC vectorises a batch loop without calls (with -O2 alone it keeps selects as
    /// branches); they change no number, which the tests check by compiling with and without them.
    /// </summary>
    public static readonly string[] VectorisingFlags = { "-O3", "-fno-trapping-math", "-fno-math-errno" };

    /// <summary>
    /// Writes <paramref name="files"/> (name, text) into a fresh directory, compiles every .cpp among them
    /// into one executable, runs it and returns its standard output; fails the test with the compiler's
    /// messages when anything goes wrong.
    /// </summary>
    public static string CompileAndRun(IEnumerable<(string Name, string Text)> files, params string[] extraFlags)
    {
        Xunit.Assert.True(Compiler is not null,
            "no g++ on PATH: the C++ emitter's tests compile generated code with g++. Install it (apt-get install g++; .ci/run does so in CI).");
        string directory = Path.Combine(Path.GetTempPath(), "latent-cpp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var sources = new List<string>();
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
                if (name.EndsWith(".cpp", StringComparison.Ordinal)) sources.Add(name);
            }
            string executable = Path.Combine(directory, "harness");
            var compile = Run(Compiler!, directory, Flags.Concat(extraFlags).Concat(sources).Concat(new[] { "-o", executable }).ToArray());
            Xunit.Assert.True(compile.ExitCode == 0, $"g++ failed ({string.Join(" ", Flags.Concat(extraFlags))}):\n{compile.Stderr}");
            var run = Run(executable, directory);
            Xunit.Assert.True(run.ExitCode == 0, $"the compiled harness exited with {run.ExitCode}:\n{run.Stderr}");
            return run.Stdout;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>C++ that prints doubles as 16 hex digits of their bits and makes doubles of bits.</summary>
    public const string BitsPrelude = """
        #include <cstdio>
        #include <cstring>
        #include <stdint.h>

        static double from_bits(uint64_t bits) { double d; std::memcpy(&d, &bits, sizeof d); return d; }
        static void print_bits(double d) { uint64_t bits; std::memcpy(&bits, &d, sizeof d); std::printf(" %016llx", static_cast<unsigned long long>(bits)); }

        """;

    /// <summary>
    /// C++ statements declaring <c>double name[]</c> filled at run time with exactly <paramref name="values"/>:
    /// read through volatile, so the compiler cannot see the arguments and fold a library call on them
    /// with its own correctly rounded arithmetic (which is not the C library's, and not what a real caller gets).
    /// </summary>
    public static string RuntimeArray(string name, IReadOnlyList<double> values, string indent = "  ")
    {
        string n = values.Count.ToString(CultureInfo.InvariantCulture);
        string bits = string.Join(", ", values.Select(v => $"0x{BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture)}ULL"));
        return $"{indent}static const volatile uint64_t {name}_bits[] = {{{bits}}};\n"
            + $"{indent}double {name}[{n}];\n"
            + $"{indent}for (int j = 0; j < {n}; ++j) {name}[j] = from_bits({name}_bits[j]);\n";
    }

    /// <summary>The doubles of one line the harness printed with print_bits (after its first <paramref name="skip"/> words).</summary>
    public static double[] ParseBits(string line, int skip) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(skip)
            .Select(w => BitConverter.Int64BitsToDouble(unchecked((long)ulong.Parse(w, NumberStyles.HexNumber, CultureInfo.InvariantCulture))))
            .ToArray();

    private static (int ExitCode, string Stdout, string Stderr) Run(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
