using System.Globalization;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// The checks dynamics (<see cref="MdWatchdog"/>) and relaxation (<see cref="Fire"/>) both make of a configuration,
/// with the one wording of their stops: which atom first has a non-finite position, force or velocity, and the
/// closest contact.
/// </summary>
internal static class StepChecks
{
    /// <summary>
    /// The first atom with a non-finite position, force or (when given) velocity, else a non-finite free energy;
    /// null when all are finite. A scan to run once a cheap sum has turned out non-finite.
    /// </summary>
    public static DynamicsStop? NonFinite(Structure s, ReadOnlySpan<double> fx, ReadOnlySpan<double> fy, ReadOnlySpan<double> fz, Velocities? v, double freeEnergy, int step)
    {
        for (var i = 0; i < s.Count; i++)
        {
            string? what = !(double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]) && double.IsFinite(s.Z[i])) ? $"position ({G(s.X[i])}, {G(s.Y[i])}, {G(s.Z[i])}) Å"
                : !(double.IsFinite(fx[i]) && double.IsFinite(fy[i]) && double.IsFinite(fz[i])) ? $"force ({G(fx[i])}, {G(fy[i])}, {G(fz[i])}) eV/Å"
                : v is not null && !(double.IsFinite(v.X[i]) && double.IsFinite(v.Y[i]) && double.IsFinite(v.Z[i])) ? $"velocity ({G(v.X[i])}, {G(v.Y[i])}, {G(v.Z[i])}) Å/fs"
                : null;
            if (what is not null)
                return new DynamicsStop(StopReason.NonFinite, step, [i], $"step {step}: atom {i} ({s.Symbols[i]}) has {what}");
        }

        if (!double.IsFinite(freeEnergy))
            return new DynamicsStop(StopReason.NonFinite, step, [], $"step {step}: the free energy A is {G(freeEnergy)} eV while every force{(v is null ? "" : " and velocity")} is finite");
        return null;
    }

    /// <summary>The pair furthest inside its contact limit as a stop, or null (and null when no limits are set).</summary>
    public static DynamicsStop? Contact(ContactLimits? contacts, Structure structure, int step) =>
        contacts?.Closest(structure) is { } contact
            ? new DynamicsStop(StopReason.CloseContact, step, [contact.I, contact.J], $"step {step}: {contacts.Describe(contact, structure)}")
            : null;

    /// <summary>A number as the stops print it.</summary>
    public static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
