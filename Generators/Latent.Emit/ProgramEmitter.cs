using System.Text;
using Latent.Symbolic;
using Operand = Latent.Symbolic.StraightLine.Operand;
using Operation = Latent.Symbolic.StraightLine.Operation;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit;

/// <summary>
/// Prints a <see cref="StraightLine.Program"/> as branch-free C#: a scalar kernel that agrees bitwise
/// with <see cref="StraightLine.evaluate"/> (the same operation on the same operands, one statement per
/// instruction, printed in <see cref="ProgramAnalysis.Order"/>: calls first, which changes no value),
/// and a <c>Vector256&lt;double&gt;</c> kernel that evaluates four points at once in the same order.
/// What a program is (checked, how each comparison is used, the order to print it in) comes
/// from <see cref="ProgramAnalysis"/>, which emitters for other languages share; this class only
/// chooses C# names and prints C#.
/// <para>
/// The emitted methods need the namespaces in <see cref="RequiredUsings"/> and the helpers written by
/// <see cref="EmitHelpers"/> in the same class; kernels that call erf or erfc (see
/// <see cref="RequiresMathNet"/>) need a reference to MathNet.Numerics. Generated identifiers that
/// callers must not reuse in the class: <c>LessMask</c>, <c>LessEqualMask</c>, <c>GreaterMask</c>,
/// <c>GreaterEqualMask</c>, <c>NonZeroMask</c>, <c>MaskToNumber</c>, <c>Select</c>, and for each
/// kernel <c>Name</c>, <c>NameVector</c> and <c>NameOutputCount</c>.
/// </para>
/// </summary>
public static class ProgramEmitter
{
    /// <summary>Namespaces the emitted methods refer to by short name, in the order EmitClass writes them.</summary>
    public static IReadOnlyList<string> RequiredUsings { get; } =
        new[] { "System", "System.Runtime.CompilerServices", "System.Runtime.Intrinsics" };

    private const string ValuesParameter = "values";
    private const string VectorType = "Vector256<double>";

