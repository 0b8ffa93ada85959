using System.Text.RegularExpressions;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Structures.LammpsData;
using Latent.Runtime.Structures.Vasp;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Fuzzing;

/// <summary>
/// 100 000 random and mutated inputs to each of the readers a user feeds text to: the formula parser, the
/// potential-file reader and the structure readers (extended XYZ, LAMMPS data, POSCAR). Each must answer every input with a result or its own
/// located error — no other exception, and no input taking longer than a few seconds. Seeded: a failure names an
/// input that the same seed makes again.
/// </summary>
public sealed partial class ReaderFuzzTests
{
    private const int Inputs = 100_000;
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    private static readonly string[] PotentialFiles =
        PotentialSource.ShippedNames.Select(n => PotentialSource.Resolve(n).Text)
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Engine", "Data"), "*.toml").Select(File.ReadAllText))
            .ToArray();

    [GeneratedRegex("\"([^\"\\n]*)\"")]
    private static partial Regex Quoted();

    /// <summary>Every quoted string of the shipped potentials (their formulas among them), and formulas written for this.</summary>
    private static readonly string[] Formulas =
        PotentialFiles.SelectMany(t => Quoted().Matches(t).Select(m => m.Groups[1].Value))
            .Concat(["exp(-2*r)*(1 + r)/r", "select(rho > 0, rho*log(rho), 0)", "sqrt(x^2 + 1) - x", "erfc(0.2*r)/r", "(x-x)/(x-x)", "0/0", "-r^-2.5", "a*b + c/d - e^f"])
            .Distinct()
            .ToArray();

    private static readonly string[] XyzFiles =
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Structures", "Data"), "*xyz").Select(File.ReadAllText).ToArray();

    [Fact]
    public void The_formula_parser_answers_every_input_with_an_expression_or_a_located_error()
    {
        var mutator = new InputMutator(seed: 1101);
        var library = FunctionLibrary.table();
        FuzzRun.Run("formula parser", Inputs,
            i => i % 2 == 0 ? mutator.Mutate(Formulas[i / 2 % Formulas.Length]) : mutator.Tokens(12),
            text =>
            {
                _ = Parser.parseExpression(text);
                _ = Parser.parseExpressionWith(library, text);
            },
            allowed: null, PerInput);
    }

    [Fact]
    public void The_potential_reader_answers_every_input_with_a_potential_or_located_errors()
    {
        var mutator = new InputMutator(seed: 1102);
        var library = FunctionLibrary.table();
        FuzzRun.Run("potential reader", Inputs,
            i => mutator.Mutate(PotentialFiles[i % PotentialFiles.Length]),
            text => _ = PotentialReader.readWith(library, text),
            allowed: null, PerInput);
    }

    [Fact]
    public void The_extended_xyz_reader_answers_every_input_with_frames_or_a_located_error()
    {
        var mutator = new InputMutator(seed: 1103);
        FuzzRun.Run("extended XYZ reader", Inputs,
            i => mutator.Mutate(XyzFiles[i % XyzFiles.Length]),
            text => _ = ExtendedXyzReader.Parse(text, "fuzz.extxyz"),
            allowed: typeof(XyzFormatException), PerInput);
    }

    /// <summary>A triclinic charge file with image flags, velocities and pair coefficients, and a plain atomic one.</summary>
    private static readonly string[] LammpsFiles =
    [
        "NaCl\n\n3 atoms\n2 atom types\n0 0 bonds\n\n-1 5.64 xlo xhi\n0 5.64 ylo yhi\n0 5.64 zlo zhi\n0.5 -0.2 0.1 xy xz yz\n\nMasses\n\n1 22.98977 # Na\n2 35.453 # Cl\n\n"
            + "Pair Coeffs # lj/cut\n\n1 0.1 3\n2 0.2 3.5\n\nAtoms # charge\n\n3 1 0.5 0 0 0 1 0 -1\n1 2 -0.5 2.82 0 0 0 0 0\n2 1 0 1e-3 2.5E+0 4 0 2 0\n\nVelocities\n\n1 1 2 3\n2 0 0 0\n3 -1 -2 -3\n",
        "Cu\n2 atoms\n1 atom types\n0 3.6 xlo xhi\n0 3.6 ylo yhi\n0 3.6 zlo zhi\nAtoms\n1 1 0 0 0\n2 1 1.8 1.8 0\n",
    ];

    private static readonly string[] PoscarFiles =
    [
        "NaCl\n1.0\n 5.64 0 0\n 0.1 5.64 0\n 0 0.2 5.64\n Na Cl\n 2 1\nDirect\n 0 0 0\n 0.5 0.5 0\n 0.5 0 0 Cl\n",
        "cell\n-150\n1 0 0\n0 1 0\n0 0 1\nCu_pv\n2\nSelective dynamics\nCartesian\n0 0 0 T T F\n0.5 0.5 0 F F F\n\n0 0 0\n0 0 0\n",
        "three\n1 2 3\n1 0 0\n0 1 0\n0 0 1\nNa\n1\nK\n0.1 0.2 0.3\n",
    ];

    [Fact]
    public void The_lammps_data_reader_answers_every_input_with_a_structure_or_a_located_error()
    {
        var mutator = new InputMutator(seed: 1104);
        FuzzRun.Run("LAMMPS data reader", Inputs,
            i => mutator.Mutate(LammpsFiles[i % LammpsFiles.Length]),
            text => _ = LammpsDataReader.Parse(text, ["Na", "Cl"], "fuzz.data"),
            allowed: typeof(StructureFileException), PerInput);
    }

    [Fact]
    public void The_poscar_reader_answers_every_input_with_a_structure_or_a_located_error()
    {
        var mutator = new InputMutator(seed: 1105);
        FuzzRun.Run("POSCAR reader", Inputs,
            i => mutator.Mutate(PoscarFiles[i % PoscarFiles.Length]),
            text => _ = PoscarReader.Parse(text, "POSCAR"),
            allowed: typeof(StructureFileException), PerInput);
    }
}
