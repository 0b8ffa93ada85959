using System.Collections.ObjectModel;
using Latent.Symbolic;
using Operand = Latent.Symbolic.StraightLine.Operand;
using Operation = Latent.Symbolic.StraightLine.Operation;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit;

/// <summary>
/// What every emitter, whatever language it prints, needs to know about one
/// <see cref="StraightLine.Program"/> before printing it: the program checked (inputs in parameter
/// order, each instruction's target equal to its index, nothing read before it is computed), and
/// facts about its temporaries and calls. Comparisons matter most: a branch-free kernel keeps a
/// comparison as a mask where a select uses it as a condition and as 1.0/0.0 where anything uses it
/// as a number, so an emitter must know which of the two (or both) each comparison needs.
/// Immutable; it prints nothing.
/// </summary>
public sealed class ProgramAnalysis
{
    private readonly ReadOnlyCollection<Operand>[] operands;
    private readonly bool[] isComparison;
    private readonly bool[] usedAsCondition;
    private readonly bool[] usedAsValue;
    private readonly HashSet<string> readInputs = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="program"/> and analyses it.</summary>
    /// <param name="program">The program to print.</param>
    /// <param name="inputOrder">The program's inputs in parameter order; null for the program's own (ordinal) order.</param>
    /// <exception cref="ArgumentException">
    /// The input order does not list each program input exactly once, an instruction's target is not
    /// its index, or an instruction or output reads a name that is not an input or a temporary that
    /// is not computed before it.
    /// </exception>
    public ProgramAnalysis(SlProgram program, IReadOnlyList<string>? inputOrder = null)
    {
        Program = program;
        var inputs = program.Inputs.ToList();
        var order = inputOrder?.ToList() ?? inputs;
        var declared = new HashSet<string>(inputs, StringComparer.Ordinal);
        if (order.Count != declared.Count || !declared.SetEquals(order) || new HashSet<string>(order, StringComparer.Ordinal).Count != order.Count)
            throw new ArgumentException(
                $"The input order ({string.Join(", ", order)}) must list each program input ({string.Join(", ", inputs)}) exactly once.",
                nameof(inputOrder));
        InputOrder = order.AsReadOnly();

        var instructions = program.Instructions;
        operands = new ReadOnlyCollection<Operand>[instructions.Length];
        isComparison = new bool[instructions.Length];
        usedAsCondition = new bool[instructions.Length];
        usedAsValue = new bool[instructions.Length];
        var called = new List<Func>();
        for (int i = 0; i < instructions.Length; i++)
        {
            var operation = instructions[i].Operation;
            if (instructions[i].Target != i)
                throw new ArgumentException($"Instruction {i} assigns t{instructions[i].Target}: targets must equal instruction indices.", nameof(program));
            isComparison[i] = operation is Operation.Compare;
            if (operation is Operation.Call call && !called.Contains(call.Item1)) called.Add(call.Item1);
            var read = StraightLine.operands(operation).ToList();
            operands[i] = read.AsReadOnly();
            for (int j = 0; j < read.Count; j++)
            {
                Check(read[j], i, declared);
                if (read[j] is Operand.Input input) readInputs.Add(input.Item);
                if (read[j] is Operand.Temp t)
                {
                    // A select's first operand is its condition; every other operand is a number.
                    if (operation is Operation.Select && j == 0) usedAsCondition[t.index] = true;
                    else usedAsValue[t.index] = true;
                }
            }
        }
        foreach (var output in program.Outputs)
        {
            Check(output.Item2, instructions.Length, declared);
            if (output.Item2 is Operand.Temp t) usedAsValue[t.index] = true;
            if (output.Item2 is Operand.Input input) readInputs.Add(input.Item);
        }
        CalledFunctions = called.AsReadOnly();
        Order = CallsFirst(instructions, operands);
    }

