using Latent.Runtime.Compilation;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Fitting;

/// <summary>
/// One potential file at other values of the parameters its <c>[fitting]</c> table names: the text a fit
/// writes (the file's own, with only those numbers changed) and the kernels compiled from that text, so
/// what a fit evaluates is exactly what it writes.
/// </summary>
public sealed class ParameterizedPotential
{
    private readonly PotentialLoader loader;

    /// <summary>The file, read and checked; kernels compiled without the on-disk cache unless a loader is given
    /// (a fit visits hundreds of parameter sets that nobody loads again).</summary>
    /// <exception cref="PotentialLoadException">The file does not read, or its [fitting] table names nothing.</exception>
    public ParameterizedPotential(PotentialSource source, PotentialLoader? loader = null)
    {
        Source = source;
        Model = PotentialLoader.Read(source);
        this.loader = loader ?? new PotentialLoader(new KernelLoader(CompiledAssemblyCache.Disabled));
        Parameters = Model.Fitted.ToArray();
        if (Parameters.Count == 0)
            throw new PotentialLoadException($"{source.DisplayPath}: the [fitting] table names no parameters to fit", Array.Empty<PotentialDiagnostic>());
        InitialValues = Parameters.Select(p => Model.Parameters.First(q => q.Name == p).Value).ToArray();
        Units = Parameters.Select(p => Model.Parameters.First(q => q.Name == p).Unit).ToArray();
    }

    /// <summary>The file as read.</summary>
    public PotentialSource Source { get; }

    /// <summary>The file's model at its written values.</summary>
    public Latent.Symbolic.PotentialFile.Potential Model { get; }

    /// <summary>The parameters named in [fitting], in the file's order (the kernels' gradient order).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Their values as written.</summary>
    public IReadOnlyList<double> InitialValues { get; }

    /// <summary>Their units as written.</summary>
    public IReadOnlyList<string> Units { get; }

    /// <summary>The file's text with the fitted parameters at <paramref name="values"/> (in <see cref="Parameters"/> order).</summary>
    /// <exception cref="ArgumentException">Wrong count, a non-finite value, or a parameter not written as a number.</exception>
    public string TextAt(IReadOnlyList<double> values)
    {
        if (values.Count != Parameters.Count)
            throw new ArgumentException($"{Parameters.Count} values expected, got {values.Count}", nameof(values));
        var rewritten = ParameterText.withValues(Parameters.Select((p, k) => Tuple.Create(p, values[k])), Source.Text);
        if (rewritten.IsError)
            throw new ArgumentException($"{Source.DisplayPath}: {rewritten.ErrorValue}", nameof(values));
        return rewritten.ResultValue;
    }

    /// <summary>The source of the file at <paramref name="values"/>.</summary>
    public PotentialSource SourceAt(IReadOnlyList<double> values) =>
        Source with { Text = TextAt(values), IsShipped = false };

    /// <summary>Kernels compiled from the file at <paramref name="values"/>, with gradients in every fitted parameter.</summary>
    public PotentialKernels KernelsAt(IReadOnlyList<double> values) => loader.Load(SourceAt(values));
}
