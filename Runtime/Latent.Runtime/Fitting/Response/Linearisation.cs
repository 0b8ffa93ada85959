namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The first-order change of what a <see cref="FixedWeightPass"/> sums, along one direction: the weights by
/// δw and, optionally, one fitted parameter by one unit (<see cref="FixedWeightPass.Linearise"/>).
/// </summary>
/// <param name="Epsilon">δε_iα (eV), flattened as the weights.</param>
/// <param name="Forces">δF, [3 i + c] (eV/Å).</param>
/// <param name="Virial">δW, Voigt xx yy zz yz xz xy (eV).</param>
/// <param name="Charges">δq_i (e).</param>
/// <param name="Energy">δE (eV): ∂E/∂p at fixed weights plus ε·δw.</param>
internal sealed record Linearisation(double[] Epsilon, double[] Forces, double[] Virial, double[] Charges, double Energy);
