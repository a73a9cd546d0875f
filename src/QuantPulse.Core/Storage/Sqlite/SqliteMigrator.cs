using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>Brings a SQLite database to the newest schema version, one script per transaction.</summary>
/// <remarks>
/// Each script runs in a <c>BEGIN IMMEDIATE</c> transaction that first re-reads the applied versions: a second
/// process starting at the same time waits for the write lock and then finds the version already applied.
/// </remarks>
internal static class SqliteMigrator
{
    public const string ResourcePrefix = "QuantPulse.Storage.Sqlite.Migrations.";

    private const string CreateVersionTableSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;

    private const string CurrentVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    private const string AppliedSql = "SELECT COUNT(*) FROM schema_version WHERE version = @Version";

    private const string RecordSql = """
        INSERT INTO schema_version (version, name, applied_at)
        VALUES (@Version, @Name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """;

    public static IReadOnlyList<MigrationScript> Scripts { get; } = MigrationScript.Load(ResourcePrefix);

    /// <summary>Applies the pending scripts; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this version of QuantPulse knows.</exception>
    public static async Task<int> MigrateAsync(
        SqliteConnection connection,
        IReadOnlyList<MigrationScript> scripts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateVersionTableSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = 0;
        foreach (var script in scripts)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(CurrentVersionSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                SchemaGuard.CheckNotNewer(current, scripts.Count == 0 ? 0 : scripts[^1].Version, "SQLite");
                // Applied by version, not by the highest one: a feature's reserved number may arrive after a later one.
                if (await connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(AppliedSql, new { script.Version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
                {
                    continue;
                }

                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    new CommandDefinition(RecordSql, new { script.Version, script.Name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            applied++;
            Log.MigrationApplied(logger, "sqlite", script.Version, script.Name);
        }

        return applied;
    }
}
