using System.Diagnostics;
using System.Text.Json;

namespace Latent.Cli.Tests;

/// <summary>
/// Reads a file the way an ASE user does — <c>ase.io.read(path, index=':')</c> with Debian's ASE under
/// /usr/bin/python3 — and returns what ASE made of every frame as JSON. CI installs python3-ase (.ci/run);
/// without it these tests fail, naming what is missing, rather than pass unchecked.
/// </summary>
public static class AseReader
{
    // Per frame: the calculator's results as ASE holds them, the arrays, the constraints and the info.
    private const string Script = """
        import json, sys
        import numpy as np
        import ase, ase.io, ase.db
        from ase.constraints import FixAtoms
        frames = ase.io.read(sys.argv[1], index=':')
        # An ASE database keeps info as each row's key-value pairs and data, which ase.io.read leaves out.
        rows = list(ase.db.connect(sys.argv[1]).select()) if sys.argv[1].endswith('.json') else [None] * len(frames)
        out = []
        for a, row in zip(frames, rows):
            calc = a.calc
            results = {} if calc is None else {k: np.asarray(v).tolist() for k, v in calc.results.items()}
            try:
                charges = a.get_charges().tolist()
            except Exception:
                charges = None
            fixed = sorted(int(i) for c in a.constraints if isinstance(c, FixAtoms) for i in c.index)
            out.append({
                'energy': a.get_potential_energy() if calc is not None else None,
                'results': results,
                'charges': charges,
                'arrays': {k: np.asarray(v).tolist() for k, v in a.arrays.items() if k != 'numbers'},
                'symbols': a.get_chemical_symbols(),
                'masses': a.get_masses().tolist(),
                'kinetic': a.get_kinetic_energy(),
                'fixed': fixed,
                'info': {k: (np.asarray(v).tolist() if isinstance(v, np.ndarray) else v) for k, v in a.info.items()},
                'key_value_pairs': None if row is None else row.key_value_pairs,
                'data': None if row is None else {k: np.asarray(v).tolist() for k, v in row.data.items()},
            })
        print(json.dumps({'ase': ase.__version__, 'frames': out}, default=lambda o: o.tolist() if hasattr(o, 'tolist') else str(o)))
        """;

    /// <summary>Every frame of <paramref name="path"/> as ASE reads it; fails the test when ASE cannot read the file.</summary>
    public static (string Version, JsonElement[] Frames) Read(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            Assert.Fail($"these tests read files with /usr/bin/python3 and ASE (Debian: apt-get install python3-ase): {error.Message}");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"ase.io.read('{path}', index=':') failed:\n{stderr.Result}\n--- file ---\n{File.ReadAllText(path)}");
            var root = JsonDocument.Parse(stdout).RootElement;
            return (root.GetProperty("ase").GetString()!, root.GetProperty("frames").EnumerateArray().ToArray());
        }
    }

    /// <summary>A JSON array of numbers (nested arrays flattened) as doubles.</summary>
    public static double[] Numbers(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Numbers).ToArray()
        : [element.GetDouble()];
}
