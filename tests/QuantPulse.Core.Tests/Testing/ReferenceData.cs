namespace QuantPulse.Tests.Testing;

/// <summary>
/// Locates the peers' reference files (<c>../shared/reference</c> beside the repository). They are read in
/// place and never copied into the project.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The reference folder, or null when it is not beside the repository.</summary>
    public static string? Directory => Root.Value;

    /// <summary>Whether the reference folder exists.</summary>
    public static bool IsAvailable => Root.Value is not null;

    /// <summary>The full path of a file under the reference folder.</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([Root.Value ?? throw new InvalidOperationException("../shared/reference is not available."), .. parts]);

    /// <summary>The repository root (the folder holding QuantPulse.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuantPulse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QuantPulse.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? FindRoot()
    {
        var overridden = Environment.GetEnvironmentVariable("QUANTPULSE_REFERENCE_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return System.IO.Directory.Exists(overridden) ? overridden : null;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }
}

/// <summary>A fact that needs <c>../shared/reference</c>; it is reported as skipped, not passed, when the folder is absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (!ReferenceData.IsAvailable)
        {
            Skip = "../shared/reference is not beside the repository.";
        }
    }
}

/// <summary>A theory that needs <c>../shared/reference</c>; skipped when the folder is absent.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (!ReferenceData.IsAvailable)
        {
            Skip = "../shared/reference is not beside the repository.";
        }
    }
}
