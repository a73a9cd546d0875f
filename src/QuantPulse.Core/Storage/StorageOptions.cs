namespace QuantPulse.Storage;

/// <summary>Where QuantPulse stores its data: the <c>QuantPulse:Storage</c> configuration section.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="Provider"/></term><description><see cref="StorageProvider.Sqlite"/></description></item>
/// <item><term><see cref="Path"/></term><description><c>quantpulse.db</c> (relative to the working directory)</description></item>
/// <item><term><see cref="ConnectionString"/></term><description>none (required for PostgreSQL)</description></item>
/// <item><term><see cref="StoreTicks"/></term><description><c>false</c></description></item>
/// </list>
/// Every value can come from the environment, for example <c>QuantPulse__Storage__Provider=Postgres</c> and
/// <c>QuantPulse__Storage__ConnectionString=Host=db;Username=qp;Password=…;Database=quantpulse</c>.
/// </remarks>
public sealed class StorageOptions
{
    /// <summary>The database kind.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file; created, with its folder, on first run.</summary>
    public string Path { get; init; } = "quantpulse.db";

    /// <summary>The Npgsql connection string of the PostgreSQL database (which must exist).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Whether every raw tick is stored too (table <c>ticks</c>); candles, signals and trades always are.</summary>
    public bool StoreTicks { get; init; }

    /// <summary>Reads a one-line location: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.</summary>
    /// <param name="location">The location, as given on a command line.</param>
    /// <returns>The options (tick storage off).</returns>
    /// <exception cref="FormatException">The text has no known prefix or nothing after it.</exception>
    public static StorageOptions Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? string.Empty : location[..colon].Trim();
        var rest = colon < 0 ? string.Empty : location[(colon + 1)..].Trim();
        if (rest.Length > 0)
        {
            if (scheme.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            {
                return new StorageOptions { Provider = StorageProvider.Sqlite, Path = rest };
            }

            if (scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) ||
                scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            {
                return new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = rest };
            }
        }

        throw new FormatException(
            $"'{location}' is not a storage location; expected sqlite:PATH or postgres:CONNECTION-STRING.");
    }
}