    /// <summary>
    /// The order to print the instructions in: every call (a function or a general power), each
    /// preceded by whatever its argument needs, in program order; then the rest in program order.
    /// A call clobbers every floating-point register, so each value live across one is saved and
    /// reloaded; with the calls first only their results and the inputs live across them (measured on
    /// the Na–Cl pair: 9 % off the scalar kernel, 24 % off the vector one, whose Vector256.Exp is a
    /// call too). Any order that computes operands first gives the same numbers, bit for bit.
    /// </summary>
    private static ReadOnlyCollection<int> CallsFirst(StraightLine.Instruction[] instructions, ReadOnlyCollection<Operand>[] operands)
    {
        var order = new List<int>(instructions.Length);
        var placed = new bool[instructions.Length];
        var pending = new Stack<(int Instruction, int NextOperand)>();

        // Depth-first over operands, iteratively: dependency chains can be as long as the program.
        void Place(int root)
        {
            if (placed[root]) return;
            pending.Push((root, 0));
            while (pending.Count > 0)
            {
                var (i, next) = pending.Pop();
                var read = operands[i];
                while (next < read.Count && !(read[next] is Operand.Temp t && !placed[t.index])) next++;
                if (next < read.Count)
                {
                    pending.Push((i, next + 1));
                    var dependency = ((Operand.Temp)read[next]).index;
                    // The same temporary may be read twice, or reached by two paths: place it once.
                    if (!placed[dependency]) pending.Push((dependency, 0));
                    continue;
                }
                if (placed[i]) continue;
                placed[i] = true;
                order.Add(i);
            }
        }

        for (int i = 0; i < instructions.Length; i++)
            if (instructions[i].Operation is Operation.Call or Operation.Pow) Place(i);
        for (int i = 0; i < instructions.Length; i++)
            Place(i);
        return order.AsReadOnly();
    }

    /// <summary>The analysed program.</summary>
    public SlProgram Program { get; }

    /// <summary>The program's inputs in parameter order: each input exactly once.</summary>
    public IReadOnlyList<string> InputOrder { get; }

    /// <summary>
    /// True when an instruction or an output reads input <paramref name="input"/>. Every input is a
    /// parameter, even one constant folding left unread (a zero embedding's rho), so a kernel's
    /// signature depends only on its formulas; an emitter whose compiler warns on unused parameters asks here.
    /// </summary>
    public bool ReadsInput(string input) => readInputs.Contains(input);

    /// <summary>Number of instructions, which is also the number of temporaries (t0 … tN-1).</summary>
    public int InstructionCount => operands.Length;

    /// <summary>Number of outputs: the length a kernel's output array needs.</summary>
    public int OutputCount => Program.Outputs.Length;

    /// <summary>
    /// Every instruction index once, in the order to print them: operands always before their readers,
    /// calls as early as their arguments allow (see the constructor's notes on why).
    /// </summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>The functions the program calls (exp, erf, ...), each once, in the order of their first call.</summary>
    public IReadOnlyList<Func> CalledFunctions { get; }

    /// <summary>The operands instruction <paramref name="instruction"/> reads, left to right (a select's condition first).</summary>
    public IReadOnlyList<Operand> Operands(int instruction) => operands[RequireIndex(instruction, nameof(instruction))];

    /// <summary>True when temporary <paramref name="temp"/> is the result of a comparison.</summary>
    public bool IsComparison(int temp) => isComparison[RequireIndex(temp, nameof(temp))];

    /// <summary>True when <paramref name="operand"/> is a temporary that is the result of a comparison.</summary>
    public bool IsComparison(Operand operand) => operand is Operand.Temp t && IsComparison(t.index);

    /// <summary>True when some select reads temporary <paramref name="temp"/> as its condition.</summary>
    public bool UsedAsCondition(int temp) => usedAsCondition[RequireIndex(temp, nameof(temp))];

    /// <summary>
    /// True when temporary <paramref name="temp"/> is read as a number: by an instruction other than
    /// as a select's condition, or as an output.
    /// </summary>
    public bool UsedAsValue(int temp) => usedAsValue[RequireIndex(temp, nameof(temp))];

    private int RequireIndex(int index, string parameter) =>
        index >= 0 && index < operands.Length
            ? index
            : throw new ArgumentOutOfRangeException(parameter, index, $"The program has {operands.Length} instructions.");

    private static void Check(Operand o, int before, HashSet<string> inputs)
    {
        switch (o)
        {
            case Operand.Input s when !inputs.Contains(s.Item):
                throw new ArgumentException($"'{s.Item}' is used but is not an input of the program.", "program");
            case Operand.Temp t when t.index < 0 || t.index >= before:
                throw new ArgumentException($"t{t.index} is read before it is computed.", "program");
        }
    }
}
