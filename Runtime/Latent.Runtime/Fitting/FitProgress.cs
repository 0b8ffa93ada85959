namespace Latent.Runtime.Fitting;

/// <summary>One evaluation of the fit, for a progress display.</summary>
/// <param name="Start">Which start (1-based).</param>
/// <param name="Starts">How many starts.</param>
/// <param name="Evaluation">Evaluations in this start so far.</param>
/// <param name="Cost">Σ residual² at this evaluation (NaN for a rejected one).</param>
/// <param name="BestCost">The lowest cost of this start so far.</param>
/// <param name="Rejected">Why the evaluation was rejected, or null.</param>
public sealed record FitProgress(int Start, int Starts, int Evaluation, double Cost, double BestCost, string? Rejected);
