using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics;

/// <summary>Extended XYZ frames of a relaxation or dynamics trajectory, in the names ASE reads.</summary>
public static class TrajectoryFrames
{
    /// <summary>
    /// A frame of a copy of the structure with info <c>energy</c> and <c>free_energy</c> (both A, eV: the
    /// energy the forces derive from, so every file of the tool gives the same number for the same
    /// structure), <c>internal_energy</c> (E, eV), <c>stress</c> for periodic cells, <c>step</c> and
    /// <c>time</c> (fs) when given; per-atom columns <c>charges</c> (e), <c>weights</c> (one component per
    /// latent state), <c>forces</c> (eV/Å), <c>energies</c> (each atom's share of A, eV, from the engines
    /// that split it) and, when velocities are given, ASE's <c>momenta</c> (amu·Å per ASE time unit, see
    /// <see cref="MdUnits.AseVelocityPerAngstromPerFs"/>). The <paramref name="input"/>'s own info and
    /// columns (<see cref="CarriedInput"/>) come first.
    /// </summary>
    /// <remarks>
    /// An extended XYZ column has one width for all atoms, so <c>weights</c> is written only when every atom's
    /// element has the same number of states (as Na and Cl in the shipped NaCl potential); otherwise it is
    /// left out and the charges carry the latent information.
    /// </remarks>
    public static XyzFrame Create(Structure structure, CalculatedProperties result, Velocities? velocities = null, int? step = null, double? time = null, XyzFrame? input = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(result);
        var n = structure.Count;
        var frame = new XyzFrame(structure.Clone());
        if (input is not null)
            CarriedInput.CopyInto(input, frame);
        if (step is { } s)
            frame.Info["step"] = s;
        if (time is { } t)
            frame.Info["time"] = t;
        frame.Info["energy"] = result.FreeEnergy;
        frame.Info["free_energy"] = result.FreeEnergy;
        frame.Info["internal_energy"] = result.InternalEnergy;
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
        if (result is EngineResult engine)
            frame.Columns["energies"] = XyzColumn.Real(Enumerable.Range(0, n).Select(engine.Terms.AtomFreeEnergy).ToArray());
        if (velocities is not null)
            frame.Columns["momenta"] = XyzColumn.Real(Momenta(structure, velocities), 3);

        return frame;
    }

    /// <summary>ASE momenta (amu·Å per ASE time unit), atom by atom, from velocities in Å/fs.</summary>
    public static double[] Momenta(Structure structure, Velocities velocities)
    {
        var p = new double[3 * structure.Count];
        for (var i = 0; i < structure.Count; i++)
        {
            var scale = structure.Masses[i] * MdUnits.AseVelocityPerAngstromPerFs;
            (p[3 * i], p[3 * i + 1], p[3 * i + 2]) = (scale * velocities.X[i], scale * velocities.Y[i], scale * velocities.Z[i]);
        }

        return p;
    }

    /// <summary>Velocities (Å/fs) from ASE momenta, the inverse of <see cref="Momenta"/>; atoms of zero mass at rest.</summary>
    public static Velocities FromMomenta(Structure structure, double[] momenta)
    {
        var v = new Velocities(structure.Count);
        for (var i = 0; i < structure.Count; i++)
        {
            var scale = structure.Masses[i] * MdUnits.AseVelocityPerAngstromPerFs;
            if (scale > 0)
                (v.X[i], v.Y[i], v.Z[i]) = (momenta[3 * i] / scale, momenta[3 * i + 1] / scale, momenta[3 * i + 2] / scale);
        }

        return v;
    }
}
