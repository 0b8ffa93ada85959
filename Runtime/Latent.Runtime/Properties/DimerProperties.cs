using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Properties;

/// <summary>
/// What a diatomic molecule A–B is, from a calculator: the equilibrium distance R_e (refined off a scanned
/// curve), the binding against the separated atoms (D_e, and D₀ with the zero-point energy taken off, the one
/// experiment measures), the harmonic wavenumber ω_e, and, for a calculator that gives charges, the charge of A,
/// the dipole at R_e and the distance where the charge switches off. These are the dimer targets a fit compares
/// with experiment.
/// </summary>
/// <param name="A">Symbol of the atom at the origin.</param>
/// <param name="B">Symbol of its partner.</param>
/// <param name="ReducedMass">μ = m_A·m_B/(m_A + m_B) (amu).</param>
/// <param name="Equilibrium">R_e (Å), to <see cref="CurveMinimum.Tolerance"/>.</param>
/// <param name="EnergyAtEquilibrium">A(R_e) (eV).</param>
/// <param name="SeparatedAtoms">A(∞) (eV): the free energies of A alone and B alone, each in its ground state, summed.</param>
/// <param name="Curvature">k = A''(R_e) (eV/Å²); NaN when the central difference is not finite.</param>
/// <param name="Wavenumber">ω_e = √(k/μ)/(2πc) (cm⁻¹); null unless k &gt; 0.</param>
/// <param name="ChargeA">q_A at R_e (e); null when the calculator gives no charges.</param>
/// <param name="Dipole">|μ| at R_e (D) about the centre of mass (for a neutral molecule any origin gives |q_A|·R_e); null without charges.</param>
/// <param name="SwitchOff">Where |q_A| falls through half its value at R_e walking outward (Å), to <see cref="SwitchOffTolerance"/>;
/// null without charges, for a pair whose charge at R_e is below <see cref="IonicCharge"/>, or when the curve scanned never drops that far.</param>
public sealed record DimerProperties(
    string A,
    string B,
    double ReducedMass,
    double Equilibrium,
    double EnergyAtEquilibrium,
    double SeparatedAtoms,
    double Curvature,
    double? Wavenumber,
    double? ChargeA,
    double? Dipole,
    double? SwitchOff)
{
    /// <summary>A charge at R_e below this (e) makes the bond covalent: it has no ionic charge to switch off.</summary>
    public const double IonicCharge = 0.05;

    /// <summary>How closely the switch-off distance is bisected (Å).</summary>
    public const double SwitchOffTolerance = 1e-4;

    /// <summary>D_e = A(∞) − A(R_e) (eV): the well depth, without zero-point energy.</summary>
    public double BindingEnergy => SeparatedAtoms - EnergyAtEquilibrium;

    /// <summary>D₀ = D_e − h·c·ω_e/2 (eV): the binding from the lowest vibrational level, as experiment measures it; null without ω_e.</summary>
    public double? ZeroPointBinding => Wavenumber is { } w ? BindingEnergy - VibrationUnits.QuantumEnergy(w) / 2 : null;

    /// <summary>
    /// The properties of the A–B dimer (A at the origin, B on the x axis) from a scanned curve: its lowest point is
    /// refined by <see cref="CurveMinimum"/>, and every distance off the grid is solved by <paramref name="calculator"/>,
    /// which should solve each distance afresh (no hysteresis), as <c>latent dimer</c>'s does.
    /// </summary>
    /// <param name="calculator">Evaluates the two-atom cluster and each atom alone.</param>
    /// <param name="a">A's symbol.</param>
    /// <param name="massA">A's mass (amu).</param>
    /// <param name="b">B's symbol.</param>
    /// <param name="massB">B's mass (amu).</param>
    /// <param name="distances">The scanned distances (Å), increasing.</param>
    /// <param name="freeEnergies">A at each distance (eV).</param>
    /// <param name="chargesA">q_A at each distance (e), or null for a calculator without charges.</param>
    /// <returns>Null when the scan's lowest finite point is at either end of it (so for fewer than three points):
    /// the scan does not bracket a minimum.</returns>
    /// <exception cref="ArgumentException">Lists of different lengths, distances not increasing, or a mass that is not positive.</exception>
    public static DimerProperties? Measure(
        ICalculator calculator,
        string a,
        double massA,
        string b,
        double massB,
        IReadOnlyList<double> distances,
        IReadOnlyList<double> freeEnergies,
        IReadOnlyList<double>? chargesA)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(freeEnergies);
        if (freeEnergies.Count != distances.Count || (chargesA is not null && chargesA.Count != distances.Count))
            throw new ArgumentException($"as many energies (and charges) as distances (got {distances.Count} distances, {freeEnergies.Count} energies)", nameof(freeEnergies));
        for (var k = 1; k < distances.Count; k++)
        {
            if (!(distances[k] > distances[k - 1]))
                throw new ArgumentException($"distances must increase (r[{k}] = {distances[k]} after {distances[k - 1]})", nameof(distances));
        }

        if (!(massA > 0) || !(massB > 0))
            throw new ArgumentException("masses must be positive", nameof(massA));

        var lowest = -1;
        for (var k = 0; k < distances.Count; k++)
        {
            if (double.IsFinite(freeEnergies[k]) && (lowest < 0 || freeEnergies[k] < freeEnergies[lowest]))
                lowest = k;
        }

        if (lowest <= 0 || lowest == distances.Count - 1)
            return null;

        CalculatedProperties At(double r) =>
            calculator.Calculate(new Structure([a, b], [Vec3.Zero, new Vec3(r, 0, 0)], [massA, massB], Cell.None));

        var minimum = CurveMinimum.Refine(r => At(r).FreeEnergy, distances[lowest - 1], distances[lowest + 1]);
        var reduced = massA * massB / (massA + massB);
        var wavenumber = VibrationUnits.Wavenumber(minimum.Curvature, reduced);
        var separated = Alone(calculator, a, massA) + Alone(calculator, b, massB);

        double? charge = null, dipole = null, switchOff = null;
        if (chargesA is not null && At(minimum.X).Charges is { } q)
        {
            var re = minimum.X;
            charge = q[0];
            var centre = massB / (massA + massB) * re;
            dipole = Math.Abs(q[0] * (0 - centre) + q[1] * (re - centre)) * VibrationUnits.DebyePerElectronAngstrom;
            switchOff = FindSwitchOff(r => At(r).Charges![0], re, q[0], distances, chargesA);
        }

        return new DimerProperties(a, b, reduced, minimum.X, minimum.Value, separated, minimum.Curvature,
            double.IsFinite(wavenumber) ? wavenumber : null, charge, dipole, switchOff);
    }

    /// <summary>The free energy of one atom alone: with no partner to give charge to it is neutral, in its ground state.</summary>
    private static double Alone(ICalculator calculator, string symbol, double mass) =>
        calculator.Calculate(new Structure([symbol], [Vec3.Zero], [mass], Cell.None)).FreeEnergy;

    /// <summary>Walks the scanned charges outward from R_e to the first that has lost half the charge at R_e, then bisects
    /// between it and the point before (or R_e itself) with fresh solutions.</summary>
    private static double? FindSwitchOff(Func<double, double> charge, double re, double chargeAtEquilibrium, IReadOnlyList<double> distances, IReadOnlyList<double> charges)
    {
        var half = 0.5 * Math.Abs(chargeAtEquilibrium);
        if (Math.Abs(chargeAtEquilibrium) < IonicCharge)
            return null;

        var inner = re;
        for (var k = 0; k < distances.Count; k++)
        {
            if (distances[k] <= re)
                continue;
            if (Math.Abs(charges[k]) >= half)
            {
                inner = distances[k];
                continue;
            }

            var outer = distances[k];
            while (outer - inner > SwitchOffTolerance)
            {
                var middle = 0.5 * (inner + outer);
                if (Math.Abs(charge(middle)) >= half)
                    inner = middle;
                else
                    outer = middle;
            }

            return 0.5 * (inner + outer);
        }

        return null;
    }
}
