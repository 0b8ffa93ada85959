using Latent.Symbolic.Kernels;

namespace Latent.Generators;

/// <summary>
/// What the generator knows about one potential file after reading it: value-equal data only (the
/// F# kernel set compares structurally), so an unchanged file gives an equal model and the
/// emission step is skipped.
/// </summary>
internal sealed record PotentialModel(string FilePath, string SourceHash, KernelSet? Kernels, EquatableArray<DiagnosticInfo> Diagnostics);
