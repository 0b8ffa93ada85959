using System.Security.Cryptography;

namespace Latent.Runtime.Compilation;

/// <summary>Outcome of <see cref="CompiledAssemblyCache.TryRead"/>.</summary>
public enum CacheLookupStatus
{
    /// <summary>The cache is switched off.</summary>
    Disabled,

    /// <summary>No entry for the key.</summary>
    Miss,

    /// <summary>A valid entry; the image is returned.</summary>
    Hit,

    /// <summary>An entry exists but is corrupt or unreadable; it should be recompiled.</summary>
    Invalid,
}

/// <summary>Result of a cache lookup: the image on a hit, the reason when the entry was invalid.</summary>
public readonly record struct CacheLookup(CacheLookupStatus Status, byte[]? Image, string? Problem);

/// <summary>
/// On-disk cache of compiled kernel assemblies, keyed by <see cref="KernelCacheKey"/>.
/// Each entry is one file: a magic tag, the SHA-256 of the image, then the image. The checksum makes
/// truncated or garbled entries detectable without loading them. Writes go to a temporary file in the
/// same directory followed by an atomic rename, so concurrent processes never see half-written entries.
/// </summary>
public sealed class CompiledAssemblyCache
{
    /// <summary>Environment variable that overrides the cache directory.</summary>
    public const string DirectoryVariable = "LATENT_CACHE_DIR";

    /// <summary>File extension of cache entries.</summary>
    public const string EntryExtension = ".lkernel";

    private static readonly byte[] Magic = "LTNTKRN1"u8.ToArray();
    private const int HashLength = 32;

    /// <summary>
    /// Creates a cache in <paramref name="directory"/>, or in <see cref="DefaultDirectory()"/> when null.
    /// With <paramref name="enabled"/> false (the <c>--no-cache</c> option) nothing is read or written.
    /// </summary>
    public CompiledAssemblyCache(string? directory = null, bool enabled = true)
    {
        IsEnabled = enabled;
        Directory = enabled ? Path.GetFullPath(directory ?? DefaultDirectory()) : directory;
    }

    /// <summary>A cache that never reads nor writes.</summary>
    public static CompiledAssemblyCache Disabled { get; } = new(enabled: false);

    /// <summary>False when caching is switched off.</summary>
    public bool IsEnabled { get; }

    /// <summary>The directory holding the entries (created on first write); null for a disabled cache with no directory given.</summary>
    public string? Directory { get; }

    /// <summary>
    /// <c>$LATENT_CACHE_DIR</c> if set; otherwise <c>%LOCALAPPDATA%\Latent\cache</c> on Windows and
    /// <c>$XDG_CACHE_HOME/latent</c> or <c>~/.cache/latent</c> elsewhere.
    /// </summary>
    public static string DefaultDirectory() =>
        DefaultDirectory(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows(), Environment.GetFolderPath);

    internal static string DefaultDirectory(
        Func<string, string?> variable, bool isWindows, Func<Environment.SpecialFolder, string> folder)
    {
        if (variable(DirectoryVariable) is { Length: > 0 } explicitDirectory)
        {
            return Path.GetFullPath(explicitDirectory);
        }

        if (isWindows)
        {
            var local = folder(Environment.SpecialFolder.LocalApplicationData);
            return local.Length > 0
                ? Path.Combine(local, "Latent", "cache")
                : throw NoDirectory("the local application data folder is unknown");
        }

        // The XDG base-directory spec says relative values are to be ignored.
        if (variable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "latent");
        }

        var home = folder(Environment.SpecialFolder.UserProfile);
        return home.Length > 0
            ? Path.Combine(home, ".cache", "latent")
            : throw NoDirectory(variable("HOME") is { Length: > 0 } set
                ? $"the home directory HOME={set} does not exist"
                : "the home directory is unknown (HOME is not set)");
    }

    private static CacheLocationException NoDirectory(string why) =>
        new($"cannot place the compiled-kernel cache: {why}; set {DirectoryVariable} (or XDG_CACHE_HOME) to a writable directory");

    /// <summary>The file that holds (or would hold) the entry for <paramref name="key"/>.</summary>
    public string EntryPath(string key)
    {
        ValidateKey(key);
        return Path.Combine(RequireDirectory(), key + EntryExtension);
    }

    /// <summary>Looks up <paramref name="key"/>. Never throws for a missing, corrupt or unreadable entry.</summary>
    public CacheLookup TryRead(string key)
    {
        ValidateKey(key);
        if (!IsEnabled)
        {
            return new CacheLookup(CacheLookupStatus.Disabled, null, null);
        }

        var path = EntryPath(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new CacheLookup(CacheLookupStatus.Miss, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CacheLookup(CacheLookupStatus.Invalid, null, $"cache entry {path} is unreadable ({e.Message})");
        }

        var header = Magic.Length + HashLength;
        if (bytes.Length <= header || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return new CacheLookup(CacheLookupStatus.Invalid, null, $"cache entry {path} is corrupt (bad header)");
        }

        var image = bytes.AsSpan(header).ToArray();
        if (!SHA256.HashData(image).AsSpan().SequenceEqual(bytes.AsSpan(Magic.Length, HashLength)))
        {
            return new CacheLookup(CacheLookupStatus.Invalid, null, $"cache entry {path} is corrupt (checksum mismatch)");
        }

        return new CacheLookup(CacheLookupStatus.Hit, image, null);
    }

    /// <summary>
    /// Stores <paramref name="image"/> under <paramref name="key"/>, replacing any entry atomically.
    /// A failure (read-only or full disk, a concurrent writer holding the file on Windows) is not fatal to
    /// the caller: it returns false with the reason, and the kernel simply gets compiled again next time.
    /// </summary>
    public bool TryWrite(string key, byte[] image, out string? problem)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(image);
        problem = null;
        if (!IsEnabled)
        {
            return false;
        }

        var final = EntryPath(key);
        // Same directory as the entry, so the rename below stays within one file system and is atomic.
        var temporary = $"{final}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(RequireDirectory());
            // No fsync: an entry torn by a crash fails its checksum and gets recompiled.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Magic);
                stream.Write(SHA256.HashData(image));
                stream.Write(image);
            }

            File.Move(temporary, final, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            problem = $"could not write cache entry {final} ({e.Message})";
            return false;
        }
    }

    /// <summary>Deletes every cache entry (and leftover temporary file) in the directory; returns how many files went.</summary>
    public int Clear()
    {
        var directory = RequireDirectory();
        if (!System.IO.Directory.Exists(directory))
        {
            return 0;
        }

        // Only our own files: the directory may be one the user also uses for other things.
        var files = System.IO.Directory.EnumerateFiles(directory, "*" + EntryExtension)
            .Concat(System.IO.Directory.EnumerateFiles(directory, "*" + EntryExtension + ".*.tmp"))
            .ToList();
        return files.Count(TryDelete);
    }

    private string RequireDirectory() =>
        Directory ?? throw new InvalidOperationException("This cache is disabled and has no directory.");

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void ValidateKey(string key)
    {
        // Keys become file names; only the hex digests KernelCacheKey makes are accepted.
        if (key is not { Length: 64 } || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{key}' is not a cache key (64 lower-case hex digits).", nameof(key));
        }
    }
}