    // Short names the emitted code uses: an input with one of these names must not shadow them.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        ValuesParameter, "Math", "Span", "Vector128", "Vector256", "MethodImpl", "MethodImplOptions",
        "LessMask", "LessEqualMask", "GreaterMask", "GreaterEqualMask", "NonZeroMask", "MaskToNumber", "Select",
    };

    /// <summary>True when the program calls erf or erfc, so the generated code needs MathNet.Numerics.</summary>
    /// <exception cref="ArgumentException">The program is not well formed (see <see cref="ProgramAnalysis"/>).</exception>
    public static bool RequiresMathNet(SlProgram program) =>
        new ProgramAnalysis(program).CalledFunctions.Any(f => f.IsErf || f.IsErfc);

    /// <summary>
    /// Writes the private helpers every kernel of a class shares, once per class. The scalar kernel
    /// works as lane 0 of the vector one: a comparison is a compare mask (all ones or all zeros),
    /// which becomes 1.0/0.0 where it is used as a number and feeds a blend where it is a select
    /// condition. So no branch appears in the machine code either, and NaN behaves as in the
    /// reference interpreter (comparisons with NaN are false; a NaN condition selects ifTrue).
    /// </summary>
    public static void EmitHelpers(IndentedWriter writer)
    {
        foreach (var (_, name, vectorOp, relation) in Comparisons)
        {
            writer.WriteLine($"/// <summary>All-ones where <c>a {relation} b</c> holds, else zero (also when either is NaN).</summary>");
            writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            writer.WriteLine($"private static Vector128<double> {name}(double a, double b) =>");
            writer.WriteLine($"    Vector128.{vectorOp}(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b));");
            writer.WriteLine();
        }
        writer.WriteLine("/// <summary>All-ones where <paramref name=\"c\"/> is non-zero (NaN counts as non-zero), else zero.</summary>");
        writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        writer.WriteLine("private static Vector128<double> NonZeroMask(double c) =>");
        writer.WriteLine("    ~Vector128.Equals(Vector128.CreateScalarUnsafe(c), Vector128<double>.Zero);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>1.0 where the mask is all-ones, 0.0 where it is zero.</summary>");
        writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        writer.WriteLine("private static double MaskToNumber(Vector128<double> mask) => (mask & Vector128<double>.One).ToScalar();");
        writer.WriteLine();
        writer.WriteLine("/// <summary><paramref name=\"a\"/> where the mask is all-ones, <paramref name=\"b\"/> where it is zero.</summary>");
        writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        writer.WriteLine("private static double Select(Vector128<double> mask, double a, double b) =>");
        writer.WriteLine("    Vector128.ConditionalSelect(mask, Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar();");
    }

    // Each relation's scalar helper, the Vector128/Vector256 method it wraps, and its doc text: the
    // helpers and both kernels print comparisons from this one table.
    private static readonly (Relation Relation, string Helper, string VectorOp, string Text)[] Comparisons =
    {
        (Relation.Less, "LessMask", "LessThan", "&lt;"),
        (Relation.LessEqual, "LessEqualMask", "LessThanOrEqual", "&lt;="),
        (Relation.Greater, "GreaterMask", "GreaterThan", "&gt;"),
        (Relation.GreaterEqual, "GreaterEqualMask", "GreaterThanOrEqual", "&gt;="),
    };

    /// <summary>Writes <c>public const int NameOutputCount = n;</c>: the length the kernels' <c>values</c> span needs.</summary>
    public static void EmitOutputCount(IndentedWriter writer, string methodName, SlProgram program)
    {
        RequireIdentifier(methodName, nameof(methodName));
        writer.WriteLine($"/// <summary>Number of outputs of <see cref=\"{methodName}\"/> and <see cref=\"{methodName}Vector\"/>: the length their <c>values</c> need.</summary>");
        writer.WriteLine($"public const int {methodName}OutputCount = {CSharpLiteral.Int(program.Outputs.Length)};");
    }

    /// <summary>
    /// Writes <c>public static void Name(double a, double b, ..., Span&lt;double&gt; values)</c>: one
    /// <c>double tK</c> local per instruction (in <see cref="ProgramAnalysis.Order"/>), then output k stored into <c>values[k]</c>.
    /// </summary>
    /// <param name="writer">Where the method goes (inside a class).</param>
    /// <param name="methodName">A valid C# identifier.</param>
    /// <param name="program">The program to print.</param>
    /// <param name="inputOrder">The program's inputs in parameter order; null for the program's own (ordinal) order.</param>
    public static void EmitScalar(IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder = null) =>
        EmitScalar(writer, methodName, program, inputOrder, perturbation: null);

    private static void EmitScalar(IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder, OutputPerturbation? perturbation)
    {
        RequireIdentifier(methodName, nameof(methodName));
        var kernel = new Kernel(program, inputOrder);
        WriteDocumentation(writer, kernel, "the kernel at one point");
        writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        writer.WriteLine($"public static void {methodName}({kernel.ParameterList("double")}Span<double> {ValuesParameter})");
        using (writer.Block())
        {
            foreach (var index in kernel.Analysis.Order)
                WriteScalarInstruction(writer, kernel, program.Instructions[index]);
            WriteStores(writer, kernel, kernel.ScalarOperand, Applying(perturbation, methodName), factor => CSharpLiteral.Double(factor));
        }
    }

    /// <summary>
    /// Writes <c>public static void NameVector(Vector256&lt;double&gt; a, ..., Span&lt;Vector256&lt;double&gt;&gt; values)</c>:
    /// four points at once, the same instructions in the same order as the scalar kernel.
    /// Comparisons are lane masks; they become 1.0/0.0 only where a value uses them arithmetically.
    /// </summary>
    /// <param name="writer">Where the method goes (inside a class).</param>
    /// <param name="methodName">The scalar kernel's name; the method is called <c>methodName + "Vector"</c>.</param>
    /// <param name="program">The program to print.</param>
    /// <param name="inputOrder">The program's inputs in parameter order; null for the program's own (ordinal) order.</param>
    /// <param name="functions">Vector or lane-wise exp, log, sin and cos.</param>
    public static void EmitVector(
        IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder = null,
        VectorFunctions functions = VectorFunctions.Native) =>
        EmitVector(writer, methodName, program, inputOrder, functions, perturbation: null);

    private static void EmitVector(
        IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder,
        VectorFunctions functions, OutputPerturbation? perturbation)
    {
        RequireIdentifier(methodName, nameof(methodName));
        var kernel = new Kernel(program, inputOrder);
        WriteDocumentation(writer, kernel, "the kernel at four points, one per lane");
        writer.WriteLine("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        writer.WriteLine($"public static void {methodName}Vector({kernel.ParameterList(VectorType)}Span<{VectorType}> {ValuesParameter})");
        using (writer.Block())
        {
            foreach (var index in kernel.Analysis.Order)
                WriteVectorInstruction(writer, kernel, program.Instructions[index], functions);
            WriteStores(writer, kernel, kernel.VectorOperand, Applying(perturbation, methodName), factor => $"Vector256.Create({CSharpLiteral.Double(factor)})");
        }
    }

    /// <summary>The output count, the scalar kernel and the vector kernel of one program, separated by blank lines.</summary>
    public static void EmitKernels(
        IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder = null,
        VectorFunctions functions = VectorFunctions.Native) =>
        EmitKernels(writer, methodName, program, inputOrder, functions, perturbation: null);

    /// <summary>As the public overload; a <paramref name="perturbation"/> naming this method corrupts one of its stores (tests only).</summary>
    internal static void EmitKernels(
        IndentedWriter writer, string methodName, SlProgram program, IReadOnlyList<string>? inputOrder,
        VectorFunctions functions, OutputPerturbation? perturbation)
    {
        EmitOutputCount(writer, methodName, program);
        writer.WriteLine();
        EmitScalar(writer, methodName, program, inputOrder, perturbation);
        writer.WriteLine();
        EmitVector(writer, methodName, program, inputOrder, functions, perturbation);
    }

    /// <summary>The perturbation if it names this method, else null.</summary>
    private static OutputPerturbation? Applying(OutputPerturbation? perturbation, string methodName) =>
        perturbation is not null && perturbation.Method == methodName ? perturbation : null;

    /// <summary>
    /// A complete generated file: <c>// &lt;auto-generated/&gt;</c>, <c>#nullable enable</c>, the
    /// usings, and <c>public static partial class className</c> (in <paramref name="namespace"/>, or
    /// the global namespace when it is null or empty) holding the helpers and, in the given order,
    /// every kernel's output count, scalar and vector methods.
    /// </summary>
    public static string EmitClass(
        string? @namespace, string className,
        IEnumerable<(string methodName, SlProgram program, string[] inputOrder)> kernels,
        VectorFunctions functions = VectorFunctions.Native)
    {
        RequireIdentifier(className, nameof(className));
        if (!string.IsNullOrEmpty(@namespace))
            foreach (var part in @namespace!.Split('.'))
                if (!CSharpLiteral.IsIdentifier(part))
                    throw new ArgumentException($"'{@namespace}' is not a valid namespace name.", nameof(@namespace));
        var list = kernels.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (methodName, _, _) in list)
        {
            if (ReservedNames.Contains(methodName))
                throw new ArgumentException($"'{methodName}' is a name the generated helpers use.", nameof(kernels));
            // Name, NameVector and NameOutputCount of every kernel must all be distinct.
            foreach (var member in new[] { methodName, methodName + "Vector", methodName + "OutputCount" })
                if (!names.Add(member))
                    throw new ArgumentException($"Two kernels generate a member named '{member}'.", nameof(kernels));
        }

        var writer = new IndentedWriter();
        writer.WriteLine("// <auto-generated/>");
        writer.WriteLine("#nullable enable");
        writer.WriteLine();
        foreach (var u in RequiredUsings) writer.WriteLine($"using {u};");
        writer.WriteLine();
        bool hasNamespace = !string.IsNullOrEmpty(@namespace);
        if (hasNamespace)
        {
            writer.WriteLine($"namespace {@namespace}");
            writer.WriteLine("{");
            writer.Indent();
        }
        writer.WriteLine("/// <summary>Branch-free kernels generated from straight-line programs (scalar and Vector256).</summary>");
        writer.WriteLine($"public static partial class {className}");
        using (writer.Block())
        {
            EmitHelpers(writer);
            foreach (var (methodName, program, inputOrder) in list)
            {
                writer.WriteLine();
                EmitKernels(writer, methodName, program, inputOrder, functions);
            }
        }
        if (hasNamespace)
        {
            writer.Outdent();
            writer.WriteLine("}");
        }
        return writer.ToString();
    }

    private static void WriteDocumentation(IndentedWriter writer, Kernel kernel, string what)
    {
        var outputs = new StringBuilder();
        int k = 0;
        foreach (var output in kernel.Analysis.Program.Outputs)
        {
            if (k > 0) outputs.Append(", ");
            outputs.Append("<c>[").Append(CSharpLiteral.Int(k++)).Append("]</c> ").Append(XmlDoc.Escape(output.Item1));
        }
        writer.WriteLine($"/// <summary>Evaluates {XmlDoc.Escape(what)}; outputs: {outputs}.</summary>");
        foreach (var input in kernel.Analysis.InputOrder)
        {
            // Doc comments name a verbatim parameter without its '@'.
            string parameter = kernel.Parameter(input).TrimStart('@');
            writer.WriteLine($"/// <param name=\"{parameter}\">Input <c>{XmlDoc.Escape(input)}</c>.</param>");
        }
        writer.WriteLine($"/// <param name=\"{ValuesParameter}\">Receives output k at index k; needs at least {CSharpLiteral.Int(kernel.Analysis.OutputCount)} elements (a shorter span throws IndexOutOfRangeException before anything is written).</param>");
    }

    /// <summary>
    /// values[k] = output k, highest index first: the first store's bounds check then covers all the
    /// others (the JIT drops them), and a too-short span throws before anything is written.
    /// </summary>
    private static void WriteStores(
        IndentedWriter writer, Kernel kernel, Func<Operand, string> operand, OutputPerturbation? perturbation, Func<double, string> factor)
    {
        var outputs = kernel.Analysis.Program.Outputs.ToList();
        if (perturbation is not null && (perturbation.Output < 0 || perturbation.Output >= outputs.Count))
            throw new ArgumentOutOfRangeException(nameof(perturbation), $"{perturbation}: the kernel has {outputs.Count} outputs");
        for (int k = outputs.Count - 1; k >= 0; k--)
        {
            string stored = operand(outputs[k].Item2);
            if (perturbation is not null && perturbation.Output == k)
                stored = $"{stored} * {factor(perturbation.Factor)}";
            writer.WriteLine($"{ValuesParameter}[{CSharpLiteral.Int(k)}] = {stored};");
        }
    }

    private static void WriteScalarInstruction(IndentedWriter writer, Kernel kernel, StraightLine.Instruction instruction)
    {
        string O(Operand o) => kernel.ScalarOperand(o);
        int target = instruction.Target;
        string? expression = instruction.Operation switch
        {
            Operation.Sqrt x => $"Math.Sqrt({O(x.Item)})",
            Operation.Pow x => $"Math.Pow({O(x.Item1)}, {O(x.Item2)})",
            Operation.Call x => $"{ScalarFunction(x.Item1)}({O(x.Item2)})",
            Operation.Compare x => ComparisonValue(
                writer, kernel, target, "Vector128<double>", $"{Comparison(x.Item1).Helper}({O(x.Item2)}, {O(x.Item3)})",
                mask => $"MaskToNumber({mask})"),
            Operation.Select x => $"Select({kernel.ScalarCondition(x.condition)}, {O(x.ifTrue)}, {O(x.ifFalse)})",
            var operation => Arithmetic(operation, O),
        };
        if (expression is not null)
            writer.WriteLine($"double {Temp(target)} = {expression};");
    }

    private static void WriteVectorInstruction(IndentedWriter writer, Kernel kernel, StraightLine.Instruction instruction, VectorFunctions functions)
    {
        string V(Operand o) => kernel.VectorOperand(o);
        int target = instruction.Target;
        string? expression = instruction.Operation switch
        {
            Operation.Sqrt x => $"Vector256.Sqrt({V(x.Item)})",
            Operation.Pow x => LaneWise(lane => $"Math.Pow({kernel.LaneOperand(x.Item1, lane)}, {kernel.LaneOperand(x.Item2, lane)})"),
            Operation.Call x => VectorFunction(x.Item1, functions) is { } vectorName
                ? $"{vectorName}({V(x.Item2)})"
                : LaneWise(lane => $"{ScalarFunction(x.Item1)}({kernel.LaneOperand(x.Item2, lane)})"),
            // All-ones lanes AND 1.0 give 1.0, zero lanes 0.0: the scalar kernel's 1.0/0.0.
            Operation.Compare x => ComparisonValue(
                writer, kernel, target, VectorType, $"Vector256.{Comparison(x.Item1).VectorOp}({V(x.Item2)}, {V(x.Item3)})",
                mask => $"{mask} & {VectorType}.One"),
            Operation.Select x => $"Vector256.ConditionalSelect({kernel.VectorCondition(x.condition)}, {V(x.ifTrue)}, {V(x.ifFalse)})",
            var operation => Arithmetic(operation, V),
        };
        if (expression is not null)
            writer.WriteLine($"{VectorType} {Temp(target)} = {expression};");
    }

    /// <summary>
    /// The operations C# writes alike in both kernels (Vector256 overloads the operators): +, -, *, /
    /// and negation (vector negation flips the sign bit, as scalar negation does, so -0.0 stays exact).
    /// </summary>
    private static string Arithmetic(Operation operation, Func<Operand, string> operand) =>
        operation switch
        {
            Operation.Add x => $"{operand(x.Item1)} + {operand(x.Item2)}",
            Operation.Sub x => $"{operand(x.Item1)} - {operand(x.Item2)}",
            Operation.Mul x => $"{operand(x.Item1)} * {operand(x.Item2)}",
            Operation.Div x => $"{operand(x.Item1)} / {operand(x.Item2)}",
            Operation.Neg x => Negate(operand(x.Item)),
            _ => throw new ArgumentException($"Unknown operation {operation.GetType().Name}."),
        };

    /// <summary>
    /// A comparison at <paramref name="target"/>: where a select uses it as a condition, writes the mask
    /// local <c>mK</c> (of <paramref name="maskType"/>); returns the expression of its 1.0/0.0 value
    /// where anything uses it as a number, else null (no value statement).
    /// </summary>
    private static string? ComparisonValue(
        IndentedWriter writer, Kernel kernel, int target, string maskType, string mask, Func<string, string> toNumber)
    {
        if (kernel.Analysis.UsedAsCondition(target))
        {
            writer.WriteLine($"{maskType} {Mask(target)} = {mask};");
            if (!kernel.Analysis.UsedAsValue(target)) return null;
            mask = Mask(target);
        }
        return toNumber(mask);
    }

    private static string LaneWise(Func<int, string> lane) =>
        $"Vector256.Create({lane(0)}, {lane(1)}, {lane(2)}, {lane(3)})";

    // "--x" would lex as a decrement: a negative literal gets parentheses.
    private static string Negate(string operand) => operand.StartsWith("-", StringComparison.Ordinal) ? $"-({operand})" : "-" + operand;

    private static string ScalarFunction(Func f) =>
        f.Tag switch
        {
            Func.Tags.Exp => "Math.Exp",
            Func.Tags.Log => "Math.Log",
            Func.Tags.Sin => "Math.Sin",
            Func.Tags.Cos => "Math.Cos",
            Func.Tags.Tanh => "Math.Tanh",
            Func.Tags.Erf => "global::MathNet.Numerics.SpecialFunctions.Erf",
            Func.Tags.Erfc => "global::MathNet.Numerics.SpecialFunctions.Erfc",
            Func.Tags.Abs => "Math.Abs",
            _ => throw new ArgumentException($"Unknown function {StraightLine.funcName(f)}."),
        };

    /// <summary>The Vector256 method for a function, or null where there is none (the kernel then goes lane by lane).</summary>
    private static string? VectorFunction(Func f, VectorFunctions functions) =>
        f.Tag switch
        {
            Func.Tags.Abs => "Vector256.Abs",
            Func.Tags.Exp when functions == VectorFunctions.Native => "Vector256.Exp",
            Func.Tags.Log when functions == VectorFunctions.Native => "Vector256.Log",
            Func.Tags.Sin when functions == VectorFunctions.Native => "Vector256.Sin",
            Func.Tags.Cos when functions == VectorFunctions.Native => "Vector256.Cos",
            _ => null,
        };

    private static (Relation Relation, string Helper, string VectorOp, string Text) Comparison(Relation r)
    {
        foreach (var comparison in Comparisons)
            if (comparison.Relation.Equals(r)) return comparison;
        throw new ArgumentException("Unknown relation.");
    }

    /// <summary>The local holding instruction <paramref name="index"/>'s result (a number).</summary>
    private static string Temp(int index) => "t" + CSharpLiteral.Int(index);

    /// <summary>The local holding instruction <paramref name="index"/>'s comparison mask.</summary>
    private static string Mask(int index) => "m" + CSharpLiteral.Int(index);

    private static void RequireIdentifier(string name, string parameter)
    {
        if (!CSharpLiteral.IsIdentifier(name))
            throw new ArgumentException($"'{name}' is not a valid C# identifier (ASCII letters, digits and '_', not a keyword).", parameter);
    }

    /// <summary>
    /// One analysed program with the C# names of its parts: a parameter per input, distinct from each
    /// other and from every name the emitted body uses, and the text of each operand.
    /// </summary>
    private sealed class Kernel
    {
        private readonly Dictionary<string, string> parameters = new(StringComparer.Ordinal);

        public Kernel(SlProgram program, IReadOnlyList<string>? inputOrder)
        {
            Analysis = new ProgramAnalysis(program, inputOrder);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in Analysis.InputOrder)
            {
                string name = CSharpLiteral.Identifier(input);
                while (IsReserved(name) || taken.Contains(name)) name += "_";
                taken.Add(name);
                parameters.Add(input, name);
            }
        }

        public ProgramAnalysis Analysis { get; }

        public string Parameter(string input) => parameters[input];

        public string ParameterList(string type)
        {
            var builder = new StringBuilder();
            foreach (var input in Analysis.InputOrder) builder.Append(type).Append(' ').Append(parameters[input]).Append(", ");
            return builder.ToString();
        }

        public string ScalarOperand(Operand o) =>
            o switch
            {
                Operand.Constant c => CSharpLiteral.Double(c.Item),
                Operand.Input s => parameters[s.Item],
                Operand.Temp t => Temp(t.index),
                _ => throw new ArgumentException("Unknown operand."),
            };

        public string VectorOperand(Operand o) =>
            o is Operand.Constant c ? $"Vector256.Create({CSharpLiteral.Double(c.Item)})" : ScalarOperand(o);

        /// <summary>Lane <paramref name="lane"/> of an operand, as a double.</summary>
        public string LaneOperand(Operand o, int lane) =>
            o is Operand.Constant ? ScalarOperand(o) : $"{ScalarOperand(o)}.GetElement({CSharpLiteral.Int(lane)})";

        /// <summary>A select condition as a scalar mask: a comparison's own mask, anything else "non-zero" (NaN included).</summary>
        public string ScalarCondition(Operand o) => ComparisonMask(o) ?? $"NonZeroMask({ScalarOperand(o)})";

        /// <summary>
        /// A select condition as a lane mask: a comparison's own mask, anything else "not equal to
        /// zero" (NaN lanes compare unequal, hence select ifTrue, as the interpreter does).
        /// </summary>
        public string VectorCondition(Operand o) =>
            ComparisonMask(o) ?? $"~Vector256.Equals({VectorOperand(o)}, {VectorType}.Zero)";

        /// <summary>The mask local of a comparison's result, or null for any other operand.</summary>
        public string? ComparisonMask(Operand o) =>
            Analysis.IsComparison(o) ? Mask(((Operand.Temp)o).index) : null;

        private static bool IsReserved(string name)
        {
            if (ReservedNames.Contains(name)) return true;
            // t0, t1, ... and m0, m1, ... are the kernels' locals (Temp and Mask).
            if (name.Length < 2 || (name[0] != 't' && name[0] != 'm')) return false;
            for (int i = 1; i < name.Length; i++)
                if (name[i] < '0' || name[i] > '9') return false;
            return true;
        }
    }
}
