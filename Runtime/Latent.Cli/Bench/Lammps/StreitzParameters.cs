using System.Globalization;
using Latent.Runtime.Kernels;
using Latent.Symbolic;
using Latent.Symbolic.Constraints;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Collections;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// One element's line of a LAMMPS <c>coul/streitz</c> parameter file (element, χ, J, γ, ζ, Z), derived
/// from an ensemble potential's own states: the quadratic E(q) = χq + ½Jq² through its cation and anion
/// energies (IP₁ and −EA), and the Slater exponent of the shell the moving electron occupies.
/// </summary>
/// <param name="Symbol">Element.</param>
/// <param name="Electronegativity">χ = (IP₁ + EA)/2, eV.</param>
/// <param name="Hardness">J, eV: IP₁ − EA plus the Slater charge's own Coulomb energy (see <see cref="Derive"/>).</param>
/// <param name="Exponent">ζ, 1/Å.</param>
internal sealed record StreitzParameters(string Symbol, double Electronegativity, double Hardness, double Exponent)
{
    /// <summary>k_e, eV·Å (docs/model.md §7).</summary>
    private const double CoulombConstant = 14.3996454784;

    /// <summary>The file's line: γ = 0 (no extra Gaussian) and Z = 0 (no core charge: the states' charges are the ions').</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture, $"{Symbol} {Electronegativity:R} {Hardness:R} 0.0 {Exponent:R} 0.0");

    /// <summary>
    /// The parameters of every element of <paramref name="kernels"/> (file <paramref name="model"/>). IP₁ and
    /// EA are the energies of the +1 and −1 states. ζ is the smallest exponent of the state the element
    /// moves towards: the neutral atom's outer shell for the element of lower χ (it gives the electron), the
    /// anion's outer shell for the other (it takes it) — Na 3s at ζ(IP₁) and the extra Cl electron at ζ(EA) in NaCl.
    /// J adds to IP₁ − EA the Coulomb energy (5/8)·k_e·ζ of a unit 1s Slater charge with itself: coul/streitz and
    /// qeq/slater put only J on the diagonal and subtract the Wolf self term, and with IP₁ − EA alone the
    /// charge matrix of rock salt is indefinite (qeq/slater then gives Na −2.9 e, Cl +2.9 e, and the crystal heats).
    /// </summary>
    /// <exception cref="ArgumentException">An element without a neutral, a +1 and a −1 state, or not two elements.</exception>
    public static IReadOnlyList<StreitzParameters> Derive(PotentialKernels kernels, Potential model)
    {
        if (kernels.Elements.Count != 2)
            throw new ArgumentException($"coul/streitz parameters are derived for a binary salt; {kernels.Name} has {kernels.Elements.Count} elements");
        var energies = kernels.Elements.Select(e => (Cation: StateEnergy(kernels, e, 1), Anion: StateEnergy(kernels, e, -1))).ToArray();
        var chi = energies.Select(e => (e.Cation - e.Anion) / 2).ToArray();
        var donor = chi[0] <= chi[1] ? 0 : 1;
        return kernels.Elements.Select((element, i) =>
        {
            var spec = model.Elements.First(e => e.Symbol == element.Symbol);
            var zeta = OuterExponent(model, spec, i == donor ? 0 : -1);
            return new StreitzParameters(element.Symbol, chi[i], energies[i].Cation + energies[i].Anion + 5.0 / 8.0 * CoulombConstant * zeta, zeta);
        }).ToArray();
    }

    private static double StateEnergy(PotentialKernels kernels, ElementDescription element, int charge) =>
        element.States.FirstOrDefault(s => s.Charge == charge)?.Energy
        ?? throw new ArgumentException($"{kernels.Name}: {element.Symbol} has no state of charge {charge:+0;-0}, so its IP₁ and EA are not in the potential");

    private static double OuterExponent(Potential model, ElementSpec element, int charge)
    {
        var state = element.States.FirstOrDefault(s => s.Charge == charge)
            ?? throw new ArgumentException($"{model.Name}: {element.Symbol} has no state of charge {charge}");
        if (state.Shells.IsEmpty)
            throw new ArgumentException($"{model.Name}: the {state.Name} state of {element.Symbol} has no shells, so no valence exponent");
        return state.Shells.Min(s => Evaluate.at(MapModule.Empty<string, double>(), Instances.fold(model, s.Exponent.Expr)));
    }
}
