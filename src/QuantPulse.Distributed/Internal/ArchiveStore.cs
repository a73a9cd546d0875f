using System.Globalization;
using LinqToDB;
using LinqToDB.Data;
using Npgsql;
using QuantPulse.Model;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The <c>tick_archive</c> and <c>tick_candles</c> tables through linq2db: writes a batch of ticks with binary COPY
/// and refreshes the candles it touches in the same transaction, and manages the daily partitions.
/// </summary>
internal sealed class ArchiveStore(string connectionString)
{
    /// <summary>The origin of every bucket: buckets of 1m, 5m, 1h and 1d start at whole multiples from midnight UTC, as <see cref="Timeframe.BucketStart"/> rounds them.</summary>
    private const string Origin = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";

    private const string PartitionPrefix = "tick_archive_p";

    // Serialises partition maintenance (creation, retention) among archivers.
    private const long MaintenanceLock = 0x5150_4152_4348_4956;

    private const string StageTouched = "CREATE TEMPORARY TABLE archive_touched (symbol text NOT NULL, first_time timestamptz NOT NULL, last_time timestamptz NOT NULL) ON COMMIT DROP";

    // Archivers writing ticks of the same symbol take turns, so each recomputes its candles from every committed tick.
    private const string LockSymbols = "SELECT count(pg_advisory_xact_lock(hashtextextended(symbol, 0))) FROM (SELECT symbol FROM archive_touched ORDER BY symbol) AS s";

    private const string StageTicks = "CREATE TEMPORARY TABLE tick_archive_incoming (LIKE tick_archive) ON COMMIT DROP";

    private const string Columns = "symbol, \"time\", entry_ms, entry_seq, price, size, bid, ask, side, source";

    private const string MergeTicks = $"INSERT INTO tick_archive ({Columns}) SELECT {Columns} FROM tick_archive_incoming ON CONFLICT DO NOTHING";

    private const string Upsert = """
        ON CONFLICT (symbol, timeframe, open_time) DO UPDATE SET
            open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
            volume = EXCLUDED.volume, ticks = EXCLUDED.ticks
        """;

    // 1m from the ticks: open is the earliest tick (the earlier arrival on a tie), close the latest (the later arrival on a tie), as live candles.
    private const string RefreshMinutes = $"""
        INSERT INTO tick_candles (symbol, timeframe, open_time, open, high, low, close, volume, ticks)
        SELECT a.symbol, '1m', date_bin(interval '1 minute', a."time", {Origin}) AS bucket,
               (array_agg(a.price ORDER BY a."time", a.entry_ms, a.entry_seq))[1],
               max(a.price), min(a.price),
               (array_agg(a.price ORDER BY a."time" DESC, a.entry_ms DESC, a.entry_seq DESC))[1],
               sum(a.size), count(*)::integer
        FROM tick_archive a
        JOIN archive_touched t ON a.symbol = t.symbol
             AND a."time" >= date_bin(interval '1 minute', t.first_time, {Origin})
             AND a."time" < date_bin(interval '1 minute', t.last_time, {Origin}) + interval '1 minute'
        GROUP BY a.symbol, bucket
        {Upsert}
        """;

    // The longer timeframes, each from the one before: 5m from 1m, 1h from 5m, 1d from 1h.
    private static readonly (string Target, string Source, string Interval)[] Rollups =
    [
        ("5m", "1m", "5 minutes"),
        ("1h", "5m", "1 hour"),
        ("1d", "1h", "1 day"),
    ];

    private readonly DataOptions _options = new DataOptions().UsePostgreSQL(connectionString);

    public string ConnectionString { get; } = connectionString;

