using System.Reflection;

namespace Latent.Cli.Demo;

/// <summary>Formula files shipped inside the tool as embedded resources, so they are found from any
/// working directory and in any install layout.</summary>
public static class ShippedFormula
{
    public static string Read(string fileName)
    {
        var assembly = typeof(ShippedFormula).Assembly;
        using var stream = assembly.GetManifestResourceStream("Latent.Cli.Formulas." + fileName)
            ?? throw new InvalidOperationException($"shipped formula '{fileName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
