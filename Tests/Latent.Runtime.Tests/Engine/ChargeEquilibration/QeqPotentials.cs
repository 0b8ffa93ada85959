using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Engine.ChargeEquilibration;

/// <summary>The shipped NaCl-QEq potential, a variant without a minimum at short range, and systems built from them.</summary>
internal static class QeqPotentials
{
    private static readonly Lazy<PotentialKernels> Shipped = new(() => new PotentialLoader().Load("NaCl-QEq"));

    private static readonly Lazy<PotentialKernels> Catastrophic = new(() =>
    {
        // Na's charge at ζ(IP₁): its own Coulomb energy (5/8)·k_e·ζ = 10.45 eV exceeds J = 4.59 eV, so a close
        // Na–Cl pair has no minimum (docs/model.md §8; potentials/NaCl-QEq.toml says why it uses ζ(EA)).
        var text = PotentialSource.Resolve("NaCl-QEq").Text
            .Replace("name = \"NaCl-QEq\"", "name = \"NaCl-QEq-ip1\"")
            .Replace("charge_exponent = \"slater_exponent(ea_Na)\"", "charge_exponent = \"slater_exponent(ip1_Na)\"");
        var path = Path.Combine(Path.GetTempPath(), $"latent-qeq-ip1-{Environment.ProcessId}.toml");
        File.WriteAllText(path, text);
        try
        {
            return new PotentialLoader().Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    });

    public static PotentialKernels Potential => Shipped.Value;

    /// <summary>NaCl-QEq with ζ(IP₁) for Na: E(q) of a Na–Cl pair closer than 1.65 Å has no minimum.</summary>
    public static PotentialKernels WithoutMinimumAtShortRange => Catastrophic.Value;

    /// <summary>The system of a cluster, for sums at given charges.</summary>
    public static ChargeEquilibrationSystem Cluster(Structure s, PotentialKernels? potential = null)
    {
        var k = potential ?? Potential;
        return new ChargeEquilibrationSystem(k, s, PairSet.AllPairs(s, k.Cutoff), LongRangeCoulomb.Direct(), null, new ParallelOptions { MaxDegreeOfParallelism = 1 });
    }

    /// <summary>E(q) of the system at the charges (eV).</summary>
    public static double Energy(ChargeEquilibrationSystem system, double[] charges)
    {
        var terms = new EnergyTerms(system.AtomCount);
        system.Energy(charges, terms);
        return terms.FreeEnergy;
    }

    /// <summary>A calculator that solves densely up to <paramref name="denseLimit"/> atoms (0: always conjugate gradients).</summary>
    public static ChargeEquilibrationCalculator Calculator(int denseLimit = 128, int? threads = 1, ChargeCondition? charge = null, PotentialKernels? potential = null) =>
        new(potential ?? Potential, new CalculatorOptions
        {
            Threads = threads,
            Charge = charge ?? ChargeCondition.TotalCharge(0),
            ChargeEquilibration = new ChargeEquilibrationOptions { DenseLimit = denseLimit, Tolerance = 1e-12 },
        });
}
