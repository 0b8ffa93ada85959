using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Runtime.Properties;

namespace Latent.Cli.Dimer;

/// <summary>How <c>latent dimer</c> shows a molecule's <see cref="DimerProperties"/>: a short block after the table, and a JSON object.</summary>
public static class DimerPropertiesOutput
{
    /// <summary>The properties in JSON (null for what the calculation does not give).</summary>
    public static JsonObject Json(DimerProperties p) => new()
    {
        ["equilibrium"] = JsonOutput.Number(p.Equilibrium),
        ["energy_at_equilibrium"] = JsonOutput.Number(p.EnergyAtEquilibrium),
        ["separated_atoms"] = JsonOutput.Number(p.SeparatedAtoms),
        ["binding_energy_de"] = JsonOutput.Number(p.BindingEnergy),
        ["binding_energy_d0"] = Optional(p.ZeroPointBinding),
        ["curvature"] = JsonOutput.Number(p.Curvature),
        ["reduced_mass"] = JsonOutput.Number(p.ReducedMass),
        ["wavenumber"] = Optional(p.Wavenumber),
        ["charge_a"] = Optional(p.ChargeA),
        ["dipole"] = Optional(p.Dipole),
        ["switch_off"] = Optional(p.SwitchOff),
    };

    /// <summary>The block printed after the table; says why when there are no properties.</summary>
    public static void Write(TextWriter o, string symbolA, DimerProperties? p, IonicCrossing? crossing)
    {
        if (p is null)
        {
            o.WriteLine("no molecule properties: the lowest point of the curve is at an end of the range; widen --from/--to so the minimum lies inside it");
            return;
        }

        o.WriteLine($"{p.A}–{p.B} molecule (R_e refined off the grid, every distance solved afresh):");
        o.WriteLine($"  R_e = {Numbers.Fixed(p.Equilibrium, 4)} Å, A(R_e) = {Numbers.Fixed(p.EnergyAtEquilibrium, 6)} eV");
        o.WriteLine($"  D_e = {Numbers.Fixed(p.BindingEnergy, 4)} eV   well depth against the separated atoms, A(∞) − A(R_e), A(∞) = {Numbers.Fixed(p.SeparatedAtoms, 6)} eV");
        if (p.Wavenumber is { } w)
        {
            o.WriteLine($"  D₀ = {Numbers.Fixed(p.ZeroPointBinding!.Value, 4)} eV   D_e − hcω_e/2, from the lowest vibrational level (what experiment measures)");
            o.WriteLine($"  ω_e = {Numbers.Fixed(w, 1)} cm⁻¹   harmonic, from k = {Numbers.Short(p.Curvature, 5)} eV/Å² and μ = {Numbers.Short(p.ReducedMass, 6)} amu");
        }
        else
        {
            o.WriteLine($"  no ω_e or D₀: the curvature at R_e is not positive (k = {Numbers.Short(p.Curvature, 5)} eV/Å²)");
        }

        if (p.ChargeA is { } q)
        {
            o.WriteLine($"  q({symbolA}) = {Numbers.Fixed(q, 4)} e at R_e, dipole {Numbers.Fixed(p.Dipole!.Value, 3)} D");
            var rc = crossing is null ? "no ionic–covalent crossing estimate" : $"R_c = {Numbers.Fixed(crossing.Distance, 2)} Å";
            var switchOff = p.SwitchOff is { } s
                ? $"switch-off {Numbers.Fixed(s, 3)} Å (|q({symbolA})| falls through half its value at R_e)"
                : Math.Abs(q) < DimerProperties.IonicCharge
                    ? $"no switch-off: |q({symbolA})| at R_e is below {Numbers.Format(DimerProperties.IonicCharge)} e"
                    : $"no switch-off inside the range: |q({symbolA})| keeps half its value at R_e out to the last point";
            o.WriteLine($"  {switchOff}, beside {rc}");
        }
    }

    private static JsonNode? Optional(double? value) => value is { } v ? JsonOutput.Number(v) : null;
}
