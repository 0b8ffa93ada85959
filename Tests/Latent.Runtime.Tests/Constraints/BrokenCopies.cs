using System.Collections.Concurrent;
using Latent.Runtime.Constraints;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Latent.Symbolic.Constraints;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Constraints;

/// <summary>
/// The potentials the library-constraint tests check: the shipped NaCl and Cu, the all-electron H fixture
/// as they are, and deliberately broken copies, each checked once by <see cref="ConstraintRun"/> (files
/// in a temporary directory, kernels compiled into a temporary cache). Every copy that needs a
/// compilation costs a few seconds, so edits that break different constraints share a copy where their
/// failures do not interfere; each copy says what it breaks.
/// </summary>
public sealed class BrokenCopies : IDisposable
{
    /// <summary>The shipped NaCl, unchanged.</summary>
    public const string NaCl = "NaCl";

    /// <summary>The shipped Cu, unchanged: it declares an fcc crystal, so rose applies and holds.</summary>
    public const string Cu = "Cu";

    /// <summary>
    /// Cu with its crystal declared at a bulk modulus of 120 GPa while the embedding was built on Rose's
    /// curve for 140: the engine's crystal follows the 140 GPa curve, which parts from the declared one
    /// away from a₀ (rose).
    /// </summary>
    public const string SoftCu = "SoftCu";

    /// <summary>The all-electron hydrogen fixture (Data/H.toml), unchanged: cusp applies and holds.</summary>
    public const string Hydrogen = "H";

    /// <summary>
    /// NaCl with Cl⁻'s outermost exponent 1.5 times slater_exponent(EA): its density decays too fast
    /// (asymptotic_decay, and decay_exponent, which derives the exponent). And Cl⁻'s energy 2 eV below
    /// −EA: E(q) leaves the PPLB line for q &lt; 0 (pplb), and Cl⁻ is then bound by more than Na's IP, so
    /// Na⁺Cl⁻ stays ionic far apart although the measured IP_Na &gt; EA_Cl says it must not (dissociation).
    /// The exponent only changes densities at short range, so it moves no engine number; the lower energy
    /// also binds the anion's outer electron by its own I = EA + 2 eV, against which the decay conditions
    /// compare the exponent (1.5·ζ(EA) is neither ζ(EA + 2) nor ζ(EA), so they fail either way).
    /// </summary>
    public const string StateErrors = "StateErrors";

    /// <summary>
    /// NaCl with per-pair mistakes, on different pairs so that they cannot interfere. Na-Cl: the pair
    /// term cut off with select(r &lt; 8, …) steps at 8 Å (continuity), and hand-written electrostatics
    /// whose cation:anion entry is screened by erfc, so it has no Coulomb tail (coulomb_tail). Na-Na:
    /// hand-written electrostatics whose cation:anion entry is screened and whose anion:cation entry is
    /// not, so the energy depends on which of two Na atoms is listed first (symmetry).
    /// </summary>
    public const string PairErrors = "PairErrors";

    /// <summary>
    /// NaCl with the Cl-Cl Born–Mayer term tapered Stillinger–Weber style with the sign flipped,
    /// exp(1/(12 − r)) instead of exp(1/(r − 12)): it diverges at the cutoff faster than the quintic
    /// switch (∝ (12 − r)³) vanishes, so k does not go to 0 there (smooth_cutoff). The switch makes
    /// k vanish at the cutoff for every φ finite there; only a φ singular at the cutoff can break it.
    /// A copy of its own, since continuity and repulsive_pairs fail on Cl-Cl too.
    /// </summary>
    public const string DivergentTaper = "DivergentTaper";

    /// <summary>The H fixture with the 1s exponent 1.2/a0 instead of 1/a0: n′(0) = −2.4/a0·n(0) (cusp).</summary>
    public const string HydrogenWrongExponent = "HydrogenWrongExponent";

    /// <summary>Shipped NaCl read with a slater_density that lost its 1/π: every state with electrons holds π times too many (normalisation).</summary>
    public const string Unnormalised = "Unnormalised";

    /// <summary>
    /// Shipped NaCl read with a slater_density N ζ³/π (2.5 − ζr) e^{−2ζr}, a wrongly signed 2s-like
    /// factor: still normalised to N and decaying as e^{−2ζr}, but negative beyond r = 2.5/ζ, most so at
    /// r = 3/ζ (positivity). No file can write a negative density: shells hold positive electron counts.
    /// </summary>
    public const string NegativeDensity = "NegativeDensity";

    /// <summary>Shipped NaCl with the solver's test hook shifting Σq by <see cref="ChargeLeak"/> (charge_conservation); no file can do that.</summary>
    public const string LeakySolver = "LeakySolver";

    /// <summary>
    /// Shipped NaCl checked with a solver that has no pattern starts (anneal, neutral atoms and charge
    /// equalisation only, as the solver had before): at 0.9–1.2 Å it keeps the neutral dimer although the
    /// ionic one is 3 to 4 eV lower, so A(r) jumps where it finally finds it (dimer_continuity); no file can do that.
    /// </summary>
    public const string WeakSolver = "WeakSolver";

    /// <summary>What the broken solver adds to every total charge (e).</summary>
    public const double ChargeLeak = 0.01;

