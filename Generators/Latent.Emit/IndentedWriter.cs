using System.Text;

namespace Latent.Emit;

/// <summary>
/// A small text writer that indents every line it starts. Lines always end in '\n', whatever the
/// platform, so generated files are byte-identical on every OS.
/// </summary>
public sealed class IndentedWriter
{
    private readonly StringBuilder builder = new();
    private readonly string indentUnit;
    private int level;
    private bool atLineStart = true;

    /// <summary>Creates a writer that indents by <paramref name="indentUnit"/> per level (four spaces by default).</summary>
    public IndentedWriter(string indentUnit = "    ")
    {
        if (indentUnit.IndexOf('\n') >= 0 || indentUnit.IndexOf('\r') >= 0)
            throw new ArgumentException("The indent unit must not contain a line break.", nameof(indentUnit));
        this.indentUnit = indentUnit;
    }

    /// <summary>The current indentation level.</summary>
    public int IndentLevel => level;

    /// <summary>Indents the lines that follow by one more level.</summary>
    public void Indent() => level++;

    /// <summary>Indents the lines that follow by one level less.</summary>
    public void Outdent()
    {
        if (level == 0) throw new InvalidOperationException("Outdent without a matching Indent.");
        level--;
    }

    /// <summary>
    /// Writes <paramref name="text"/>. Line breaks inside it ('\n', '\r\n' or '\r') start new,
    /// indented lines, so a multi-line snippet keeps its shape at the current level.
    /// </summary>
    public void Write(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            Append(text, start, i - start);
            NewLine();
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        Append(text, start, text.Length - start);
    }

    /// <summary>Writes <paramref name="text"/> and ends the line.</summary>
    public void WriteLine(string text)
    {
        Write(text);
        NewLine();
    }

    /// <summary>Ends the line; an empty line gets no indentation (no trailing blanks).</summary>
    public void WriteLine() => NewLine();

    /// <summary>
    /// Writes <paramref name="opening"/> (a brace by default) on its own line and indents until the
    /// returned scope is disposed, which outdents and writes <paramref name="closing"/>.
    /// </summary>
    public Scope Block(string opening = "{", string closing = "}")
    {
        WriteLine(opening);
        Indent();
        return new Scope(this, closing);
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => builder.ToString();

    private void Append(string text, int start, int length)
    {
        if (length == 0) return;
        if (atLineStart)
        {
            for (int i = 0; i < level; i++) builder.Append(indentUnit);
            atLineStart = false;
        }
        builder.Append(text, start, length);
    }

    private void NewLine()
    {
        builder.Append('\n');
        atLineStart = true;
    }

    /// <summary>An indented block; disposing it closes the block. A struct, so blocks cost no allocation.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IndentedWriter writer;
        private readonly string closing;

        internal Scope(IndentedWriter writer, string closing)
        {
            this.writer = writer;
            this.closing = closing;
        }

        /// <summary>Outdents and writes the closing text.</summary>
        public void Dispose()
        {
            writer.Outdent();
            writer.WriteLine(closing);
        }
    }
}
