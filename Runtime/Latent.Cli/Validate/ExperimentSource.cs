namespace Latent.Cli.Validate;

/// <summary>Where experimental values come from: a short name for table cells and the full citation for the page's list.</summary>
/// <param name="Key">The key experiment.toml refers to it by.</param>
/// <param name="Short">"Huber &amp; Herzberg 1979".</param>
/// <param name="Full">The full citation (Markdown).</param>
internal sealed record ExperimentSource(string Key, string Short, string Full);
