namespace Latent.Cli.Bench;

/// <summary>One goal of the engine as the page states it.</summary>
/// <param name="Short">A few words, to head its explanation.</param>
/// <param name="Goal">The goal as set.</param>
/// <param name="Measured">What this run measured.</param>
/// <param name="Verdict">Met, missed by how much, or not measured and why.</param>
/// <param name="Why">Why a missed goal is missed (null when met).</param>
internal sealed record BenchGoal(string Short, string Goal, string Measured, string Verdict, string? Why);
