using Latent.Symbolic;
using Microsoft.FSharp.Collections;
using Xunit;
using E = Latent.Symbolic.ExprModule;
using Operand = Latent.Symbolic.StraightLine.Operand;
using Operation = Latent.Symbolic.StraightLine.Operation;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit.Tests;

/// <summary>The language-neutral facts emitters read from a program, and the checks that reject a malformed one.</summary>
public sealed class ProgramAnalysisTests
{
    private static readonly Expr X = Programs.Sym("x"), Y = Programs.Sym("y"), Z = Programs.Sym("z");

    /// <summary>The temporaries computed by comparisons.</summary>
    private static int[] Comparisons(ProgramAnalysis analysis) =>
        Enumerable.Range(0, analysis.InstructionCount).Where(analysis.IsComparison).ToArray();

    /// <summary>A program written instruction by instruction, so that it can be malformed.</summary>
    private static SlProgram Raw(string[] inputs, Operation[] operations, params Operand[] outputs) =>
        new(
            ListModule.OfSeq(inputs),
            operations.Select((o, i) => new StraightLine.Instruction(i, o)).ToArray(),
            ListModule.OfSeq(outputs.Select((o, i) => Tuple.Create("out" + i, o))));

    [Fact]
    public void A_comparison_read_only_by_selects_is_a_condition_and_not_a_value()
    {
        var analysis = new ProgramAnalysis(Programs.Build(("s", E.select(E.compare(Relation.Less, X, Y), X, Z))));
        int less = Assert.Single(Comparisons(analysis));
        Assert.True(analysis.UsedAsCondition(less));
        Assert.False(analysis.UsedAsValue(less));
    }

    [Fact]
    public void A_comparison_read_only_as_a_number_is_a_value_and_not_a_condition()
    {
        var less = E.compare(Relation.Less, X, Y);
        var analysis = new ProgramAnalysis(Programs.Build(("flag", less), ("scaled", Programs.Product(less, Z))));
        int comparison = Assert.Single(Comparisons(analysis));
        Assert.True(analysis.UsedAsValue(comparison));
        Assert.False(analysis.UsedAsCondition(comparison));
    }

    [Fact]
    public void A_comparison_read_both_ways_is_both()
    {
        var analysis = new ProgramAnalysis(Programs.MaskAndValue());
        var comparisons = Comparisons(analysis);
        Assert.NotEmpty(comparisons);
        Assert.Contains(comparisons, t => analysis.UsedAsCondition(t) && analysis.UsedAsValue(t));
    }

    [Fact]
    public void Inputs_are_read_by_instructions_or_outputs_and_a_folded_away_input_is_not()
    {
        var analysis = new ProgramAnalysis(Raw(
            new[] { "x", "y", "z" },
            new Operation[] { Operation.NewAdd(Operand.NewInput("x"), Operand.NewConstant(1.0)) },
            Operand.NewTemp(0), Operand.NewInput("z")));
        Assert.True(analysis.ReadsInput("x"));
        Assert.False(analysis.ReadsInput("y"));
        Assert.True(analysis.ReadsInput("z"));
    }

    [Fact]
    public void Any_value_can_be_a_condition_without_being_a_comparison()
    {
        var analysis = new ProgramAnalysis(Programs.Build(("s", E.select(Programs.Product(X, Y), Y, Z))));
        Assert.Empty(Comparisons(analysis));
        int product = Assert.Single(Enumerable.Range(0, analysis.InstructionCount), analysis.UsedAsCondition);
        Assert.False(analysis.UsedAsValue(product));
        Assert.False(analysis.IsComparison(Operand.NewTemp(product)));
    }

