using System.Buffers;
using System.Text.Json;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Serve;

/// <summary>
/// What <c>latent serve</c> computes for each i-PI request: the template structure (i-PI sends only a cell
/// and positions, so the species and periodic directions come from a file) moved to the sent positions and
/// cell, evaluated by the engine, and the answer in the wire's units. One calculator serves every request,
/// so each solve warm-starts from the previous weights, as a <c>relax</c> or <c>md</c> step does.
/// </summary>
public sealed class IpiForceField
{
    private readonly PotentialKernels kernels;
    private readonly IEngineCalculator calculator;
    private readonly Structure structure;
    private readonly string source;
    private readonly ArrayBufferWriter<byte> extras = new();
    private readonly Utf8JsonWriter json;
    private readonly bool jsonExtras;

    /// <param name="template">The structure whose species, masses and periodic directions every request keeps.</param>
    /// <param name="source">The template's file, named in errors.</param>
    /// <param name="jsonExtras">Send the results beyond forces and virial as JSON; else one zero byte.</param>
    public IpiForceField(PotentialKernels kernels, IEngineCalculator calculator, Structure template, string source, bool jsonExtras)
    {
        this.jsonExtras = jsonExtras;
        this.kernels = kernels;
        this.calculator = calculator;
        structure = template.Clone();
        this.source = source;
        Forces = new double[3 * template.Count];
        json = new Utf8JsonWriter(extras);
    }

    /// <summary>Atoms of the template: every POSDATA must send this many.</summary>
    public int Count => structure.Count;

    /// <summary>A of the last request (Hartree).</summary>
    public double Energy { get; private set; }

    /// <summary>Forces of the last request (Hartree/Bohr), x y z per atom.</summary>
    public double[] Forces { get; }

    /// <summary>The virial −σV of the last request (Hartree), row by row; zero for a structure not periodic in all three directions.</summary>
    public double[] Virial { get; } = new double[9];

    /// <summary>
    /// The last request's extras: UTF-8 JSON with A and E (eV), charges (e), per-atom energies (eV), latent weights
    /// and λ; or one zero byte, which is what ASE's own client sends (readers take an empty string as a closed socket).
    /// </summary>
    public ReadOnlySpan<byte> Extras => extras.WrittenSpan;

    /// <summary>Evaluates the template at the sent geometry.</summary>
    /// <param name="cell">The 9 numbers of the cell (Bohr) as sent: row by row a matrix whose columns are the lattice vectors.</param>
    /// <param name="positions">x y z of each atom (Bohr).</param>
    /// <exception cref="UserError">A cell the periodic template cannot use (flat, or too thin for the potential's reach).</exception>
    public void Evaluate(ReadOnlySpan<double> cell, ReadOnlySpan<double> positions)
    {
        for (var i = 0; i < structure.Count; i++)
        {
            structure.X[i] = positions[3 * i] * IpiUnits.Bohr;
            structure.Y[i] = positions[3 * i + 1] * IpiUnits.Bohr;
            structure.Z[i] = positions[3 * i + 2] * IpiUnits.Bohr;
        }

        // A cluster keeps its own (absent) cell: ASE sends zeros for it and i-PI a box that means nothing to it.
        if (structure.Cell.IsPeriodic)
            UseCell(cell);

        var result = calculator.Calculate(structure);
        const double forceUnit = IpiUnits.Bohr / IpiUnits.Hartree;
        Energy = result.FreeEnergy / IpiUnits.Hartree;
        for (var i = 0; i < structure.Count; i++)
        {
            Forces[3 * i] = result.Forces[i].X * forceUnit;
            Forces[3 * i + 1] = result.Forces[i].Y * forceUnit;
            Forces[3 * i + 2] = result.Forces[i].Z * forceUnit;
        }

        Array.Clear(Virial);
        if (result.Stress is { } s)
        {
            // −σV from Voigt xx yy zz yz xz xy; symmetric, so its row and column order agree.
            var scale = -Math.Abs(structure.Cell.Volume) / IpiUnits.Hartree;
            (Virial[0], Virial[4], Virial[8]) = (scale * s[0], scale * s[1], scale * s[2]);
            Virial[5] = Virial[7] = scale * s[3];
            Virial[2] = Virial[6] = scale * s[4];
            Virial[1] = Virial[3] = scale * s[5];
        }

        WriteExtras(result);
    }

    private void UseCell(ReadOnlySpan<double> m)
    {
        var a = new Vec3(m[0], m[3], m[6]) * IpiUnits.Bohr;
        var b = new Vec3(m[1], m[4], m[7]) * IpiUnits.Bohr;
        var c = new Vec3(m[2], m[5], m[8]) * IpiUnits.Bohr;
        var current = structure.Cell;
        if (a == current.A && b == current.B && c == current.C)
            return; // unchanged: keep the cell object, and with it the engine's neighbour lists

        var volume = Math.Abs(Vec3.Dot(a, Vec3.Cross(b, c)));
        if (!(volume > 0) || !double.IsFinite(volume))
            throw new UserError($"the i-PI server sent a flat cell (volume {Numbers.Format(volume)} Å³) for the periodic structure of {source}");
        structure.Cell = new Cell(a, b, c, current.Periodic[0], current.Periodic[1], current.Periodic[2]);
        CellReach.Require(kernels, structure, "the i-PI server's cell");
    }

    private void WriteExtras(EngineResult result)
    {
        extras.ResetWrittenCount();
        if (!jsonExtras)
        {
            extras.GetSpan(1)[0] = 0;
            extras.Advance(1);
            return;
        }

        json.Reset();
        json.WriteStartObject();
        json.WriteNumber("A", result.FreeEnergy);
        json.WriteNumber("E", result.InternalEnergy);
        json.WriteNumber("lambda", result.Lambda);
        json.WriteStartArray("charges");
        foreach (var q in result.Charges)
            json.WriteNumberValue(q);
        json.WriteEndArray();
        json.WriteStartArray("energies");
        for (var i = 0; i < structure.Count; i++)
            json.WriteNumberValue(result.Terms.AtomFreeEnergy(i));
        json.WriteEndArray();
        // A continuous-charge potential has no latent weights: the key is left out rather than empty.
        if (result.Weights is { } weights)
        {
            json.WriteStartArray("weights");
            foreach (var atom in weights)
            {
                json.WriteStartArray();
                foreach (var w in atom)
                    json.WriteNumberValue(w);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
    }
}
