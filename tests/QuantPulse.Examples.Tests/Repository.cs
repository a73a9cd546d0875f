namespace QuantPulse.Examples;

/// <summary>Reads files of the repository the tests run from, with "\n" line endings.</summary>
internal static class Repository
{
    public static string Read(params string[] path)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "QuantPulse.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("QuantPulse.sln not found.");
        }

        return File.ReadAllText(Path.Combine([root, .. path])).ReplaceLineEndings("\n");
    }
}
