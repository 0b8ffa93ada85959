using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Latent.Emit.Tests;

/// <summary>
/// Finds every syntax node that branches (if, switch statements and expressions, ?:, ??, loops,
/// goto, &amp;&amp;, ||) inside method bodies: emitted kernels and helpers must have none.
/// </summary>
internal sealed class BranchWalker : CSharpSyntaxWalker
{
    private readonly List<string> found = new();
    private string method = "";

    public static IReadOnlyList<string> Find(SyntaxNode root)
    {
        var walker = new BranchWalker();
        walker.Visit(root);
        return walker.found;
    }

    public override void VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        method = node.Identifier.Text;
        base.VisitMethodDeclaration(node);
        method = "";
    }

    public override void DefaultVisit(SyntaxNode node)
    {
        if (method.Length > 0 && IsBranch(node))
            found.Add($"{method}: {node.Kind()} '{node.ToString().Split('\n')[0].Trim()}'");
        base.DefaultVisit(node);
    }

    private static bool IsBranch(SyntaxNode node) =>
        node.Kind() switch
        {
            SyntaxKind.IfStatement or SyntaxKind.SwitchStatement or SyntaxKind.SwitchExpression
                or SyntaxKind.ConditionalExpression or SyntaxKind.ConditionalAccessExpression
                or SyntaxKind.CoalesceExpression or SyntaxKind.CoalesceAssignmentExpression
                or SyntaxKind.ForStatement or SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement
                or SyntaxKind.WhileStatement or SyntaxKind.DoStatement
                or SyntaxKind.GotoStatement or SyntaxKind.GotoCaseStatement or SyntaxKind.GotoDefaultStatement
                or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
                or SyntaxKind.AndPattern or SyntaxKind.OrPattern
                or SyntaxKind.TryStatement or SyntaxKind.ThrowStatement or SyntaxKind.ThrowExpression => true,
            _ => false,
        };
}
