using Latent.Runtime.Kernels;

namespace Latent.Generators.Consumer;

/// <summary>
/// Hand-written code that uses what the generator made in this assembly, by name: the kernel class
/// and this assembly's registry (which must not be confused with Latent.Runtime's).
/// </summary>
public static class DimerPotential
{
    /// <summary>The Dimer potential's kernels, through the generated class.</summary>
    public static PotentialKernels Create() => Latent.Potentials.DimerKernels.Create();

    /// <summary>Names of the potentials generated into this assembly.</summary>
    public static IReadOnlyList<string> Names => ShippedPotentials.All.Select(p => p.Name).ToList();
}
