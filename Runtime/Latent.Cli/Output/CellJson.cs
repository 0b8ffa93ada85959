using System.Text.Json.Nodes;
using Latent.Runtime.Structures;

namespace Latent.Cli.Output;

/// <summary>A cell in the JSON of the runtime commands: its vectors (rows, Å), their lengths and the volume.</summary>
public static class CellJson
{
    /// <summary>Null for a cluster, so scripts can test for periodicity with one key.</summary>
    public static JsonNode? Of(Cell cell)
    {
        if (!cell.IsPeriodic)
        {
            return null;
        }

        var vectors = new[] { cell.A, cell.B, cell.C };
        return new JsonObject
        {
            ["vectors"] = new JsonArray(vectors.Select(v => (JsonNode?)new JsonArray(JsonOutput.Number(v.X), JsonOutput.Number(v.Y), JsonOutput.Number(v.Z))).ToArray()),
            ["lengths"] = new JsonArray(vectors.Select(v => (JsonNode?)JsonOutput.Number(v.Length)).ToArray()),
            ["volume"] = JsonOutput.Number(Math.Abs(cell.Volume)),
            ["pbc"] = new JsonArray(cell.Periodic.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        };
    }
}
