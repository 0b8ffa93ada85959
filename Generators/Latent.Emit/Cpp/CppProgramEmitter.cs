using System.Text;
using Latent.Symbolic;
using Operand = Latent.Symbolic.StraightLine.Operand;
using Operation = Latent.Symbolic.StraightLine.Operation;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit.Cpp;

/// <summary>
/// Prints a <see cref="StraightLine.Program"/> as branch-free C++11: a scalar function
/// <c>void f(double x, double* out)</c> that computes what the C# scalar kernel computes, one statement
/// per instruction in <see cref="ProgramAnalysis.Order"/>, and a batch function
/// <c>void f_batch(const double* x, int n, double* out)</c>, a plain loop over points with the same
/// statements, writing output k at point i to <c>out[k * n + i]</c>.
/// <para>
/// Numbers: + − × ÷, negation and sqrt are IEEE-exact in both languages; exp, log, pow, sin, cos and
/// tanh are the C library's, which is what .NET's Math calls on Linux, so with floating-point
/// contraction off (<c>-ffp-contract=off</c>, no <c>-ffast-math</c>) the C++ kernels agree bitwise with the
/// C# ones. erf and erfc are the C library's too, while the C# kernels call MathNet.Numerics: those two
/// agree to a few ulps, not bitwise (<see cref="BitwiseWithCSharp"/>).
/// </para>
/// <para>
/// Comparisons and selects follow <see cref="ProgramAnalysis"/>: a comparison a select reads as its
/// condition is a <c>bool</c> mask local <c>mK</c>, one read as a number is 1.0/0.0; a select on any
/// other value picks its first operand where that value is non-zero (NaN included), as the
/// interpreter does. The emitted code needs &lt;cmath&gt; (and &lt;limits&gt; for non-finite literals).
/// </para>
/// </summary>
public static class CppProgramEmitter
{
    /// <summary>Headers the emitted functions need.</summary>
    public static IReadOnlyList<string> RequiredHeaders { get; } = new[] { "cmath", "cstddef", "limits" };

    private const string OutputParameter = "out";
    private const string CountParameter = "n";
    private const string IndexLocal = "i";
    private const string BatchSuffix = "_batch";

