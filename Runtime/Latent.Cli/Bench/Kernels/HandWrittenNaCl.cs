namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The Na–Cl pair of potentials/NaCl.toml written by hand, as an expert would without the generator:
/// the same 16 terms and r-derivatives in the same layout as the generated <c>Pair_Na_Cl</c> (values
/// [0..15], derivatives [16..31]). Physics (docs/model.md §2, §6): per state pair, the short-range Slater 1s
/// electrostatics C_αβ − k_e q_α q_β / r, written directly as its short-range parts
/// (V_a − 1/r = −e^{−2ar}(a + 1/r), J_ab − 1/r) so no 1/r terms are formed and cancelled; the
/// Born–Mayer term; host densities (zero in this file); every term times the quintic switch on [10, 12] Å.
/// The reference for "at least as fast as hand-written" in <c>latent bench</c> and the BenchmarkDotNet
/// benchmarks (which compile this file too).
/// </summary>
internal static class HandWrittenNaCl
{
    /// <summary>Length of the span <see cref="Pair"/> writes.</summary>
    public const int OutputCount = 32;

    private const double Ke = 14.3996454784;
    private const double Hartree = 27.211386246;
    private const double Bohr = 0.529177210903;

    // Valence charges of Na (3s outside Ne) and Cl (3s² 3p⁵ outside Ne).
    private const double ZNa = 1.0;
    private const double ZCl = 7.0;

    // [parameters] (as fitted) and [model] of NaCl.toml.
    private const double ANaCl = 1345.3419062663322;
    private const double Rho = 0.3099584486262043;
    private const double SwitchStart = 10.0;
    private const double SwitchWidth = 2.0;

    // Slater exponents (1/Å) from the binding energies in Symbolic/PotentialFile/atomic-data.csv.
    // Static readonly: tier-1 JIT code treats them as constants.
    private static readonly double NaEa = Zeta(0.5479);
    private static readonly double NaIp1 = Zeta(5.1391);
    private static readonly double ClEa = Zeta(3.6127);
    private static readonly double ClIp1 = Zeta(12.9676);
    private static readonly double ClIp2 = Zeta(23.8136);

    // Unequal-exponent two-centre integrals of every Na shell with every Cl shell (all exponents differ).
    private static readonly ShellPair EaEa = new(NaEa, ClEa);
    private static readonly ShellPair EaIp1 = new(NaEa, ClIp1);
    private static readonly ShellPair EaIp2 = new(NaEa, ClIp2);
    private static readonly ShellPair Ip1Ea = new(NaIp1, ClEa);
    private static readonly ShellPair Ip1Ip1 = new(NaIp1, ClIp1);
    private static readonly ShellPair Ip1Ip2 = new(NaIp1, ClIp2);

    /// <summary>ζ = sqrt(2I/Ha)/a0 (1/Å) of an electron bound by I (eV): the asymptotic-decay condition.</summary>
    private static double Zeta(double bindingEnergy) => Math.Sqrt(2.0 * bindingEnergy / Hartree) / Bohr;

    /// <summary>
    /// J_ab − 1/r = −e^{−2ar}(P + Q/r) − e^{−2br}(R + T/r) with d = a² − b²: P = a b⁴/d², Q = −b⁴(b² − 3a²)/d³,
    /// R = b a⁴/d², T = a⁴(a² − 3b²)/d³ (docs/model.md §6), folded once per shell pair.
    /// </summary>
    private readonly struct ShellPair
    {
        public ShellPair(double a, double b)
        {
            var d = a * a - b * b;
            var a4 = a * a * a * a;
            var b4 = b * b * b * b;
            P = a * b4 / (d * d);
            Q = -b4 * (b * b - 3.0 * a * a) / (d * d * d);
            R = b * a4 / (d * d);
            T = a4 * (a * a - 3.0 * b * b) / (d * d * d);
            TwoA = 2.0 * a;
            TwoB = 2.0 * b;
        }

        public readonly double P, Q, R, T, TwoA, TwoB;
    }

