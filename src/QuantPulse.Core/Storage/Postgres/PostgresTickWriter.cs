using System.Buffers;
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
/// Rows go to <c>tick_data</c> (schema version 7), which names a tick's symbol and source by their ids in
/// <c>tick_symbols</c> and <c>tick_sources</c> (<see cref="PostgresTickNames"/>); the <c>ticks</c> view joins the names
/// back for reads.
/// </para>
/// <para>
/// The fast path copies straight into the keyed <c>tick_data</c> table; <c>COPY</c> is one statement, so it stores the
/// whole batch or nothing. Only a batch that meets a stored key (written before, its acknowledgement lost) fails,
/// as a whole, and is written again through a temporary staging table and
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>, which skips the stored keys. Routing every batch through the
/// staging table measured several times slower (see <c>docs/benchmarks.md</c>), so only a retry pays for it.
/// </para>
/// <para>Thread-safe: each call takes its own pooled connection.</para>
/// </remarks>
internal static class PostgresTickWriter
{
    private const string Columns = "\"time\", symbol_id, seq, source_id, price, size";

    private const string CopyTicks = $"COPY tick_data ({Columns}) FROM STDIN (FORMAT BINARY)";

    private const string StageTicks = "CREATE TEMPORARY TABLE ticks_incoming (LIKE tick_data) ON COMMIT DROP";

    private const string CopyStaged = $"COPY ticks_incoming ({Columns}) FROM STDIN (FORMAT BINARY)";

    private const string MergeTicks = $"""
        INSERT INTO tick_data ({Columns})
        SELECT {Columns} FROM ticks_incoming
        ON CONFLICT (symbol_id, "time", seq) DO NOTHING
        """;

    /// <summary>Rows written between two checks of the cancellation token.</summary>
    private const int CheckEvery = 4096;

    public static async Task AppendAsync(NpgsqlDataSource dataSource, PostgresTickNames names, TickKeys ticks, CancellationToken cancellationToken)
    {
        // Pooled: one batch's ids are the writer's only per-tick memory besides seq.
        var ids = new TickIds(ArrayPool<int>.Shared.Rent(ticks.Count), ArrayPool<int>.Shared.Rent(ticks.Count));
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await names.ResolveAsync(connection, ticks.Ticks, ids.Symbols, ids.Sources, cancellationToken).ConfigureAwait(false);
                try
                {
                    await CopyAsync(connection, CopyTicks, ticks, ids, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    await AppendNewAsync(connection, ticks, ids, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids.Symbols);
            ArrayPool<int>.Shared.Return(ids.Sources);
        }
    }

    /// <summary>The retry path: stores the ticks whose key is not stored yet, in one transaction.</summary>
    private static async Task AppendNewAsync(NpgsqlConnection connection, TickKeys ticks, TickIds ids, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, StageTicks, cancellationToken).ConfigureAwait(false);
            await CopyAsync(connection, CopyStaged, ticks, ids, cancellationToken).ConfigureAwait(false);
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
    private static async Task CopyAsync(NpgsqlConnection connection, string copy, TickKeys ticks, TickIds ids, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var numeric = new byte[PostgresNumeric.MaxBytes];
            for (var first = 0; first < ticks.Count; first += CheckEvery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(importer, ticks, ids, numeric, first, Math.Min(CheckEvery, ticks.Count - first));
            }

            // Disposing an importer that did not complete cancels the COPY: nothing is stored.
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Synchronous typed writes into the importer's buffer, which sends itself whenever it fills. Prices and sizes are
    // encoded here (PostgresNumeric) and handed over as bytes: binary COPY sends no types, the numeric column reads
    // them as numeric, and Npgsql's own decimal writer would allocate 48 B per value.
    private static void Write(NpgsqlBinaryImporter importer, TickKeys ticks, TickIds ids, byte[] numeric, int first, int count)
    {
        var span = ticks.Ticks.Span.Slice(first, count);
        var seq = ticks.Seq.AsSpan(first, count);
        var symbols = ids.Symbols.AsSpan(first, count);
        var sources = ids.Sources.AsSpan(first, count);
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var tick = ref span[i];
            importer.StartRow();
            importer.Write(StorageTime.Truncate(tick.Time), NpgsqlDbType.TimestampTz);
            importer.Write(symbols[i], NpgsqlDbType.Integer);
            importer.Write(seq[i], NpgsqlDbType.Integer);
            importer.Write(sources[i], NpgsqlDbType.Integer);
            importer.Write(new ReadOnlyMemory<byte>(numeric, 0, PostgresNumeric.Write(tick.Price, numeric)), NpgsqlDbType.Bytea);
            importer.Write(new ReadOnlyMemory<byte>(numeric, 0, PostgresNumeric.Write(tick.Size, numeric)), NpgsqlDbType.Bytea);
        }
    }

    /// <summary>Tick i's symbol id and source id (pooled arrays, possibly longer than the batch).</summary>
    private readonly record struct TickIds(int[] Symbols, int[] Sources);
}