    // Short names the emitted bodies use: an input with one of these names gets a '_' appended.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        OutputParameter, CountParameter, IndexLocal, "std",
    };

    /// <summary>
    /// True when the C++ kernel of the program of <paramref name="analysis"/> agrees bitwise with its C# kernel (given
    /// contraction off): every function it calls is the same C library function in both. False when it
    /// calls erf or erfc (MathNet.Numerics in C#, the C library in C++: a few ulps apart).
    /// </summary>
    public static bool BitwiseWithCSharp(ProgramAnalysis analysis) =>
        !analysis.CalledFunctions.Any(f => f.IsErf || f.IsErfc);

    /// <summary>The name of the batch function of the kernel called <paramref name="functionName"/>.</summary>
    public static string BatchName(string functionName) => functionName + BatchSuffix;

    /// <summary>
    /// Writes <c>void name(double a, ..., double* out)</c>: one <c>const double tK</c> per instruction, then
    /// <c>out[k]</c> = output k. <paramref name="qualifiers"/> go in front (e.g. <c>static inline</c>), or nothing.
    /// </summary>
    public static void EmitScalar(IndentedWriter writer, string functionName, ProgramAnalysis analysis, string qualifiers = "")
    {
        RequireIdentifier(functionName, nameof(functionName));
        var kernel = new Kernel(analysis, batch: false);
        WriteDocumentation(writer, kernel, "the kernel at one point", $"receives output k at index k ({CppLiteral.Int(analysis.OutputCount)} doubles)");
        writer.WriteLine($"{Prefix(qualifiers)}void {functionName}({kernel.ParameterList("double ")}double* {OutputParameter})");
        using (writer.Block())
        {
            WriteBody(writer, kernel);
            var outputs = analysis.Program.Outputs.ToList();
            for (int k = 0; k < outputs.Count; k++)
                writer.WriteLine($"{OutputParameter}[{CppLiteral.Int(k)}] = {kernel.Operand(outputs[k].Item2)};");
        }
    }

    /// <summary>
    /// Writes <c>void name_batch(const double* a, ..., int n, double* out)</c>: for each point i the scalar
    /// kernel's statements, output k stored at <c>out[k * n + i]</c>. A loop with no calls is one GCC and
    /// Clang vectorise; exp and the other library calls keep it scalar (their vector versions round
    /// differently), and either way every number equals the scalar kernel's.
    /// </summary>
    public static void EmitBatch(IndentedWriter writer, string functionName, ProgramAnalysis analysis, string qualifiers = "")
    {
        RequireIdentifier(functionName, nameof(functionName));
        var kernel = new Kernel(analysis, batch: true);
        WriteDocumentation(writer, kernel, "the kernel at n points (input arrays of n doubles)", $"receives output k at point i at index k * n + i ({CppLiteral.Int(analysis.OutputCount)} * n doubles)");
        writer.WriteLine($"{Prefix(qualifiers)}void {BatchName(functionName)}({kernel.ParameterList("const double* ")}int {CountParameter}, double* {OutputParameter})");
        using (writer.Block())
        {
            // One pointer per output, computed in ptrdiff_t: k * n overflows int for large batches.
            var outputs = analysis.Program.Outputs.ToList();
            for (int k = 0; k < outputs.Count; k++)
                writer.WriteLine($"double* const {OutputPointer(k)} = {OutputParameter} + static_cast<std::ptrdiff_t>({CountParameter}) * {CppLiteral.Int(k)};");
            writer.WriteLine($"for (int {IndexLocal} = 0; {IndexLocal} < {CountParameter}; ++{IndexLocal})");
            using (writer.Block())
            {
                // Each input read once into a local: no load sits inside a select, which GCC would
                // otherwise treat as control flow and not vectorise.
                for (int a = 0; a < analysis.InputOrder.Count; a++)
                    if (analysis.ReadsInput(analysis.InputOrder[a]))
                        writer.WriteLine($"const double {Argument(a)} = {kernel.Parameter(analysis.InputOrder[a])}[{IndexLocal}];");
                WriteBody(writer, kernel);
                for (int k = 0; k < outputs.Count; k++)
                    writer.WriteLine($"{OutputPointer(k)}[{IndexLocal}] = {kernel.Operand(outputs[k].Item2)};");
            }
        }
    }

    /// <summary>The scalar and the batch function of one program, separated by a blank line.</summary>
    public static void EmitKernels(IndentedWriter writer, string functionName, ProgramAnalysis analysis, string qualifiers = "")
    {
        EmitScalar(writer, functionName, analysis, qualifiers);
        writer.WriteLine();
        EmitBatch(writer, functionName, analysis, qualifiers);
    }

    private static string Prefix(string qualifiers) => qualifiers.Length == 0 ? "" : qualifiers + " ";

    private static void WriteDocumentation(IndentedWriter writer, Kernel kernel, string what, string output)
    {
        var outputs = new StringBuilder();
        int k = 0;
        foreach (var o in kernel.Analysis.Program.Outputs)
        {
            if (k > 0) outputs.Append(", ");
            outputs.Append('[').Append(CppLiteral.Int(k++)).Append("] ").Append(CommentText(o.Item1));
        }
        writer.WriteLine($"// Evaluates {what}; outputs: {outputs}.");
        // Only where a parameter's name differs from its input's (a keyword, a clash, a character C++ lacks).
        var renamed = kernel.Analysis.InputOrder.Where(i => kernel.Parameter(i) != i).Select(i => $"{kernel.Parameter(i)} is input {CommentText(i)}; ");
        writer.WriteLine($"// {string.Concat(renamed)}{OutputParameter} {output}.");
    }

    /// <summary>Text safe inside a // comment: no line breaks, and no trailing backslash that would splice the next line.</summary>
    private static string CommentText(string text) =>
        text.Replace('\r', ' ').Replace('\n', ' ').Replace('\\', '/');

    private static void WriteBody(IndentedWriter writer, Kernel kernel)
    {
        // An input the formulas do not read (folded away) is still a parameter: say so to the compiler.
        foreach (var input in kernel.Analysis.InputOrder)
            if (!kernel.Analysis.ReadsInput(input))
                writer.WriteLine($"static_cast<void>({kernel.Parameter(input)});");
        var instructions = kernel.Analysis.Program.Instructions;
        foreach (var index in kernel.Analysis.Order)
            WriteInstruction(writer, kernel, instructions[index]);
    }

    private static void WriteInstruction(IndentedWriter writer, Kernel kernel, StraightLine.Instruction instruction)
    {
        string O(Operand o) => kernel.Operand(o);
        int target = instruction.Target;
        string? expression = instruction.Operation switch
        {
            Operation.Add x => $"{O(x.Item1)} + {O(x.Item2)}",
            Operation.Sub x => $"{O(x.Item1)} - {O(x.Item2)}",
            Operation.Mul x => $"{O(x.Item1)} * {O(x.Item2)}",
            Operation.Div x => $"{O(x.Item1)} / {O(x.Item2)}",
            Operation.Neg x => Negate(O(x.Item)),
            Operation.Sqrt x => $"std::sqrt({O(x.Item)})",
            Operation.Pow x => $"std::pow({O(x.Item1)}, {O(x.Item2)})",
            Operation.Call x => $"{Function(x.Item1)}({O(x.Item2)})",
            Operation.Compare x => Comparison(writer, kernel, target, $"{O(x.Item2)} {FuncInfo.relationText(x.Item1)} {O(x.Item3)}"),
            Operation.Select x => $"{kernel.Condition(x.condition)} ? {O(x.ifTrue)} : {O(x.ifFalse)}",
            var operation => throw new ArgumentException($"Unknown operation {operation.GetType().Name}."),
        };
        if (expression is not null)
            writer.WriteLine($"const double {Temp(target)} = {expression};");
    }

    /// <summary>
    /// A comparison at <paramref name="target"/>: where a select uses it as a condition, writes the
    /// mask local <c>const bool mK</c>; returns its 1.0/0.0 value where anything uses it as a number,
    /// else null (no value statement). A comparison with NaN is false in C++ as in C#.
    /// </summary>
    private static string? Comparison(IndentedWriter writer, Kernel kernel, int target, string comparison)
    {
        if (!kernel.Analysis.UsedAsCondition(target))
            return $"({comparison}) ? 1.0 : 0.0";
        writer.WriteLine($"const bool {Mask(target)} = {comparison};");
        return kernel.Analysis.UsedAsValue(target) ? $"{Mask(target)} ? 1.0 : 0.0" : null;
    }

    // "--x" would lex as a decrement: a negative literal gets parentheses.
    private static string Negate(string operand) => operand.StartsWith("-", StringComparison.Ordinal) ? $"-({operand})" : "-" + operand;

    /// <summary>The C library function of each <see cref="Func"/>: the ones .NET's Math calls on Linux.</summary>
    private static string Function(Func f) =>
        f.Tag switch
        {
            Func.Tags.Exp => "std::exp",
            Func.Tags.Log => "std::log",
            Func.Tags.Sin => "std::sin",
            Func.Tags.Cos => "std::cos",
            Func.Tags.Tanh => "std::tanh",
            Func.Tags.Erf => "std::erf",
            Func.Tags.Erfc => "std::erfc",
            Func.Tags.Abs => "std::fabs",
            _ => throw new ArgumentException($"Unknown function {StraightLine.funcName(f)}."),
        };

    /// <summary>The local holding instruction <paramref name="index"/>'s result (a number).</summary>
    private static string Temp(int index) => "t" + CppLiteral.Int(index);

    /// <summary>The local holding instruction <paramref name="index"/>'s comparison mask.</summary>
    private static string Mask(int index) => "m" + CppLiteral.Int(index);

    /// <summary>The batch kernel's local holding input <paramref name="index"/> (in input order) at the current point.</summary>
    private static string Argument(int index) => "a" + CppLiteral.Int(index);

    /// <summary>The batch kernel's pointer to output <paramref name="index"/>'s n values.</summary>
    private static string OutputPointer(int index) => "o" + CppLiteral.Int(index);

    private static void RequireIdentifier(string name, string parameter)
    {
        if (!CppLiteral.IsIdentifier(name))
            throw new ArgumentException($"'{name}' is not a valid C++ identifier (ASCII letters, digits and '_', not a keyword, no '__').", parameter);
    }

    /// <summary>
    /// One analysed program with the C++ names of its parts: a parameter per input, distinct from
    /// each other and from every name the body uses, and the text of each operand (in a batch kernel
    /// an input reads element i of its array).
    /// </summary>
    private sealed class Kernel
    {
        private readonly Dictionary<string, string> parameters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> arguments = new(StringComparer.Ordinal);
        private readonly bool batch;

        public Kernel(ProgramAnalysis analysis, bool batch)
        {
            Analysis = analysis;
            this.batch = batch;
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in analysis.InputOrder)
            {
                string name = CppLiteral.Identifier(input);
                while (IsReserved(name) || taken.Contains(name)) name += "_";
                taken.Add(name);
                arguments.Add(input, parameters.Count);
                parameters.Add(input, name);
            }
        }

        public ProgramAnalysis Analysis { get; }

        public string Parameter(string input) => parameters[input];

        public string ParameterList(string type)
        {
            var builder = new StringBuilder();
            foreach (var input in Analysis.InputOrder) builder.Append(type).Append(parameters[input]).Append(", ");
            return builder.ToString();
        }

        public string Operand(Operand o) =>
            o switch
            {
                Operand.Constant c => CppLiteral.Double(c.Item),
                Operand.Input s => batch ? Argument(arguments[s.Item]) : parameters[s.Item],
                Operand.Temp t => Temp(t.index),
                _ => throw new ArgumentException("Unknown operand."),
            };

        /// <summary>A select condition: a comparison's own mask, anything else "non-zero" (NaN is non-zero).</summary>
        public string Condition(Operand o) =>
            Analysis.IsComparison(o) ? Mask(((Operand.Temp)o).index) : $"({Operand(o)} != 0.0)";

        private static bool IsReserved(string name)
        {
            if (ReservedNames.Contains(name)) return true;
            // t0, m0, o0, a0, ...: the kernels' locals (Temp, Mask, OutputPointer, Argument).
            if (name.Length < 2 || "tmoa".IndexOf(name[0]) < 0) return false;
            for (int i = 1; i < name.Length; i++)
                if (name[i] < '0' || name[i] > '9') return false;
            return true;
        }
    }
}
