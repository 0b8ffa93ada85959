namespace Latent.Cli.Bench.Kernels;

/// <summary>One line of the kernel table of <c>latent bench</c>: how fast one implementation evaluates one element pair.</summary>
/// <param name="Pair">The element pair and its potential, e.g. "Na–Cl (NaCl)".</param>
/// <param name="Implementation">"generated scalar", "generated SIMD", "interpreter" or "hand-written".</param>
/// <param name="NanosecondsPerPair">Median time per distance (for SIMD, per lane), ns.</param>
/// <param name="PairsPerSecond">1e9 / <paramref name="NanosecondsPerPair"/>.</param>
/// <param name="Note">What was called, and the comparison the goals ask about.</param>
internal sealed record KernelBenchRow(string Pair, string Implementation, double NanosecondsPerPair, double PairsPerSecond, string Note);