    private readonly TempCache cache = new();
    private readonly string directory = Path.Combine(Path.GetTempPath(), "latent-constraint-tests", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<ConstraintResult>>> results = new();

    public BrokenCopies() => Directory.CreateDirectory(directory);

    /// <summary>The shipped NaCl file's text.</summary>
    public static string NaClText => PotentialSource.Resolve("NaCl").Text;

    /// <summary>The H fixture's text.</summary>
    public static string HydrogenText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Constraints", "Data", "H.toml"));

    /// <summary>Every constraint result of a potential above, computed once.</summary>
    public IReadOnlyList<ConstraintResult> Results(string name) =>
        results.GetOrAdd(name, n => new Lazy<IReadOnlyList<ConstraintResult>>(() => Check(n))).Value;

    private IReadOnlyList<ConstraintResult> Check(string name)
    {
        var shipped = FunctionLibrary.table();
        var loader = new PotentialLoader(cache.Loader());
        switch (name)
        {
            case NaCl:
                return ConstraintRun.Check(NaCl, shipped, loader);
            case Cu:
                return ConstraintRun.Check(Cu, shipped, loader);
            case SoftCu:
                return ConstraintRun.Check(Write(name, Edited(PotentialSource.Resolve("Cu").Text,
                    ("bulk_modulus = \"B_Cu*GPa\"", "bulk_modulus = \"120*GPa\""))), shipped, loader);
            case Hydrogen:
                return ConstraintRun.Check(Write(name, HydrogenText), shipped, loader);
            case StateErrors:
                return ConstraintRun.Check(Write(name, Edited(NaClText,
                    ("z_Cl_ea = \"slater_exponent(ea_Cl)\"", "z_Cl_ea = \"1.5*slater_exponent(ea_Cl)\""),
                    ("energy = \"-ea_Cl\"", "energy = \"-ea_Cl - 2\""))), shipped, loader);
            case PairErrors:
                return ConstraintRun.Check(Write(name, Edited(NaClText,
                    ("[pairs.Na-Cl]\nphi = \"born_mayer(r, A_NaCl, rho)\"",
                     "[pairs.Na-Cl]\nphi = \"select(r < 8, born_mayer(r, A_NaCl, rho) - 1/r, 0)\"\n"
                     + Electrostatics(["neutral", "cation", "anion"], ["neutral", "anion", "cation"], ("cation", "anion", "-ke*erfc(r)/r"))),
                    ("[pairs.Na-Na]\nphi = \"born_mayer(r, A_NaNa, rho)\"",
                     "[pairs.Na-Na]\nphi = \"born_mayer(r, A_NaNa, rho)\"\n"
                     + Electrostatics(["neutral", "cation", "anion"], ["neutral", "cation", "anion"], ("cation", "anion", "-ke*(1 - exp(-r))/r"))))), shipped, loader);
            case DivergentTaper:
                return ConstraintRun.Check(Write(name, Edited(NaClText,
                    ("phi = \"born_mayer(r, A_ClCl, rho)\"", "phi = \"born_mayer(r, A_ClCl, rho)*exp(1/(12 - r))\""))), shipped, loader);
            case HydrogenWrongExponent:
                return ConstraintRun.Check(Write(name, Edited(HydrogenText,
                    ("shells = [{ electrons = 1, exponent = \"1/a0\" }]", "shells = [{ electrons = 1, exponent = \"1.2/a0\" }]"))), shipped, loader);
            case Unnormalised:
                return ConstraintRun.Check(NaCl, WithSlaterDensity("N*zeta^3*exp(-2*zeta*r)"), loader);
            case NegativeDensity:
                return ConstraintRun.Check(NaCl, WithSlaterDensity("N*zeta^3/pi*(2.5 - zeta*r)*exp(-2*zeta*r)"), loader);
            case WeakSolver:
                return ConstraintRun.Check(NaCl, shipped, loader, new SolverOptions { PatternStarts = false });
            case LeakySolver:
                using (SolverPerturbation.Shift(ChargeLeak))
                    return ConstraintRun.Check(NaCl, shipped, loader);
            default:
                throw new ArgumentException($"no potential '{name}'", nameof(name));
        }
    }

    /// <summary>A text with pieces replaced, each of which must be there (so a copy cannot go stale silently).</summary>
    public static string Edited(string text, params (string Old, string New)[] edits)
    {
        foreach (var (old, replacement) in edits)
        {
            Xunit.Assert.Contains(old, text);
            text = text.Replace(old, replacement);
        }
        return text;
    }

    /// <summary>
    /// A pair's hand-written electrostatics: k_e q_α q_β / r for every state pair (the charges from the
    /// state names), except one entry given as a formula.
    /// </summary>
    private static string Electrostatics(string[] first, string[] second, (string A, string B, string Formula) except)
    {
        static int Charge(string state) => state switch { "cation" => 1, "anion" => -1, _ => 0 };
        var entries = from a in first
                      from b in second
                      let formula = (a, b) == (except.A, except.B) ? except.Formula : $"ke*({Charge(a) * Charge(b)})/r"
                      select $"\"{a}:{b}\" = \"{formula}\"";
        return "electrostatics = { " + string.Join(", ", entries) + " }";
    }

    /// <summary>The component library with slater_density's body replaced.</summary>
    private static IReadOnlyDictionary<string, FunctionDefinition> WithSlaterDensity(string body)
    {
        var functions = new Dictionary<string, FunctionDefinition>(FunctionLibrary.table());
        var parsed = Parser.parseExpression(body);
        if (parsed.IsError)
            throw new ArgumentException($"'{body}' does not parse: {parsed.ErrorValue}", nameof(body));
        var good = functions["slater_density"];
        functions["slater_density"] = new FunctionDefinition(good.Name, good.Parameters, parsed.ResultValue, good.Description);
        return functions;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name + ".toml");
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        cache.Dispose();
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