    /// <summary>All 16 terms and their r-derivatives at distance <paramref name="r"/> (Å).</summary>
    public static void Pair(double r, Span<double> values)
    {
        var inv = 1.0 / r;
        var inv2 = inv * inv;

        // One exponential per distinct Slater exponent, one for Born–Mayer.
        var eNaEa = Math.Exp(-2.0 * NaEa * r);
        var eNaIp1 = Math.Exp(-2.0 * NaIp1 * r);
        var eClEa = Math.Exp(-2.0 * ClEa * r);
        var eClIp1 = Math.Exp(-2.0 * ClIp1 * r);
        var eClIp2 = Math.Exp(-2.0 * ClIp2 * r);
        var eBm = Math.Exp(-r * (1.0 / Rho));

        // Nuclear attraction, short-range part V_a − 1/r, per shell.
        Attraction(NaEa, eNaEa, inv, inv2, out var uNaEa, out var duNaEa);
        Attraction(NaIp1, eNaIp1, inv, inv2, out var uNaIp1, out var duNaIp1);
        Attraction(ClEa, eClEa, inv, inv2, out var uClEa, out var duClEa);
        Attraction(ClIp1, eClIp1, inv, inv2, out var uClIp1, out var duClIp1);
        Attraction(ClIp2, eClIp2, inv, inv2, out var uClIp2, out var duClIp2);

        // Electron–electron, short-range part J_ab − 1/r, per shell pair.
        TwoCentre(EaEa, eNaEa, eClEa, inv, inv2, out var jEaEa, out var djEaEa);
        TwoCentre(EaIp1, eNaEa, eClIp1, inv, inv2, out var jEaIp1, out var djEaIp1);
        TwoCentre(EaIp2, eNaEa, eClIp2, inv, inv2, out var jEaIp2, out var djEaIp2);
        TwoCentre(Ip1Ea, eNaIp1, eClEa, inv, inv2, out var jIp1Ea, out var djIp1Ea);
        TwoCentre(Ip1Ip1, eNaIp1, eClIp1, inv, inv2, out var jIp1Ip1, out var djIp1Ip1);
        TwoCentre(Ip1Ip2, eNaIp1, eClIp2, inv, inv2, out var jIp1Ip2, out var djIp1Ip2);

        // Σ_b N_b u_b over the shells of each Cl state: neutral (ip1 + 6 ip2), anion (+ ea), cation (6 ip2).
        var clCation = 6.0 * uClIp2;
        var dClCation = 6.0 * duClIp2;
        var clNeutral = uClIp1 + clCation;
        var dClNeutral = duClIp1 + dClCation;
        var clAnion = uClEa + clNeutral;
        var dClAnion = duClEa + dClNeutral;

        // Σ_a N_a u_a over the shells of each Na state: neutral (ip1), cation (none), anion (ea + ip1).
        var naAnion = uNaEa + uNaIp1;
        var dNaAnion = duNaEa + duNaIp1;

        // Σ_a Σ_b N_a N_b j_ab for the state pairs that have electrons on both sides.
        var ip1Cation = 6.0 * jIp1Ip2;
        var dIp1Cation = 6.0 * djIp1Ip2;
        var ip1Neutral = jIp1Ip1 + ip1Cation;
        var dIp1Neutral = djIp1Ip1 + dIp1Cation;
        var eaCation = 6.0 * jEaIp2;
        var dEaCation = 6.0 * djEaIp2;
        var eaNeutral = jEaIp1 + eaCation;
        var dEaNeutral = djEaIp1 + dEaCation;

        var eeNN = ip1Neutral;
        var eeNA = jIp1Ea + ip1Neutral;
        var eeNC = ip1Cation;
        var eeAN = eaNeutral + ip1Neutral;
        var eeAA = jEaEa + eaNeutral + jIp1Ea + ip1Neutral;
        var eeAC = eaCation + ip1Cation;
        var deeNN = dIp1Neutral;
        var deeNA = djIp1Ea + dIp1Neutral;
        var deeNC = dIp1Cation;
        var deeAN = dEaNeutral + dIp1Neutral;
        var deeAA = djEaEa + dEaNeutral + djIp1Ea + dIp1Neutral;
        var deeAC = dEaCation + dIp1Cation;

        // Quintic switch 1 − 10t³ + 15t⁴ − 6t⁵ = (1 − t)³(1 + 3t + 6t²) on [10, 12] Å, factored so it keeps
        // its relative accuracy as it goes to zero; branch-free through the clamp (min/max).
        var t = Math.Max(0.0, Math.Min(1.0, (r - SwitchStart) * (1.0 / SwitchWidth)));
        var u = 1.0 - t;
        var u2 = u * u;
        var s = u2 * u * (1.0 + t * (3.0 + 6.0 * t));
        var ds = -30.0 / SwitchWidth * (t * t) * u2;
        var ks = Ke * s;
        var kds = Ke * ds;

        // X_αβ = −Z_Na Σ_b N_b u_b − Z_Cl Σ_a N_a u_a + Σ N_a N_b j_ab; c = k_e X S, c′ = k_e (X′ S + X S′).
        var xNN = -ZNa * clNeutral - ZCl * uNaIp1 + eeNN;
        var xNA = -ZNa * clAnion - ZCl * uNaIp1 + eeNA;
        var xNC = -ZNa * clCation - ZCl * uNaIp1 + eeNC;
        var xCN = -ZNa * clNeutral;
        var xCA = -ZNa * clAnion;
        var xCC = -ZNa * clCation;
        var xAN = -ZNa * clNeutral - ZCl * naAnion + eeAN;
        var xAA = -ZNa * clAnion - ZCl * naAnion + eeAA;
        var xAC = -ZNa * clCation - ZCl * naAnion + eeAC;
        var dxNN = -ZNa * dClNeutral - ZCl * duNaIp1 + deeNN;
        var dxNA = -ZNa * dClAnion - ZCl * duNaIp1 + deeNA;
        var dxNC = -ZNa * dClCation - ZCl * duNaIp1 + deeNC;
        var dxCN = -ZNa * dClNeutral;
        var dxCA = -ZNa * dClAnion;
        var dxCC = -ZNa * dClCation;
        var dxAN = -ZNa * dClNeutral - ZCl * dNaAnion + deeAN;
        var dxAA = -ZNa * dClAnion - ZCl * dNaAnion + deeAA;
        var dxAC = -ZNa * dClCation - ZCl * dNaAnion + deeAC;

        var bm = ANaCl * eBm;

        // Highest index first: one bounds check covers every store.
        values[31] = 0.0;
        values[30] = 0.0;
        values[29] = 0.0;
        values[28] = 0.0;
        values[27] = 0.0;
        values[26] = 0.0;
        values[25] = bm * (ds - s * (1.0 / Rho));
        values[24] = dxAC * ks + xAC * kds;
        values[23] = dxAA * ks + xAA * kds;
        values[22] = dxAN * ks + xAN * kds;
        values[21] = dxCC * ks + xCC * kds;
        values[20] = dxCA * ks + xCA * kds;
        values[19] = dxCN * ks + xCN * kds;
        values[18] = dxNC * ks + xNC * kds;
        values[17] = dxNA * ks + xNA * kds;
        values[16] = dxNN * ks + xNN * kds;
        values[15] = 0.0;
        values[14] = 0.0;
        values[13] = 0.0;
        values[12] = 0.0;
        values[11] = 0.0;
        values[10] = 0.0;
        values[9] = bm * s;
        values[8] = xAC * ks;
        values[7] = xAA * ks;
        values[6] = xAN * ks;
        values[5] = xCC * ks;
        values[4] = xCA * ks;
        values[3] = xCN * ks;
        values[2] = xNC * ks;
        values[1] = xNA * ks;
        values[0] = xNN * ks;
    }

    /// <summary>u = V_a − 1/r = −e^{−2ar}(a + 1/r) and u′ = e^{−2ar}(2a(a + 1/r) + 1/r²).</summary>
    private static void Attraction(double a, double e, double inv, double inv2, out double u, out double du)
    {
        var s = a + inv;
        u = -e * s;
        du = e * (2.0 * a * s + inv2);
    }

    /// <summary>j = J_ab − 1/r and its r-derivative from the folded coefficients of the shell pair.</summary>
    private static void TwoCentre(in ShellPair c, double ea, double eb, double inv, double inv2, out double j, out double dj)
    {
        var pa = c.P + c.Q * inv;
        var pb = c.R + c.T * inv;
        j = -ea * pa - eb * pb;
        dj = ea * (c.TwoA * pa + c.Q * inv2) + eb * (c.TwoB * pb + c.T * inv2);
    }
}
