using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Output;

/// <summary>The structure with the results attached, as extended XYZ (or in the format the name asks for: see
/// <see cref="StructureOutput"/>), in the names ASE reads as calculator results where it has them (energy and
/// free_energy both A, stress, forces, charges, energies), E as internal_energy, latent weights when the potential
/// has them, and the input's own info and columns (<see cref="CarriedInput"/>).</summary>
public static class AnnotatedStructure
{
    public static void Write(string path, XyzFrame input, PotentialKernels potential, EngineResult result)
    {
        var structure = input.Structure;
        var n = structure.Count;
        OutputFormat.RequireStructure(path, "--out");
        var frame = new XyzFrame(structure);
        CarriedInput.CopyInto(input, frame);

        frame.Info["energy"] = result.FreeEnergy;
        frame.Info["free_energy"] = result.FreeEnergy;
        frame.Info["internal_energy"] = result.InternalEnergy;
        frame.Info["lambda"] = result.Lambda;
        frame.Info["potential"] = potential.Name;
        if (result.Stress is not null)
        {
            frame.Info["stress"] = result.Stress;
        }

        frame.Columns["charges"] = XyzColumn.Real(result.Charges);
        frame.Columns["forces"] = XyzColumn.Vectors(result.Forces);
        // A continuous-charge potential has no latent weights: no column rather than an empty one.
        if (result.Weights is { } weights)
        {
            frame.Columns["weights"] = Weights(weights);
        }

        frame.Columns["energies"] = XyzColumn.Real(Enumerable.Range(0, n).Select(result.Terms.AtomFreeEnergy).ToArray());
        frame.Columns["energy_atomic"] = XyzColumn.Real(result.Terms.Atomic);
        frame.Columns["energy_electrostatic"] = XyzColumn.Real(result.Terms.Electrostatic);
        frame.Columns["energy_pair"] = XyzColumn.Real(result.Terms.Pair);
        frame.Columns["energy_embedding"] = XyzColumn.Real(result.Terms.Embedding);
        frame.Columns["energy_entropy"] = XyzColumn.Real(result.Terms.Entropy);

        StructureOutput.Write(path, "--out", frame, potential);
    }

    /// <summary>One row per atom in its element's state order; a column has one width for all atoms, so an
    /// element with fewer states than the widest is padded with zero weights at the end.</summary>
    private static XyzColumn Weights(double[][] weights)
    {
        var width = weights.Length == 0 ? 1 : weights.Max(w => w.Length);
        var values = new double[weights.Length * width];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i].CopyTo(values, i * width);
        }

        return XyzColumn.Real(values, width);
    }
}
