using System.Globalization;
using Npgsql;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// Creates and upgrades the tables of the distributed roles from the versioned SQL files under <c>Migrations/</c>,
/// recorded in <c>distributed_schema_version</c>: a ledger of their own, apart from Core's <c>schema_version</c>,
/// so this package and Core upgrade independently. One process migrates at a time (an advisory lock).
/// </summary>
/// <remarks>
/// Numbers are unique but need not be consecutive: a feature keeps the number the project reserved for it (the tick
/// archive is 6 here as it would be in Core). Every script whose number the ledger does not hold is applied, in
/// ascending order, so a lower number added later is still applied.
/// </remarks>
internal static class DistributedSchema
{
    private const long LockKey = 0x5150_4449_5354_5249;
    private const string Prefix = "QuantPulse.Distributed.Migrations.";

    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(
                    connection,
                    null,
                    "CREATE TABLE IF NOT EXISTS distributed_schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken).ConfigureAwait(false);
                var applied = new HashSet<int>();
                var query = new NpgsqlCommand("SELECT version FROM distributed_schema_version", connection);
                await using (query.ConfigureAwait(false))
                {
                    var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(reader.GetInt32(0));
                        }
                    }
                }

                foreach (var (version, name, sql) in Scripts().Where(s => !applied.Contains(s.Version)))
                {
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                        var record = new NpgsqlCommand("INSERT INTO distributed_schema_version (version, name) VALUES ($1, $2)", connection, transaction);
                        await using (record.ConfigureAwait(false))
                        {
                            record.Parameters.Add(new NpgsqlParameter { Value = version });
                            record.Parameters.Add(new NpgsqlParameter { Value = name });
                            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    internal static IReadOnlyList<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = typeof(DistributedSchema).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var file = resource[Prefix.Length..^".sql".Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(file.AsSpan(0, 4), CultureInfo.InvariantCulture), file[5..], reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Item1 == scripts[i - 1].Item1)
            {
                throw new InvalidOperationException($"Two distributed migrations share number {scripts[i].Item1}.");
            }
        }

        return scripts;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // The SQL comes from this assembly's own migration files and constants.
        var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
