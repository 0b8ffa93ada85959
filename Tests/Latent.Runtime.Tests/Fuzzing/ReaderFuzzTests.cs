using System.Text.RegularExpressions;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Fuzzing;

/// <summary>
/// 100 000 random and mutated inputs to each of the three readers a user feeds text to: the formula parser, the
/// potential-file reader and the extended-XYZ reader. Each must answer every input with a result or its own
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
}
