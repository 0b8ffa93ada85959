using System.Globalization;
using Latent.Cli.Output;

namespace Latent.Cli.Input;

/// <summary>Symbol values given on the command line: <c>--at r=1.5,z=2</c> (the option may also be
/// repeated). Numbers are read in invariant culture, so 1.5 means the same on every machine.</summary>
public static class Assignments
{
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> texts)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var item in text.Split(','))
            {
                var trimmed = item.Trim();
                if (trimmed.Length == 0)
                {
                    throw new UserError($"--at: empty assignment in '{text}' (expected name=value[,name=value...])");
                }

                var equals = trimmed.IndexOf('=');
                if (equals < 0)
                {
                    throw new UserError($"--at: expected name=value, got '{trimmed}'");
                }

                var name = trimmed[..equals].Trim();
                var valueText = trimmed[(equals + 1)..].Trim();
                if (!IsName(name))
                {
                    throw new UserError($"--at: '{name}' is not a symbol name (in '{trimmed}')");
                }

                if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new UserError($"--at: '{valueText}' is not a finite number (in '{trimmed}')");
                }

                if (!values.TryAdd(name, value))
                {
                    throw new UserError($"--at: symbol '{name}' is given more than once");
                }
            }
        }

        return values;
    }

    private static bool IsName(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
