namespace Latent.Cli.Demo;

/// <summary>k_e·J, k_e·dJ/dR (from the straight-line program) and the central difference of k_e·J at one distance.</summary>
public sealed record CoulombSample(double Distance, double Energy, double Derivative, double FiniteDifference)
{
    public double RelativeDifference => Math.Abs(Derivative - FiniteDifference) / Math.Max(Math.Abs(Derivative), double.Epsilon);
}

/// <summary>k_e·J(R) − k_e/R far apart: how fast the overlap correction dies off.</summary>
public sealed record TailSample(double Distance, double Energy, double PointCharge)
{
    public double Excess => Energy - PointCharge;
}

/// <summary>Everything the demo computed, for the text and JSON forms alike.</summary>
public sealed record CoulombDemoReport(
    string FormulaFile,
    double ExponentA,
    double ExponentB,
    int ValueNodes,
    int DerivativeNodes,
    double DerivativeTreeNodes,
    int CombinedNodes,
    int ProgramInstructions,
    IReadOnlyList<CoulombSample> Samples,
    double ProgramVsInterpreter,
    double FormulaVsComponent,
    IReadOnlyList<TailSample> Tail,
    IReadOnlyList<string> Failures)
{
    public double WorstFiniteDifference => Samples.Max(s => s.RelativeDifference);
}
