namespace Latent.Runtime.Verification;

/// <summary>How one verified property came out.</summary>
public enum PropertyStatus
{
    /// <summary>Every judged case held.</summary>
    Passed,

    /// <summary>A case failed; the result carries the shrunk counterexample.</summary>
    Failed,

    /// <summary>The property does not apply (a build-time comparison for a file that has no build-time class).</summary>
    NotApplicable,
}
