using Latent.Cli.Output;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Safety;

/// <summary>
/// What <c>md</c> and <c>relax</c> check before they start: atoms to move, and no two closer than their pair
/// allows. The pair scales come from the potential's dimer curves of the elements present (a few hundred
/// two-atom solves, well under a second), and also bound the time step of <c>md</c>.
/// </summary>
public sealed class DynamicsSafety
{
    private DynamicsSafety(IReadOnlyList<PairScale> scales, ContactLimits? contacts)
    {
        Scales = scales;
        Contacts = contacts;
    }

    /// <summary>One scale per element pair of the structure.</summary>
    public IReadOnlyList<PairScale> Scales { get; }

    /// <summary>The contact limits; null when the check is off.</summary>
    public ContactLimits? Contacts { get; }

    /// <summary>Refuses an empty structure, measures the pairs, and refuses a start with atoms too close.</summary>
    /// <param name="contactFraction">The fraction of the smallest sensible distance that trips; 0 turns the contact check off.</param>
    /// <exception cref="UserError">No atoms, or two atoms too close (named, with the distances).</exception>
    public static DynamicsSafety Check(PotentialKernels kernels, Structure structure, string path, double contactFraction)
    {
        if (structure.Count == 0)
        {
            throw new UserError($"'{path}' has no atoms; there is nothing to move");
        }

        var scales = Measure(kernels, structure.Symbols.Distinct().ToArray());
        var contacts = contactFraction > 0 ? new ContactLimits(scales, contactFraction) : null;
        if (contacts?.Closest(structure) is { } contact)
        {
            throw new UserError($"{path}: {contacts.Describe(contact, structure)}; move them apart, or lower --contact-fraction (0 turns the check off)");
        }

        return new DynamicsSafety(scales, contacts);
    }

    /// <summary>Checks a --contact-fraction value: 0 (off) or in (0, 1].</summary>
    /// <exception cref="UserError">Outside [0, 1].</exception>
    public static void CheckFraction(double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new UserError($"--contact-fraction must be between 0 (off) and 1 (got {Numbers.Format(fraction)})");
        }
    }

    private static List<PairScale> Measure(PotentialKernels kernels, string[] symbols)
    {
        // As latent dimer solves its curve: each distance afresh, the lowest of every start, so no hysteresis.
        var options = new CalculatorOptions { Threads = 1, Solver = new SolverOptions { Anneal = Annealing.Always, CompareStarts = true } };
        var scales = new List<PairScale>();
        for (var p = 0; p < symbols.Length; p++)
        {
            for (var q = p; q < symbols.Length; q++)
            {
                var a = kernels.Elements[kernels.ElementIndex(symbols[p])];
                var b = kernels.Elements[kernels.ElementIndex(symbols[q])];
                try
                {
                    scales.Add(PairScan.Measure(EngineSelection.For(kernels, options), a.Symbol, a.Mass, b.Symbol, b.Mass, kernels.Cutoff));
                }
                catch (Exception error) when (error is LatentSolverException or ChargeEquilibrationException)
                {
                    // A dimer the solver cannot settle somewhere on the scan gives no scale: that pair goes unchecked.
                }
            }
        }

        return scales;
    }
}
