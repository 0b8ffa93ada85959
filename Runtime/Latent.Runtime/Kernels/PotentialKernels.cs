namespace Latent.Runtime.Kernels;

/// <summary>
/// Everything generated code provides for one potential: its description and its compiled kernels.
/// Build-time generated classes (shipped potentials) and run-time compiled ones (a user's file)
/// both construct this type, from the same generated text.
/// </summary>
public sealed class PotentialKernels
{
    /// <summary>Called by generated code with the potential's description and kernels.</summary>
    public PotentialKernels(
        string name,
        double temperature,
        double cutoff,
        double cutoffWidth,
        IReadOnlyList<ElementDescription> elements,
        IReadOnlyList<PairKernel> pairs,
        IReadOnlyList<EmbeddingKernel> embeddings,
        IReadOnlyList<string> fittedParameters,
        IReadOnlyList<double> fittedValues,
        string sourceHash,
        bool continuousCharges = false)
    {
        if (continuousCharges && elements.Any(e => e.Charge is null || e.States.Count > 0))
            throw new ArgumentException("in a continuous-charge potential every element has χ and J and no states", nameof(elements));
        if (!continuousCharges && elements.Any(e => e.Charge is not null))
            throw new ArgumentException("an element of an ensemble potential has states, not χ and J", nameof(elements));
        HasContinuousCharges = continuousCharges;
        Name = name;
        Temperature = temperature;
        Cutoff = cutoff;
        CutoffWidth = cutoffWidth;
        Elements = elements;
        Pairs = pairs;
        Embeddings = embeddings;
        FittedParameters = fittedParameters;
        FittedValues = fittedValues;
        SourceHash = sourceHash;
        pairIndex = new int[elements.Count, elements.Count];
        for (var i = 0; i < elements.Count; i++)
            for (var j = 0; j < elements.Count; j++)
                pairIndex[i, j] = -1;
        for (var k = 0; k < pairs.Count; k++)
        {
            pairIndex[pairs[k].A, pairs[k].B] = k;
            pairIndex[pairs[k].B, pairs[k].A] = k;
        }
    }

    private readonly int[,] pairIndex;

    /// <summary>The potential's name from its file.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the potential's charges are continuous (charge equilibration, docs/model.md §8: every element has
    /// <see cref="ElementDescription.Charge"/>, no states, and the pair kernels have the continuous-charge layout) rather
    /// than latent weights over states. <see cref="Engine.EngineSelection"/> picks the engine by it.
    /// </summary>
    public bool HasContinuousCharges { get; }

    /// <summary>Electronic temperature θ of the latent-weight equalisation, eV (0 for continuous charges, which have none).</summary>
    public double Temperature { get; }

    /// <summary>Every short-range term vanishes, with its derivative, from this distance on (Å).</summary>
    public double Cutoff { get; }

    /// <summary>Width of the smooth switch that ends at <see cref="Cutoff"/> (Å).</summary>
    public double CutoffWidth { get; }

    /// <summary>Elements in file order; pair and embedding indices refer to this order.</summary>
    public IReadOnlyList<ElementDescription> Elements { get; }

    /// <summary>Every unordered element pair once: (0,0), (0,1), …, (1,1), ….</summary>
    public IReadOnlyList<PairKernel> Pairs { get; }

    /// <summary>One embedding kernel per element, in element order.</summary>
    public IReadOnlyList<EmbeddingKernel> Embeddings { get; }

    /// <summary>Parameters the file marks for fitting, in gradient order.</summary>
    public IReadOnlyList<string> FittedParameters { get; }

    /// <summary>Their values as compiled into the kernels.</summary>
    public IReadOnlyList<double> FittedValues { get; }

    /// <summary>SHA-256 (hex) of the potential file the code was generated from.</summary>
    public string SourceHash { get; }

    /// <summary>The kernel of elements i and j in either order.</summary>
    public PairKernel Pair(int i, int j) => Pairs[pairIndex[i, j]];

    /// <summary>Index of an element by symbol, or -1.</summary>
    public int ElementIndex(string symbol)
    {
        for (var i = 0; i < Elements.Count; i++)
            if (Elements[i].Symbol == symbol)
                return i;
        return -1;
    }
}
