using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Latent.Cli.Output;

/// <summary>Writes the <c>--json</c> form of a command's result.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Formulas contain '<', '>' and '+'; scripts want them verbatim, not as \u003C escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // NaN and infinities are legitimate values of a formula (1/r at r = 0); JSON has no literal
        // for them, so they are written as the strings "NaN", "Infinity", "-Infinity".
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(TextWriter output, JsonNode node)
    {
        output.WriteLine(node.ToJsonString(Options));
    }

    /// <summary>A JSON value for a double; non-finite values become their names as strings.</summary>
    public static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(Numbers.Format(value));
}
