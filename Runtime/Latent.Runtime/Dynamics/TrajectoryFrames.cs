using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics;

/// <summary>Extended XYZ frames of a relaxation or dynamics trajectory.</summary>
public static class TrajectoryFrames
{
    /// <summary>
    /// A frame of a copy of the structure with per-atom columns <c>charges</c> (e), <c>weights</c> (one
    /// component per latent state), <c>forces</c> (eV/Å) and, when given, <c>velocities</c> (Å/fs), and info
    /// <c>energy</c> (internal energy E, eV), <c>free_energy</c> (A, eV, the energy forces derive from, as
    /// ASE's force-consistent energy), <c>stress</c> for periodic cells, and <c>step</c> and <c>time</c> (fs)
    /// when given. Charges and weights are written when the calculator gives them.
    /// </summary>
    /// <remarks>
    /// An extended XYZ column has one width for all atoms, so <c>weights</c> is written only when every atom's
    /// element has the same number of states (as Na and Cl in the shipped NaCl potential); otherwise it is
    /// left out and the charges carry the latent information.
    /// </remarks>
    public static XyzFrame Create(Structure structure, CalculatedProperties result, Velocities? velocities = null, int? step = null, double? time = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(result);
        var n = structure.Count;
        var frame = new XyzFrame(structure.Clone());
        if (step is { } s)
            frame.Info["step"] = s;
        if (time is { } t)
            frame.Info["time"] = t;
        frame.Info["energy"] = result.InternalEnergy;
        frame.Info["free_energy"] = result.FreeEnergy;
        if (result.Stress is { } stress)
            frame.Info["stress"] = (double[])stress.Clone();

        if (result.Charges is { } charges)
            frame.Columns["charges"] = XyzColumn.Real((double[])charges.Clone());
        if (result.Weights is { Length: > 0 } perAtom && perAtom[0].Length is var k and > 0 && perAtom.All(w => w.Length == k))
        {
            var weights = new double[n * k];
            for (var i = 0; i < n; i++)
                perAtom[i].CopyTo(weights, i * k);
            frame.Columns["weights"] = XyzColumn.Real(weights, k);
        }

        frame.Columns["forces"] = XyzColumn.Vectors(result.Forces);
        if (velocities is not null)
        {
            var v = new double[3 * n];
            for (var i = 0; i < n; i++)
                (v[3 * i], v[3 * i + 1], v[3 * i + 2]) = (velocities.X[i], velocities.Y[i], velocities.Z[i]);
            frame.Columns["velocities"] = XyzColumn.Real(v, 3);
        }

        return frame;
    }
}
