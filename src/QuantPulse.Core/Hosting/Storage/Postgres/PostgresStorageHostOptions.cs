namespace QuantPulse.Hosting;

/// <summary>The PostgreSQL store's keys of <c>QuantPulse:Storage</c>, read when <c>Provider</c> is <c>Postgres</c>.</summary>
/// <remarks>Set the connection string through the environment (<c>QuantPulse__Storage__ConnectionString</c>), never in a committed file.</remarks>
public sealed class PostgresStorageHostOptions
{
    /// <summary>The PostgreSQL connection string (Npgsql syntax).</summary>
    public string? ConnectionString { get; set; }
}
