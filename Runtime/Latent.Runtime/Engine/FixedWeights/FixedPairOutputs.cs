using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Engine.FixedWeights;

/// <summary>
/// The outputs of a one-state pair kernel that the fixed-weight step reads, located once through the
/// kernel's layout (values and their r-derivatives): the short-range electrostatics c₀₀, the pair term φ,
/// and the host density each side gives at the other.
/// </summary>
internal readonly record struct FixedPairOutputs(
    int Electrostatics, int Pair, int DensityAtA, int DensityAtB,
    int ElectrostaticsSlope, int PairSlope, int DensityAtASlope, int DensityAtBSlope)
{
    /// <summary>Where the outputs of a pair of one-state elements are.</summary>
    /// <exception cref="ArgumentException">An element of the pair has more than one state.</exception>
    public static FixedPairOutputs Of(PairLayout layout)
    {
        if (layout.StateCountA != 1 || layout.StateCountB != 1)
            throw new ArgumentException("the fixed-weight step needs one state per element", nameof(layout));
        var (c, phi, atA, atB) = (layout.Electrostatics(0, 0), layout.PairPotential, layout.DensityAtA(0), layout.DensityAtB(0));
        return new FixedPairOutputs(c, phi, atA, atB, layout.Derivative(c), layout.Derivative(phi), layout.Derivative(atA), layout.Derivative(atB));
    }
}
