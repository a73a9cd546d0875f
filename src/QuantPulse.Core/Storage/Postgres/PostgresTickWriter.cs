using Npgsql;
using NpgsqlTypes;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// Appends ticks to PostgreSQL with Npgsql's binary importer (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) used
/// directly: every value written typed, no mapped row and no boxing per tick.
/// </summary>
/// <remarks>
/// <para>
/// The fast path copies straight into the keyed <c>ticks</c> table; <c>COPY</c> is one statement, so it stores the
/// whole batch or nothing. Only a batch that meets a stored key (written before, its acknowledgement lost) fails,
/// as a whole, and is written again through a temporary staging table and
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>, which skips the stored keys. Routing every batch through the
/// staging table measured several times slower (see <c>docs/benchmarks.md</c>), so only a retry pays for it.
/// </para>
/// <para>Thread-safe: each call takes its own pooled connection.</para>
/// </remarks>
internal static class PostgresTickWriter
{
    private const string Columns = "symbol, \"time\", seq, price, size, source";

    private const string CopyTicks = $"COPY ticks ({Columns}) FROM STDIN (FORMAT BINARY)";

    private const string StageTicks = "CREATE TEMPORARY TABLE ticks_incoming (LIKE ticks) ON COMMIT DROP";

    private const string CopyStaged = $"COPY ticks_incoming ({Columns}) FROM STDIN (FORMAT BINARY)";

    private const string MergeTicks = $"""
        INSERT INTO ticks ({Columns})
        SELECT {Columns} FROM ticks_incoming
        ON CONFLICT (symbol, "time", seq) DO NOTHING
        """;

    /// <summary>Rows written between two checks of the cancellation token.</summary>
    private const int CheckEvery = 4096;

    public static async Task AppendAsync(NpgsqlDataSource dataSource, TickKeys ticks, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await CopyAsync(connection, CopyTicks, ticks, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await AppendNewAsync(connection, ticks, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The retry path: stores the ticks whose key is not stored yet, in one transaction.</summary>
    private static async Task AppendNewAsync(NpgsqlConnection connection, TickKeys ticks, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, StageTicks, cancellationToken).ConfigureAwait(false);
            await CopyAsync(connection, CopyStaged, ticks, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, MergeTicks, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant statements only.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One <c>COPY</c>: all rows or, when it fails or is cancelled before completing, none.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copy, TickKeys ticks, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            for (var first = 0; first < ticks.Count; first += CheckEvery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(importer, ticks, first, Math.Min(CheckEvery, ticks.Count - first));
            }

            // Disposing an importer that did not complete cancels the COPY: nothing is stored.
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Synchronous typed writes into the importer's buffer, which sends itself whenever it fills.
    private static void Write(NpgsqlBinaryImporter importer, TickKeys ticks, int first, int count)
    {
        var span = ticks.Ticks.Span.Slice(first, count);
        var seq = ticks.Seq.AsSpan(first, count);
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var tick = ref span[i];
            importer.StartRow();
            importer.Write(tick.Symbol, NpgsqlDbType.Text);
            importer.Write(StorageTime.Truncate(tick.Time), NpgsqlDbType.TimestampTz);
            importer.Write(seq[i], NpgsqlDbType.Integer);
            importer.Write(tick.Price, NpgsqlDbType.Numeric);
            importer.Write(tick.Size, NpgsqlDbType.Numeric);
            importer.Write(tick.Source, NpgsqlDbType.Text);
        }
    }
}
