using Xunit;

namespace Latent.Emit.Tests;

public sealed class IndentedWriterTests
{
    [Fact]
    public void Blocks_indent_and_close()
    {
        var w = new IndentedWriter();
        w.WriteLine("class C");
        using (w.Block())
        {
            w.Write("int x");
            w.WriteLine(" = 1;");
            w.WriteLine();
            using (w.Block("{", "};")) w.WriteLine("y");
        }
        Assert.Equal("class C\n{\n    int x = 1;\n\n    {\n        y\n    };\n}\n", w.ToString());
        Assert.Equal(0, w.IndentLevel);
    }

    [Fact]
    public void Multi_line_text_is_indented_line_by_line_with_unix_newlines()
    {
        var w = new IndentedWriter("\t");
        w.Indent();
        w.WriteLine("a\r\nb\rc\nd");
        Assert.Equal("\ta\n\tb\n\tc\n\td\n", w.ToString());
    }

    [Fact]
    public void Outdent_below_zero_throws() => Assert.Throws<InvalidOperationException>(() => new IndentedWriter().Outdent());
}
