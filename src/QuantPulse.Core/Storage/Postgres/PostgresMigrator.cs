using System.Data;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Brings a PostgreSQL database to the newest schema version, one script per transaction.</summary>
/// <remarks>
/// The whole run holds a session-level advisory lock, so of two processes starting at the same time one
/// applies the pending scripts and the other waits, then finds nothing left to do. The lock is released when
/// the run ends, or by the server if the connection drops.
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

    private const string CurrentVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    private const string AppliedSql = "SELECT version FROM schema_version";

    private const string RecordSql = "INSERT INTO schema_version (version, name) VALUES (@Version, @Name)";

    public static IReadOnlyList<MigrationScript> Scripts { get; } = MigrationScript.Load(ResourcePrefix);

    /// <summary>Applies the pending scripts; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this version of QuantPulse knows.</exception>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection,
        IReadOnlyList<MigrationScript> scripts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key = LockKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateVersionTableSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var current = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CurrentVersionSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            SchemaGuard.CheckNotNewer(current, scripts.Count == 0 ? 0 : scripts[^1].Version, "PostgreSQL");
            var applied = 0;
            // Applied by version, not by the highest one: a feature's reserved number may arrive after a later one.
            var done = (await connection.QueryAsync<int>(new CommandDefinition(AppliedSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();
            foreach (var script in scripts.Where(s => !done.Contains(s.Version)))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(
                        new CommandDefinition(RecordSql, new { script.Version, script.Name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Key)", new { Key = LockKey })).ConfigureAwait(false);
            }
        }
    }
}
