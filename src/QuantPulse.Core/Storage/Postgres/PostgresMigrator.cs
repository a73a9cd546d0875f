using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Brings a PostgreSQL database to the newest schema version, one script per transaction.</summary>
/// <remarks>
/// The whole run holds a session-level advisory lock, so of two processes starting at the same time one
/// applies the pending scripts and the other waits, then finds nothing left to do. The lock is released when
/// the run ends, or by the server if the connection drops. A script is applied when its version is not recorded, so
/// a version below the newest applied one (a gap in the numbering filled by a later release) is applied too.
/// </remarks>
internal static class PostgresMigrator
{
    public const string ResourcePrefix = "QuantPulse.Storage.Postgres.Migrations.";

    /// <summary>The advisory lock key: the ASCII bytes of "QPSCHEMA".</summary>
    public const long LockKey = 0x5150_5343_4845_4D41;

    private const string CreateVersionTableSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string AppliedVersionsSql = "SELECT version FROM schema_version";

    private const string RecordSql = "INSERT INTO schema_version (version, name) VALUES (@version, @name)";

    public static IReadOnlyList<MigrationScript> Scripts { get; } = MigrationScript.Load(ResourcePrefix);

    /// <summary>Applies the pending scripts; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this version of QuantPulse knows.</exception>
    public static async Task<int> MigrateAsync(
        DbConnection connection,
        IReadOnlyList<MigrationScript> scripts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var session = new SqlSession(connection, null);
        await session.ExecuteAsync("SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey)).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(CreateVersionTableSql, cancellationToken).ConfigureAwait(false);
            var recorded = (await session.ListAsync(AppliedVersionsSql, r => r.GetInt32(0), cancellationToken).ConfigureAwait(false)).ToHashSet();
            SchemaGuard.CheckNotNewer(recorded.Count == 0 ? 0 : recorded.Max(), scripts[^1].Version, "PostgreSQL");
            var applied = 0;
            foreach (var script in scripts.Where(s => !recorded.Contains(s.Version)))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var step = new SqlSession(connection, transaction);
                    await step.ExecuteAsync(script.Sql, cancellationToken).ConfigureAwait(false);
                    await step.ExecuteAsync(RecordSql, cancellationToken, ("version", script.Version), ("name", script.Name)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                applied++;
                Log.MigrationApplied(logger, "postgres", script.Version, script.Name);
            }

            return applied;
        }
        finally
        {
            // Not cancellable: a lock left on a pooled session would block every later start-up. A broken connection
            // has lost its session, and the server has released the lock with it.
            if (connection.State == ConnectionState.Open)
            {
                await session.ExecuteAsync("SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey)).ConfigureAwait(false);
            }
        }
    }
}
