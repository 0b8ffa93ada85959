using Latent.Cli.Input;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Potentials;
using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>
/// Measures every potential of <see cref="ShippedPotentials"/> against <see cref="ExperimentalData"/>: the rows, the
/// dissociation curve, the isolated atoms' E(q). The same code gives the page, the text, the JSON and the tests'
/// numbers, so none of them can disagree with another.
/// </summary>
internal static class ValidationRun
{
    /// <summary>Runs the validation of <paramref name="potentials"/>.</summary>
    /// <param name="potentials">The potentials and their rows.</param>
    /// <param name="experiment">What they are compared with.</param>
    /// <param name="potentialsDirectory">Where a fitted potential's targets file is found.</param>
    /// <param name="report">Called with (steps done, what is running) as the work goes.</param>
    /// <param name="threads">Most threads the engine uses at once (null: every core); the results do not depend on it.</param>
    /// <exception cref="Output.UserError">A [fitted] record whose targets file is missing or changed.</exception>
    public static IReadOnlyList<PotentialResults> Run(IReadOnlyList<ValidatedPotential> potentials, ExperimentalData experiment, string potentialsDirectory, Action<double, string> report, int? threads = null)
    {
        var results = new List<PotentialResults>();
        var done = 0;
        void Step(string what) => report(done++, what);
        foreach (var entry in potentials)
        {
            var source = PotentialSource.Resolve(entry.Name);
            var fitted = FittedTargets.Of(source, potentialsDirectory);
            var kernels = PotentialInput.Load(entry.Name);
            var context = new MeasureContext(kernels, 0, null, threads);
            var systems = new List<SystemMeasurement>();
            foreach (var system in entry.Systems)
            {
                Step($"{entry.Name}: {system.Title}");
                systems.Add(SystemMeasurement.Measure(context, system, entry.PropertiesOf(system), experiment));
            }

            var rows = entry.Properties.Select(p =>
            {
                var measured = systems.First(s => s.System.Key == p.System.Key);
                var value = measured.Values.TryGetValue(p.Property, out var v) ? v : (double?)null;
                var failure = value is null ? measured.Failures.GetValueOrDefault(p.Property, "not measured") : null;
                return new PropertyResult(p, experiment.Find(p.System.Key, p.Property), value, failure, value is null && measured.Unbound, fitted.Origin(p));
            }).ToArray();

            DissociationCurve? dissociation = null;
            if (entry.Dissociation is var (a, b))
            {
                Step($"{entry.Name}: {a}–{b} pulled apart to {DissociationCurve.Longest} Å");
                dissociation = DissociationCurve.Compute(kernels, a, b, threads);
            }

            var atoms = new List<ChargedAtomCurve>();
            foreach (var symbol in entry.ChargedAtoms)
            {
                Step($"{entry.Name}: {symbol} alone, E(q)");
                atoms.Add(ChargedAtomCurve.Compute(kernels, symbol, threads));
            }

            var file = source.IsShipped ? $"potentials/{source.Name}.toml" : source.DisplayPath;
            results.Add(new PotentialResults(entry, file, kernels.Temperature, kernels.Cutoff, kernels.HasContinuousCharges, fitted, rows, systems, dissociation, atoms));
        }

        report(done, "done");
        return results;
    }

    /// <summary>How many steps <see cref="Run"/> reports, for a progress bar.</summary>
    public static int Steps(IReadOnlyList<ValidatedPotential> potentials) =>
        potentials.Sum(p => p.Systems.Count + (p.Dissociation is null ? 0 : 1) + p.ChargedAtoms.Count);
}