    [Fact]
    public void Operands_are_read_left_to_right_with_a_selects_condition_first()
    {
        var program = Raw(
            new[] { "x", "y" },
            new[]
            {
                Operation.NewCompare(Relation.Less, Operand.NewInput("x"), Operand.NewConstant(2.0)),
                Operation.NewSelect(Operand.NewTemp(0), Operand.NewInput("y"), Operand.NewInput("x")),
            },
            Operand.NewTemp(1), Operand.NewTemp(0), Operand.NewInput("y"));
        var analysis = new ProgramAnalysis(program);
        Assert.Equal(2, analysis.InstructionCount);
        Assert.Equal(3, analysis.OutputCount);
        Assert.Equal(new[] { Operand.NewInput("x"), Operand.NewConstant(2.0) }, analysis.Operands(0));
        Assert.Equal(new[] { Operand.NewTemp(0), Operand.NewInput("y"), Operand.NewInput("x") }, analysis.Operands(1));
        Assert.True(analysis.IsComparison(0));
        Assert.True(analysis.IsComparison(Operand.NewTemp(0)));
        Assert.False(analysis.IsComparison(1));
        Assert.False(analysis.IsComparison(Operand.NewInput("x")));
        // t0 is a select's condition and also an output; t1 only an output.
        Assert.True(analysis.UsedAsCondition(0) && analysis.UsedAsValue(0));
        Assert.True(!analysis.UsedAsCondition(1) && analysis.UsedAsValue(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.UsedAsValue(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.Operands(-1));
    }

    [Fact]
    public void Called_functions_are_listed_once_each_in_order_of_first_call()
    {
        var program = Raw(
            new[] { "x" },
            new[]
            {
                Operation.NewCall(Func.Erfc, Operand.NewInput("x")),
                Operation.NewCall(Func.Exp, Operand.NewTemp(0)),
                Operation.NewCall(Func.Erfc, Operand.NewTemp(1)),
                Operation.NewSqrt(Operand.NewTemp(2)),
            },
            Operand.NewTemp(3));
        Assert.Equal(new[] { Func.Erfc, Func.Exp }, new ProgramAnalysis(program).CalledFunctions);
        Assert.Empty(new ProgramAnalysis(Programs.Build(("p", Programs.Product(X, Y)))).CalledFunctions);
        Assert.Equal(new[] { Func.Exp }, new ProgramAnalysis(Programs.Screened()).CalledFunctions);
    }

    [Fact]
    public void Calls_and_what_their_arguments_need_come_first_then_the_rest_in_program_order()
    {
        var program = Raw(
            new[] { "x", "y" },
            new[]
            {
                Operation.NewMul(Operand.NewInput("x"), Operand.NewInput("y")),  // t0: read only after the calls
                Operation.NewAdd(Operand.NewTemp(0), Operand.NewConstant(1.0)),  // t1
                Operation.NewNeg(Operand.NewInput("x")),                         // t2: the exp's argument
                Operation.NewCall(Func.Exp, Operand.NewTemp(2)),                 // t3
                Operation.NewMul(Operand.NewTemp(1), Operand.NewTemp(3)),        // t4
                Operation.NewPow(Operand.NewTemp(0), Operand.NewInput("y")),     // t5: a general power is a call too
            },
            Operand.NewTemp(4), Operand.NewTemp(5));
        Assert.Equal(new[] { 2, 3, 0, 5, 1, 4 }, new ProgramAnalysis(program).Order);
    }

    [Fact]
    public void The_order_lists_every_instruction_once_after_the_instructions_it_reads()
    {
        foreach (var program in Programs.Sample(Programs.AnyProgram(), 200, seed: 20251203))
        {
            var analysis = new ProgramAnalysis(program);
            Assert.Equal(Enumerable.Range(0, analysis.InstructionCount), analysis.Order.OrderBy(i => i));
            var position = new int[analysis.InstructionCount];
            for (int k = 0; k < analysis.Order.Count; k++) position[analysis.Order[k]] = k;
            for (int i = 0; i < analysis.InstructionCount; i++)
                foreach (var operand in analysis.Operands(i))
                    if (operand is Operand.Temp t)
                        Assert.True(position[t.index] < position[i], $"t{i} is printed before t{t.index}, which it reads");
        }
    }

    [Fact]
    public void The_input_order_defaults_to_the_programs_and_is_kept_as_given()
    {
        var program = Programs.Screened();
        Assert.Equal(new[] { "r", "z" }, new ProgramAnalysis(program).InputOrder);
        Assert.Equal(new[] { "z", "r" }, new ProgramAnalysis(program, new[] { "z", "r" }).InputOrder);
    }

    [Theory]
    [InlineData("r")]
    [InlineData("r", "r")]
    [InlineData("r", "zeta")]
    [InlineData("r", "z", "w")]
    [InlineData("r", "z", "r")]
    public void An_input_order_must_list_each_input_exactly_once(params string[] order)
    {
        var error = Assert.Throws<ArgumentException>(() => new ProgramAnalysis(Programs.Screened(), order));
        Assert.Equal("inputOrder", error.ParamName);
        Assert.StartsWith($"The input order ({string.Join(", ", order)}) must list each program input (r, z) exactly once.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_temporary_read_before_it_is_computed_is_rejected()
    {
        var selfRead = Raw(new[] { "x" }, new[] { Operation.NewNeg(Operand.NewTemp(0)) }, Operand.NewTemp(0));
        var error = Assert.Throws<ArgumentException>(() => new ProgramAnalysis(selfRead));
        Assert.Equal("program", error.ParamName);
        Assert.StartsWith("t0 is read before it is computed.", error.Message, StringComparison.Ordinal);

        var missingOutput = Raw(new[] { "x" }, new[] { Operation.NewNeg(Operand.NewInput("x")) }, Operand.NewTemp(1));
        Assert.StartsWith("t1 is read before it is computed.",
            Assert.Throws<ArgumentException>(() => new ProgramAnalysis(missingOutput)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undeclared_input_and_a_misnumbered_target_are_rejected()
    {
        var undeclared = Raw(new[] { "x" }, new[] { Operation.NewNeg(Operand.NewInput("y")) }, Operand.NewTemp(0));
        var error = Assert.Throws<ArgumentException>(() => new ProgramAnalysis(undeclared));
        Assert.Equal("program", error.ParamName);
        Assert.StartsWith("'y' is used but is not an input of the program.", error.Message, StringComparison.Ordinal);

        var misnumbered = new SlProgram(
            ListModule.OfSeq(new[] { "x" }),
            new[] { new StraightLine.Instruction(1, Operation.NewNeg(Operand.NewInput("x"))) },
            ListModule.OfSeq(new[] { Tuple.Create("out", Operand.NewTemp(0)) }));
        error = Assert.Throws<ArgumentException>(() => new ProgramAnalysis(misnumbered));
        Assert.Equal("program", error.ParamName);
        Assert.StartsWith("Instruction 0 assigns t1: targets must equal instruction indices.", error.Message, StringComparison.Ordinal);
    }
}
