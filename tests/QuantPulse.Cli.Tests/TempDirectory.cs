namespace QuantPulse.Cli.Tests;

/// <summary>A fresh folder under the temp path, deleted with its files on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "quantpulse-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="lines"/>, each ended by <c>\n</c>, to a file in the folder and returns its path.</summary>
    public async Task<string> WriteLinesAsync(string name, params string[] lines)
    {
        var path = File(name);
        await System.IO.File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
