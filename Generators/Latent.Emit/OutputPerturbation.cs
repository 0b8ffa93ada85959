namespace Latent.Emit;

/// <summary>
/// Test-only corruption of generated code: multiplies one stored output of one emitted method (scalar
/// and vector forms alike) by <see cref="Factor"/>. It exists so that the verifier can be shown to catch
/// a wrong derivative in real compiled code; it is internal, never set by the source generator, and
/// run-time compilation only applies it when a test asks for it.
/// </summary>
internal sealed class OutputPerturbation
{
    /// <summary>Corrupts output <paramref name="output"/> of the kernel named <paramref name="method"/> (e.g. <c>Pair_Na_Cl</c>).</summary>
    public OutputPerturbation(string method, int output, double factor)
    {
        Method = method;
        Output = output;
        Factor = factor;
    }

    /// <summary>The scalar kernel's method name; its <c>Vector</c> twin is corrupted the same way.</summary>
    public string Method { get; }

    /// <summary>Index into the kernel's <c>values</c>.</summary>
    public int Output { get; }

    /// <summary>What the stored output is multiplied by.</summary>
    public double Factor { get; }

    /// <summary>Says what is corrupted, for cache keys and messages.</summary>
    public override string ToString() => $"{Method}[{Output}] x {CSharpLiteral.Double(Factor)}";
}
