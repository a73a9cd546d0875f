namespace QuantPulse.Hosting;

/// <summary>The embedded SQLite store's keys of <c>QuantPulse:Storage</c>, read when <c>Provider</c> is <c>Sqlite</c>.</summary>
public sealed class SqliteStorageHostOptions
{
    /// <summary>The SQLite file, created on first run; a relative path is resolved against <see cref="QuantPulseOptions.DataDirectory"/>. Default: <c>quantpulse.db</c>.</summary>
    public string Path { get; set; } = "quantpulse.db";

    /// <summary>The full path of <see cref="Path"/>, resolved against <paramref name="dataDirectory"/>.</summary>
    internal string FullPath(string dataDirectory) => System.IO.Path.GetFullPath(Path, dataDirectory);
}
