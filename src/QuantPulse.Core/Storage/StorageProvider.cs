namespace QuantPulse.Storage;

/// <summary>The database behind an <see cref="IMarketStore"/>.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file (the default): nothing to install or run.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server, for shared and larger deployments.</summary>
    Postgres = 1,
}
