namespace Latent.Emit;

/// <summary>Text placed in the XML doc comments of generated code.</summary>
internal static class XmlDoc
{
    /// <summary>
    /// <paramref name="text"/> with &amp;, &lt;, &gt; and the double quote escaped, so that any name
    /// (an input, an output, a potential) can stand in element content or in an attribute value.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
