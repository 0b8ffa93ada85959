using Latent.Runtime.Constraints;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Symbolic.Components;
using Latent.Symbolic.Constraints;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Constraints;

/// <summary>
/// A potential with an excited state checks as a whole: potassium with its 4s ground state, the 4p state
/// 1.61 eV up whose exponent is slater_exponent(IP₁ − 1.61), and the cation (Data/PotassiumExcited.toml).
/// asymptotic_decay and decay_exponent hold for 4p with its own I = E(cation) − E(4p), and fail when the
/// 4p shell keeps the ground state's exponent, as it would have to if every neutral state were given IP₁.
/// </summary>
public sealed class ExcitedStateDecayTests : IDisposable
{
    private static readonly string FixtureText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Constraints", "Data", "PotassiumExcited.toml"));

    private readonly TempCache cache = new();
    private readonly string directory = Path.Combine(Path.GetTempPath(), "latent-excited-state-tests", Guid.NewGuid().ToString("N"));

    public ExcitedStateDecayTests() => Directory.CreateDirectory(directory);

    private IReadOnlyList<ConstraintResult> Check(string name, string text)
    {
        var path = Path.Combine(directory, name + ".toml");
        File.WriteAllText(path, text);
        return ConstraintRun.Check(path, FunctionLibrary.table(), new PotentialLoader(cache.Loader()));
    }

    private static ConstraintResult At(IReadOnlyList<ConstraintResult> results, string name, string instance) =>
        results.Single(r => r.Name == name && r.Instance == instance);

    /// <summary>d ln n/dr far out, −2·sqrt(2I/Ha)/a0 (1/Å), for a binding energy I in eV.</summary>
    private static double DecayRate(double bindingEnergy) =>
        -2 * Math.Sqrt(2 * bindingEnergy / PhysicalConstants.Hartree) / PhysicalConstants.Bohr;

    [Fact]
    public void The_fixture_passes_every_constraint_with_each_states_own_ionisation_energy()
    {
        var results = Check("PotassiumExcited", FixtureText);
        Assert.All(results, r => Assert.True(r.Outcome != Outcome.Failed, $"{r.Name} at {r.Instance}: {r.Message}"));
        var ip1 = AtomicData.tryFind("K").Value.Ip1.Value;

        var ground = At(results, "asymptotic_decay", "K 4s");
        Assert.Equal(Outcome.Passed, ground.Outcome);
        Assert.Equal(DecayRate(ip1), ground.Target, 12);

        var excited = At(results, "asymptotic_decay", "K 4p");
        Assert.Equal(Outcome.Passed, excited.Outcome);
        Assert.Equal(DecayRate(ip1 - 1.61), excited.Target, 12);
        Assert.Equal(Outcome.Passed, At(results, "decay_exponent", "K 4p").Outcome);

        // The engine kinds run on it too: E(q) follows IP₁ (the ground state carries the atom at θ → 0)
        // and two K atoms far apart are neutral.
        Assert.Equal(Outcome.Passed, At(results, "pplb", "K").Outcome);
        Assert.Equal(Outcome.Passed, At(results, "dissociation", "K-K").Outcome);
    }

    [Fact]
    public void An_excited_shell_with_the_ground_exponent_fails_decay_there_only()
    {
        const string own = "shells = [{ electrons = 1, exponent = \"z_K_4p\" }]";
        Assert.Contains(own, FixtureText);
        var results = Check("GroundExponent", FixtureText.Replace(own, "shells = [{ electrons = 1, exponent = \"z_K_4s\" }]"));

        var decay = At(results, "asymptotic_decay", "K 4p");
        Assert.Equal(Outcome.Failed, decay.Outcome);
        Assert.Contains("K 4p: lim r→inf dn/n = -2.1347568, expected -2*sqrt(2*I/Ha)/a0 = -1.6931893", decay.Message);
        var exponent = At(results, "decay_exponent", "K 4p");
        Assert.Equal(Outcome.Failed, exponent.Outcome);
        Assert.Contains("K 4p: zeta = 1.0673784 is not slater_exponent(I) = 0.84659466", exponent.Message);
        Assert.Equal(["asymptotic_decay", "decay_exponent"], results.Where(r => r.Outcome == Outcome.Failed).Select(r => r.Name).ToArray());
    }

    public void Dispose()
    {
        cache.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
