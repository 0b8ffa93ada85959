namespace Latent.Runtime.Compilation;

/// <summary>
/// No directory for the compiled-kernel cache can be worked out from the environment (no home directory,
/// or one that does not exist, and no <see cref="CompiledAssemblyCache.DirectoryVariable"/>): a setting the
/// user fixes, so the message says which variable to set.
/// </summary>
public sealed class CacheLocationException : Exception
{
    /// <summary>Says why and what to set.</summary>
    public CacheLocationException(string message)
        : base(message)
    {
    }
}
