using Latent.Symbolic.PotentialFile;
using Microsoft.CodeAnalysis;

namespace Latent.Generators;

/// <summary>
/// Every diagnostic the generator reports. Potential-file problems keep the codes of
/// <see cref="ErrorCodes"/> (LAT001–LAT017), so the compiler and `latent` say the same thing.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "Latent.Potentials";

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors =
        ErrorCodes.all.ToDictionary(
            entry => entry.Item1,
            entry => new DiagnosticDescriptor(
                id: entry.Item1,
                title: entry.Item2,
                messageFormat: "{0}",
                category: Category,
                defaultSeverity: DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                helpLinkUri: "docs/potential-format.md#error-codes"));

    /// <summary>The build's <c>LatentShippedPotentialsNamespace</c> is not a C# namespace name.</summary>
    public static readonly DiagnosticDescriptor InvalidRegistryNamespace = new(
        id: "LAT100",
        title: "Invalid namespace for ShippedPotentials",
        messageFormat: "LatentShippedPotentialsNamespace '{0}' is not a valid C# namespace name",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>The descriptor of a potential-file error code.</summary>
    public static DiagnosticDescriptor For(string code) => Descriptors[code];

    /// <summary>Every descriptor, for tests that check the table is complete.</summary>
    public static IReadOnlyCollection<DiagnosticDescriptor> All => Descriptors.Values;
}
