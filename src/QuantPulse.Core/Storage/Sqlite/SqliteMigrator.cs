using System.Data.Common;
using Microsoft.Extensions.Logging;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>Brings a SQLite database to the newest schema version, one script per transaction.</summary>
/// <remarks>
/// Each script runs in a <c>BEGIN IMMEDIATE</c> transaction that first re-reads the applied versions: a second
/// process starting at the same time waits for the write lock and then finds the version already applied. A script
/// is applied when its version is not recorded, so a version below the newest applied one (a gap in the numbering
/// filled by a later release) is applied too.
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

    private const string AppliedSql = "SELECT COUNT(*) FROM schema_version WHERE version = @version";

    private const string RecordSql = """
        INSERT INTO schema_version (version, name, applied_at)
        VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """;

    public static IReadOnlyList<MigrationScript> Scripts { get; } = MigrationScript.Load(ResourcePrefix);

    /// <summary>Applies the pending scripts; returns how many were applied.</summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this version of QuantPulse knows.</exception>
    public static async Task<int> MigrateAsync(
        DbConnection connection,
        IReadOnlyList<MigrationScript> scripts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await new SqlSession(connection, null).ExecuteAsync(CreateVersionTableSql, cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var script in scripts)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var session = new SqlSession(connection, transaction);
                var current = await session.Int64Async(CurrentVersionSql, cancellationToken).ConfigureAwait(false);
                SchemaGuard.CheckNotNewer(current, scripts[^1].Version, "SQLite");
                if (await session.Int64Async(AppliedSql, cancellationToken, ("version", script.Version)).ConfigureAwait(false) > 0)
                {
                    continue;
                }

                await session.ExecuteAsync(script.Sql, cancellationToken).ConfigureAwait(false);
                await session.ExecuteAsync(RecordSql, cancellationToken, ("version", script.Version), ("name", script.Name)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            applied++;
            Log.MigrationApplied(logger, "sqlite", script.Version, script.Name);
        }

        return applied;
    }
}
