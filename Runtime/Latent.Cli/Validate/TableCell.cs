using Latent.Cli.Output;

namespace Latent.Cli.Validate;

/// <summary>
/// One cell of a validation table: its text and, for a computed number, the number itself and the decimals printed,
/// so a test can check a page's printed number against a fresh computation to within the page's precision.
/// </summary>
/// <param name="Text">As printed.</param>
/// <param name="Value">The unrounded number behind a computed cell, or null for text (compared as text).</param>
/// <param name="Decimals">Decimals printed.</param>
internal sealed record TableCell(string Text, double? Value = null, int Decimals = 0)
{
    /// <summary>A computed number with <paramref name="decimals"/> decimals, its unit after it, "+" before a positive one when <paramref name="signed"/>.</summary>
    public static TableCell Number(double value, int decimals, string? unit = null, bool signed = false)
    {
        var text = Numbers.Fixed(value, decimals);
        if (signed && !text.StartsWith('-') && text.Any(c => c is >= '1' and <= '9'))
            text = "+" + text;
        return new TableCell(unit is null ? text : $"{text} {unit}", value, decimals);
    }

    /// <summary>A cell of text.</summary>
    public static implicit operator TableCell(string text) => new(text);
}