    /// <summary>Each rolled-up timeframe: the names of live candles.</summary>
    public static IReadOnlyList<Timeframe> Timeframes { get; } = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour, Timeframe.OneDay];

    public DataConnection Open() => new(_options);

    /// <summary>
    /// Stores the rows and refreshes the candles of every symbol and span they touch, in one transaction. A row
    /// whose key is stored already (written before, its acknowledgement lost) is skipped. Returns how many were new.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyList<ArchiveRow> rows, CancellationToken cancellationToken)
    {
        var touched = rows.GroupBy(r => r.Symbol, StringComparer.Ordinal)
            .Select(g => new TouchedRow { Symbol = g.Key, FirstTime = g.Min(r => r.Time), LastTime = g.Max(r => r.Time) })
            .ToList();
        try
        {
            // The fast path copies straight into the archive; a batch that meets a stored key fails as a whole.
            return await InTransactionAsync(rows, touched, staged: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await InTransactionAsync(rows, touched, staged: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<int> InTransactionAsync(IReadOnlyList<ArchiveRow> rows, List<TouchedRow> touched, bool staged, CancellationToken cancellationToken) =>
        InTransactionAsync(db => WriteAsync(db, rows, touched, staged, cancellationToken), cancellationToken);

    // One connection, one transaction, committed when the work returns.
    private async Task<T> InTransactionAsync<T>(Func<DataConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        using var db = Open();
        var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await work(db).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    private static async Task<int> WriteAsync(DataConnection db, IReadOnlyList<ArchiveRow> rows, List<TouchedRow> touched, bool staged, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(StageTouched, cancellationToken).ConfigureAwait(false);
        await CopyAsync(db.GetTable<TouchedRow>(), touched, cancellationToken).ConfigureAwait(false);
        await db.ExecuteAsync(LockSymbols, cancellationToken).ConfigureAwait(false);
        int inserted;
        if (staged)
        {
            await db.ExecuteAsync(StageTicks, cancellationToken).ConfigureAwait(false);
            await CopyAsync(db.GetTable<ArchiveRow>().TableName("tick_archive_incoming"), rows, cancellationToken).ConfigureAwait(false);
            inserted = await db.ExecuteAsync(MergeTicks, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyAsync(db.GetTable<ArchiveRow>(), rows, cancellationToken).ConfigureAwait(false);
            inserted = rows.Count;
        }

        await db.ExecuteAsync(RefreshMinutes, cancellationToken).ConfigureAwait(false);
        foreach (var (target, source, interval) in Rollups)
        {
            await db.ExecuteAsync(Rollup(target, source, interval), cancellationToken).ConfigureAwait(false);
        }

        return inserted;
    }

    private static string Rollup(string target, string source, string interval) => $"""
        INSERT INTO tick_candles (symbol, timeframe, open_time, open, high, low, close, volume, ticks)
        SELECT c.symbol, '{target}', date_bin(interval '{interval}', c.open_time, {Origin}) AS bucket,
               (array_agg(c.open ORDER BY c.open_time))[1], max(c.high), min(c.low),
               (array_agg(c.close ORDER BY c.open_time DESC))[1], sum(c.volume), sum(c.ticks)::integer
        FROM tick_candles c
        JOIN archive_touched t ON c.symbol = t.symbol AND c.timeframe = '{source}'
             AND c.open_time >= date_bin(interval '{interval}', t.first_time, {Origin})
             AND c.open_time < date_bin(interval '{interval}', t.last_time, {Origin}) + interval '{interval}'
        GROUP BY c.symbol, bucket
        {Upsert}
        """;

    private static Task<BulkCopyRowsCopied> CopyAsync<T>(ITable<T> table, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : notnull =>
        table.BulkCopyAsync(new BulkCopyOptions { BulkCopyType = BulkCopyType.ProviderSpecific }, rows, cancellationToken);

    /// <summary>
    /// What <c>tick_archive</c> is, from the catalogs every PostgreSQL has: its relkind (<c>p</c> partitioned,
    /// <c>r</c> plain) and whether the TimescaleDB extension is installed in this database.
    /// </summary>
    internal const string DetectSql =
        "SELECT c.relkind::text || ' ' || (EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'))::text FROM pg_class c WHERE c.oid = 'tick_archive'::regclass";

    /// <summary>With the extension installed: whether TimescaleDB lists <c>tick_archive</c> among its hypertables (its documented information view).</summary>
    internal const string HypertableSql =
        "SELECT count(*) FROM timescaledb_information.hypertables WHERE format('%I.%I', hypertable_schema, hypertable_name)::regclass = 'tick_archive'::regclass";

    /// <summary>
    /// Whether the archive is a TimescaleDB hypertable (true) or partitioned by day (false). Anything else (a plain
    /// table TimescaleDB does not manage) is refused with an error naming the table, rather than guessed at.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>tick_archive</c> is neither.</exception>
    public async Task<bool> IsHypertableAsync(CancellationToken cancellationToken)
    {
        using var db = Open();
        var detected = await db.ExecuteAsync<string>(DetectSql, cancellationToken).ConfigureAwait(false);
        if (detected.StartsWith("p ", StringComparison.Ordinal))
        {
            return false;
        }

        if (detected == "r true" && await db.ExecuteAsync<long>(HypertableSql, cancellationToken).ConfigureAwait(false) == 1)
        {
            return true;
        }

        throw new InvalidOperationException(
            $"tick_archive is neither partitioned by day nor a TimescaleDB hypertable (relkind and extension: {detected}); recreate it with the migration 0006.");
    }

    /// <summary>The days (UTC) that have a partition, ascending.</summary>
    public async Task<List<DateOnly>> PartitionDaysAsync(CancellationToken cancellationToken)
    {
        using var db = Open();
        return await PartitionDaysAsync(db, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<DateOnly>> PartitionDaysAsync(DataConnection db, CancellationToken cancellationToken)
    {
        var names = await db.QueryToListAsync<string>(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'tick_archive'::regclass",
            cancellationToken).ConfigureAwait(false);
        return [.. names
            .Where(n => n.StartsWith(PartitionPrefix, StringComparison.Ordinal))
            .Select(n => DateOnly.TryParseExact(n[PartitionPrefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>()
            .Order()];
    }

    /// <summary>Creates the partitions of <paramref name="days"/> that do not exist yet.</summary>
    public Task CreatePartitionsAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken) =>
        InTransactionAsync(db => CreatePartitionsAsync(db, days, cancellationToken), cancellationToken);

    private static async Task<int> CreatePartitionsAsync(DataConnection db, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        await LockMaintenanceAsync(db, cancellationToken).ConfigureAwait(false);
        var existing = (await PartitionDaysAsync(db, cancellationToken).ConfigureAwait(false)).ToHashSet();
        foreach (var day in days.Where(d => !existing.Contains(d)))
        {
            await db.ExecuteAsync(
                FormattableString.Invariant($"CREATE TABLE {PartitionName(day)} PARTITION OF tick_archive FOR VALUES FROM ('{day:yyyy-MM-dd} 00:00:00+00') TO ('{day.AddDays(1):yyyy-MM-dd} 00:00:00+00')"),
                cancellationToken).ConfigureAwait(false);
        }

        return days.Count;
    }

    private static Task<int> LockMaintenanceAsync(DataConnection db, CancellationToken cancellationToken) =>
        db.ExecuteAsync(FormattableString.Invariant($"SELECT pg_advisory_xact_lock({MaintenanceLock})"), cancellationToken);

    /// <summary>Detaches (and, when <paramref name="drop"/>, drops) every partition of a day before <paramref name="firstKept"/>; returns their days.</summary>
    public Task<List<DateOnly>> DetachBeforeAsync(DateOnly firstKept, bool drop, CancellationToken cancellationToken) =>
        InTransactionAsync(db => DetachBeforeAsync(db, firstKept, drop, cancellationToken), cancellationToken);

    private static async Task<List<DateOnly>> DetachBeforeAsync(DataConnection db, DateOnly firstKept, bool drop, CancellationToken cancellationToken)
    {
        await LockMaintenanceAsync(db, cancellationToken).ConfigureAwait(false);
        var old = (await PartitionDaysAsync(db, cancellationToken).ConfigureAwait(false)).Where(d => d < firstKept).ToList();
        foreach (var day in old)
        {
            await db.ExecuteAsync($"ALTER TABLE tick_archive DETACH PARTITION {PartitionName(day)}", cancellationToken).ConfigureAwait(false);
            if (drop)
            {
                await db.ExecuteAsync($"DROP TABLE {PartitionName(day)}", cancellationToken).ConfigureAwait(false);
            }
        }

        return old;
    }

    /// <summary>On a hypertable: drops the chunks wholly before <paramref name="firstKept"/>; returns how many.</summary>
    public async Task<long> DropChunksBeforeAsync(DateOnly firstKept, CancellationToken cancellationToken)
    {
        using var db = Open();
        return await db.ExecuteAsync<long>(DropChunksSql(firstKept), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// TimescaleDB's <c>drop_chunks(relation, older_than =&gt; …)</c>: removes the chunks whose whole range ends before
    /// midnight UTC of <paramref name="firstKept"/> (a chunk holding any later row stays), one row per chunk dropped.
    /// </summary>
    internal static string DropChunksSql(DateOnly firstKept) =>
        FormattableString.Invariant($"SELECT count(*) FROM drop_chunks('tick_archive', older_than => TIMESTAMPTZ '{firstKept:yyyy-MM-dd} 00:00:00+00')");

    public static string PartitionName(DateOnly day) => PartitionPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The aggregate candles of one symbol and timeframe, ascending (for readers and tests).</summary>
    public async Task<List<Candle>> CandlesAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken)
    {
        using var db = Open();
        var name = timeframe.Name;
        var rows = await LinqToDB.Async.AsyncExtensions.ToListAsync(
            db.GetTable<ArchiveCandleRow>().Where(c => c.Symbol == symbol && c.Timeframe == name).OrderBy(c => c.OpenTime),
            cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(r => new Candle(r.Symbol, timeframe, r.OpenTime.ToUniversalTime(), r.Open, r.High, r.Low, r.Close, r.Volume, r.Ticks, IsClosed: true));
    }
}
