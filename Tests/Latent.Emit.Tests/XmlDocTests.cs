using Xunit;

namespace Latent.Emit.Tests;

public sealed class XmlDocTests
{
    [Theory]
    [InlineData("f_Na_neutral", "f_Na_neutral")]
    [InlineData("a<b && c>\"d\"", "a&lt;b &amp;&amp; c&gt;&quot;d&quot;")]
    // '&' first: an escape already in the text is escaped again, not left to be read as markup.
    [InlineData("&lt;", "&amp;lt;")]
    public void Escape_examples(string text, string expected) => Assert.Equal(expected, XmlDoc.Escape(text));
}
