using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The parameter derivatives of a structure cannot be given: the potential fits no parameter, the weights'
/// response is singular (a degenerate crossing), a derivative is not finite, or the response's own sums do not
/// reproduce the engine's result. The message names the structure and, where known, the atom and parameter.
/// </summary>
public sealed class ParameterResponseException : Exception
{
    /// <summary>A refusal with its message; <paramref name="atom"/> and <paramref name="parameter"/> where one is at fault.</summary>
    public ParameterResponseException(string message, int? atom = null, string? parameter = null)
        : base(message)
    {
        Atom = atom;
        Parameter = parameter;
    }

    /// <summary>The atom at fault (its index in the structure), or null.</summary>
    public int? Atom { get; }

    /// <summary>The fitted parameter at fault, or null.</summary>
    public string? Parameter { get; }

    /// <summary>How messages name a structure, which has no name of its own: "the periodic Na4Cl4 (8 atoms)".</summary>
    internal static string Describe(Structure structure)
    {
        var formula = string.Concat(structure.Symbols
            .GroupBy(s => s)
            .Select(g => g.Count() == 1 ? g.Key : g.Key + g.Count()));
        var kind = structure.Cell.IsPeriodic ? "periodic " : "cluster ";
        return $"the {kind}{formula} ({structure.Count} atom{(structure.Count == 1 ? "" : "s")})";
    }
}
