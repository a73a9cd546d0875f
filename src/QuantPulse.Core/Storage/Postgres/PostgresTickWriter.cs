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
/// <para>
/// Rows are sent grouped by symbol (<see cref="PostgresTickOrder"/>). A batch of <see cref="SplitFrom"/> ticks or
/// more is cut in two halves of that order, written at once by two <c>COPY</c>s on two connections, so in two
/// transactions: a save that fails or is cancelled may have stored one half. Saving the same batch again stores the
/// other half, and only that, through the same key check (the seq numbers come from the whole batch, before the cut).
/// </para>
/// <para>Thread-safe: each call takes its own pooled connections.</para>
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

    /// <summary>
    /// Batches of this many ticks or more are written as two halves at once, each by its own <c>COPY</c> on its own
    /// connection: the server's work (index maintenance above all) then runs on two cores instead of one.
    /// </summary>
    public const int SplitFrom = 8192;

    public static async Task AppendAsync(NpgsqlDataSource dataSource, PostgresTickNames names, TickKeys ticks, CancellationToken cancellationToken)
    {
        // Pooled: one batch's ids and row order are the writer's only per-tick memory besides seq.
        var count = ticks.Count;
        var rows = new TickRows(ticks, ArrayPool<int>.Shared.Rent(count), ArrayPool<int>.Shared.Rent(count), ArrayPool<int>.Shared.Rent(count));
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await names.ResolveAsync(connection, ticks.Ticks, rows.Symbols, rows.Sources, cancellationToken).ConfigureAwait(false);
                PostgresTickOrder.BySymbol(rows.Symbols.AsSpan(0, count), rows.Order.AsSpan(0, count));
                if (count < SplitFrom)
                {
                    await AppendAsync(connection, rows, 0, count, cancellationToken).ConfigureAwait(false);
                    return;
                }

                // Both halves run to their end before the pooled arrays go back, whichever fails first.
                var half = count / 2;
                await Task.WhenAll(
                    Task.Run(() => AppendAsync(connection, rows, 0, half, cancellationToken), CancellationToken.None),
                    Task.Run(() => AppendOnOwnConnectionAsync(dataSource, rows, half, count - half, cancellationToken), CancellationToken.None)).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows.Symbols);
            ArrayPool<int>.Shared.Return(rows.Sources);
            ArrayPool<int>.Shared.Return(rows.Order);
        }
    }

    private static async Task AppendOnOwnConnectionAsync(NpgsqlDataSource dataSource, TickRows rows, int first, int count, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await AppendAsync(connection, rows, first, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores the rows at <c>Order[first..first + count)</c>: one <c>COPY</c>, or the retry path if one of their keys is stored.</summary>
    private static async Task AppendAsync(NpgsqlConnection connection, TickRows rows, int first, int count, CancellationToken cancellationToken)
    {
        try
        {
            await CopyAsync(connection, CopyTicks, rows, first, count, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await AppendNewAsync(connection, rows, first, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The retry path: stores the ticks whose key is not stored yet, in one transaction.</summary>
    private static async Task AppendNewAsync(NpgsqlConnection connection, TickRows rows, int first, int count, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, StageTicks, cancellationToken).ConfigureAwait(false);
            await CopyAsync(connection, CopyStaged, rows, first, count, cancellationToken).ConfigureAwait(false);
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
    private static async Task CopyAsync(NpgsqlConnection connection, string copy, TickRows rows, int first, int count, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var numeric = new byte[PostgresNumeric.MaxBytes];
            for (var done = 0; done < count; done += CheckEvery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(importer, rows, numeric, rows.Order.AsSpan(first + done, Math.Min(CheckEvery, count - done)));
            }

            // Disposing an importer that did not complete cancels the COPY: nothing is stored.
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Synchronous typed writes into the importer's buffer, which sends itself whenever it fills. Prices and sizes are
    // encoded here (PostgresNumeric) and handed over as bytes: binary COPY sends no types, the numeric column reads
    // them as numeric, and Npgsql's own decimal writer would allocate 48 B per value.
    private static void Write(NpgsqlBinaryImporter importer, TickRows rows, byte[] numeric, ReadOnlySpan<int> order)
    {
        var ticks = rows.Keys.Ticks.Span;
        var seq = rows.Keys.Seq;
        var symbols = rows.Symbols;
        var sources = rows.Sources;
        foreach (var row in order)
        {
            ref readonly var tick = ref ticks[row];
            importer.StartRow();
            importer.Write(StorageTime.Truncate(tick.Time), NpgsqlDbType.TimestampTz);
            importer.Write(symbols[row], NpgsqlDbType.Integer);
            importer.Write(seq[row], NpgsqlDbType.Integer);
            importer.Write(sources[row], NpgsqlDbType.Integer);
            importer.Write(new ReadOnlyMemory<byte>(numeric, 0, PostgresNumeric.Write(tick.Price, numeric)), NpgsqlDbType.Bytea);
            importer.Write(new ReadOnlyMemory<byte>(numeric, 0, PostgresNumeric.Write(tick.Size, numeric)), NpgsqlDbType.Bytea);
        }
    }

    /// <summary>
    /// A batch with tick i's symbol id and source id, and the order its rows are sent in (<see cref="PostgresTickOrder"/>);
    /// the three arrays are pooled, so possibly longer than the batch.
    /// </summary>
    private readonly record struct TickRows(TickKeys Keys, int[] Symbols, int[] Sources, int[] Order);
}
