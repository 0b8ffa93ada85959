using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Latent.Emit.Tests;

public sealed class CSharpLiteralTests
{
    /// <summary>Doubles from uniformly random bit patterns (every exponent, subnormals, NaNs) and from FsCheck's own double generator.</summary>
    public static class Doubles
    {
        public static Arbitrary<double> Double() =>
            Gen.OneOf(
                    Gen.Two(Gen.Choose(int.MinValue, int.MaxValue))
                        .Select(p => BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) | (uint)p.Item2)),
                    ArbMap.Default.GeneratorFor<double>())
                .ToArbitrary();
    }

    /// <summary>The value Roslyn gives an emitted literal expression (a literal, a negated literal or a double.X constant).</summary>
    private static double ValueOf(string text)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        Assert.Empty(expression.GetDiagnostics());
        return expression switch
        {
            LiteralExpressionSyntax literal => Assert.IsType<double>(literal.Token.Value),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax literal } =>
                -Assert.IsType<double>(literal.Token.Value),
            MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax { Keyword.Text: "double" } } member => member.Name.Identifier.Text switch
            {
                "NaN" => double.NaN,
                "PositiveInfinity" => double.PositiveInfinity,
                "NegativeInfinity" => double.NegativeInfinity,
                var other => throw new InvalidOperationException(other),
            },
            _ => throw new InvalidOperationException($"unexpected literal form {text}"),
        };
    }

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(1e16, "10000000000000000.0")]
    [InlineData(1e20, "1E+20")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(5e-324, "5E-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157E+308")]
    [InlineData(double.NaN, "double.NaN")]
    [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
    [InlineData(double.NegativeInfinity, "double.NegativeInfinity")]
    public void Examples(double value, string expected) => Assert.Equal(expected, CSharpLiteral.Double(value));

    [Property(Arbitrary = new[] { typeof(Doubles) }, MaxTest = 3000)]
    public bool Literals_read_back_by_Roslyn_as_the_same_double(double value)
    {
        string text = CSharpLiteral.Double(value);
        return Ulps.Same(value, ValueOf(text))
               && (double.IsNaN(value) || double.IsInfinity(value) || text.IndexOfAny(new[] { '.', 'E' }) >= 0)
               && text == text.Trim();
    }

    [Theory]
    [InlineData("f_Na_neutral", "f_Na_neutral")]
    [InlineData("r", "r")]
    [InlineData("z.Na", "z_Na")]
    [InlineData("Na+", "Na_")]
    [InlineData("2s", "_2s")]
    [InlineData("", "_")]
    [InlineData("if", "@if")]
    [InlineData("double", "@double")]
    [InlineData("value", "value")]
    [InlineData("\u03c1", "_u03C1")]
    [InlineData("a b-c", "a_b_c")]
    public void Identifier_examples(string name, string expected) => Assert.Equal(expected, CSharpLiteral.Identifier(name));

    [Property(MaxTest = 1000)]
    public bool Identifiers_are_valid_for_Roslyn(string? name)
    {
        string id = CSharpLiteral.Identifier(name ?? "");
        var token = SyntaxFactory.ParseToken(id);
        return token.IsKind(SyntaxKind.IdentifierToken)
               && token.Text == id
               && !token.ContainsDiagnostics
               && (id.StartsWith('@') || CSharpLiteral.IsIdentifier(id))
               && SyntaxFacts.IsValidIdentifier(id.TrimStart('@'))
               && id == CSharpLiteral.Identifier(name ?? "");
    }

    [Fact]
    public void IsIdentifier_rejects_keywords_and_bad_characters()
    {
        Assert.True(CSharpLiteral.IsIdentifier("Pair_Na_Cl"));
        Assert.False(CSharpLiteral.IsIdentifier("class"));
        Assert.False(CSharpLiteral.IsIdentifier("1a"));
        Assert.False(CSharpLiteral.IsIdentifier("a-b"));
        Assert.False(CSharpLiteral.IsIdentifier(""));
    }

    [Fact]
    public void Int_is_the_invariant_decimal_whatever_the_culture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "~";
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = culture;
        try
        {
            Assert.Equal("~5", (-5).ToString());
            Assert.Equal("-5", CSharpLiteral.Int(-5));
            Assert.Equal("0", CSharpLiteral.Int(0));
            Assert.Equal("2147483647", CSharpLiteral.Int(int.MaxValue));
            Assert.Equal("-2147483648", CSharpLiteral.Int(int.MinValue));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
