using Latent.Runtime.Kernels;
using Latent.Symbolic;
using Latent.Symbolic.Constraints;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Export;

/// <summary>
/// The header line of one element in a LAMMPS setfl file: atomic number, mass (amu), lattice constant (Å)
/// and structure. LAMMPS reads only the number and the mass; the crystal is written for readers, and
/// is the potential's own declared crystal (or 0 and "none" when it declares none).
/// </summary>
/// <param name="Symbol">Element symbol, as <c>pair_coeff</c> names it.</param>
/// <param name="AtomicNumber">Z of the nucleus.</param>
/// <param name="Mass">Mass in amu, the potential's.</param>
/// <param name="LatticeConstant">Conventional cubic lattice constant (Å), or 0 when the potential declares no crystal.</param>
/// <param name="Structure">"fcc", "bcc", "sc", or "none".</param>
public sealed record SetflElement(string Symbol, int AtomicNumber, double Mass, double LatticeConstant, string Structure)
{
    /// <summary>Whether the potential declares this element's crystal.</summary>
    public bool HasCrystal => LatticeConstant > 0 && Structure != "none";

    /// <summary>
    /// The header of every element of <paramref name="kernels"/>, in element order, with atomic numbers from
    /// the atomic-data table and crystals from the potential file <paramref name="model"/> the kernels were built from.
    /// </summary>
    /// <exception cref="ArgumentException">An element is not in the atomic-data table, or the model does not describe it.</exception>
    public static IReadOnlyList<SetflElement> Describe(PotentialKernels kernels, Potential model)
    {
        var elements = new SetflElement[kernels.Elements.Count];
        for (var i = 0; i < elements.Length; i++)
        {
            var element = kernels.Elements[i];
            var record = AtomicData.tryFind(element.Symbol);
            if (FSharpOption<AtomicRecord>.get_IsNone(record))
                throw new ArgumentException($"element {element.Symbol} is not in the atomic-data table, so its atomic number is unknown");
            var spec = model.Elements.FirstOrDefault(e => e.Symbol == element.Symbol)
                ?? throw new ArgumentException($"potential file {model.Name} does not describe element {element.Symbol}");
            var (a, structure) = FSharpOption<LatticeSpec>.get_IsNone(spec.Lattice)
                ? (0.0, "none")
                : (Evaluate.at(MapModule.Empty<string, double>(), Instances.fold(model, spec.Lattice.Value.Constant.Expr)), spec.Lattice.Value.Structure);
            elements[i] = new SetflElement(element.Symbol, record.Value.AtomicNumber, element.Mass, a, structure);
        }

        return elements;
    }
}
