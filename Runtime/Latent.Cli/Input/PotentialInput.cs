using Latent.Cli.Output;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Input;

/// <summary>Loads the potential a command runs with and checks that it describes the elements asked for.</summary>
public static class PotentialInput
{
    /// <summary>The kernels of a shipped potential (by name, any case) or of a file.</summary>
    /// <exception cref="PotentialLoadException">Unknown name, missing file, or a file with problems (reported by the caller with locations).</exception>
    public static PotentialKernels Load(string nameOrPath) => new PotentialLoader().Load(nameOrPath);

    /// <summary>The potential's element index of a symbol, matched in any case (na, NA and Na are sodium).</summary>
    /// <exception cref="UserError">The potential does not describe the element.</exception>
    public static int ElementIndex(PotentialKernels potential, string symbol, string context)
    {
        for (var i = 0; i < potential.Elements.Count; i++)
        {
            if (string.Equals(potential.Elements[i].Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new UserError($"{context}: element '{symbol}' is not in potential {potential.Name} (it has {Elements(potential)})");
    }

    /// <summary>Checks every atom's element before the calculator sees it, naming the first atom at fault.</summary>
    /// <exception cref="UserError">An atom's element is not in the potential.</exception>
    public static void RequireElements(PotentialKernels potential, IReadOnlyList<string> symbols, string source)
    {
        for (var i = 0; i < symbols.Count; i++)
        {
            if (potential.ElementIndex(symbols[i]) < 0)
            {
                throw new UserError($"{source}: atom index {i} is {symbols[i]}, which potential {potential.Name} does not describe (it has {Elements(potential)})");
            }
        }
    }

    /// <summary>
    /// Refuses an electronic temperature (<c>--temperature</c>) for a continuous-charge potential, which has no latent
    /// weights for it to act on: silently ignored it would look like a setting that took effect.
    /// </summary>
    /// <exception cref="UserError">θ was given and the potential's charges are continuous.</exception>
    public static void RequireTemperatureApplies(PotentialKernels potential, double? temperature)
    {
        if (temperature is not null && potential.HasContinuousCharges)
        {
            throw new UserError($"--temperature: potential {potential.Name} has continuous charges (charge equilibration), so no latent weights and no electronic temperature θ to set");
        }
    }

    /// <summary>
    /// The potential file that <paramref name="kernels"/> were built from, read: what the kernels do not carry
    /// (declared crystals, shell exponents). Found by the kernels' name as a shipped potential or a file,
    /// and accepted only if its text hashes to the kernels' source hash.
    /// </summary>
    /// <exception cref="InvalidOperationException">No file by that name has the kernels' hash.</exception>
    public static Latent.Symbolic.PotentialFile.Potential Model(PotentialKernels kernels)
    {
        var source = PotentialSource.Resolve(kernels.Name);
        if (source.Sha256 != kernels.SourceHash)
            throw new InvalidOperationException($"potential {kernels.Name}: {source.DisplayPath} is not the file its kernels were built from (its hash differs)");
        return PotentialLoader.Read(source);
    }

    private static string Elements(PotentialKernels potential) => string.Join(", ", potential.Elements.Select(e => e.Symbol));
}
