using System.Data.Common;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Cli.Files;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources;
using QuantPulse.Storage;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// One back-test: a tick file through <c>candles → indicators → signals → simulator</c> (a
/// <see cref="SynchronousMarketPipeline"/>: the live pipeline's stages, run on this thread while the file is parsed
/// ahead on another) into a <see cref="SinkBlock"/>, then the run's trades and signals read back from the database
/// and checked against what the pipeline produced.
/// </summary>
/// <remarks>
/// <para>
/// There is no clock: candles close on the data alone, and <see cref="MarketPipelineOptions.CloseCandlesAtEnd"/> is
/// on: the last, partial candle of every symbol is a candle of the file (as <c>quantpulse candles</c> writes it), it
/// is stored and the strategy sees it. A signal it raises has no later tick to open a trade on and is reported as
/// pending at the end. Expiry is found by the ticks alone, so the same file and settings always give the same
/// trades, however the file is cut into batches.
/// </para>
/// <para>
/// The sink writes in batches of <see cref="SinkBatchSize"/> rows (and the rest at the end of the file); it uses the
/// system clock for its flush interval and retry delays, which decide when rows are written, never what. It gives
/// up after <see cref="SinkRetries"/> failed attempts of one write, so a database that goes away fails the command
/// instead of stalling it.
/// </para>
/// </remarks>
internal sealed class BacktestRun : IAsyncDisposable
{
    /// <summary>How many times one write to the database is retried before the run fails.</summary>
    public const int SinkRetries = 4;

    /// <summary>How many rows (candles, signals and trade events together) one write to the database takes at most.</summary>
    public const int SinkBatchSize = 50_000;

    private const int ReadBatchSize = 4096;
    private const int ReadBatchesAhead = 4;

    private readonly List<Trade> _trades = [];
    private readonly Dictionary<string, int> _tradeIndex = new(StringComparer.Ordinal);
    private readonly List<Signal> _signals = [];
    private readonly TaskCompletionSource<IMarketStore> _store = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<MarketBatch> _waiting = [];
    private readonly CancellationTokenSource _stop;
    private readonly Task _replay;
    private SinkBlock? _sink;

    private BacktestRun(TickFile file, SynchronousMarketPipeline pipeline, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        _replay = Task.Run(() => ReplayAsync(file, pipeline, stop), CancellationToken.None);
    }

    /// <summary>Every trade the simulator opened, in open order, as it stood at the end of the file.</summary>
    public IReadOnlyList<Trade> Trades => _trades;

    /// <summary>Every signal that went to the simulator, in order.</summary>
    public IReadOnlyList<Signal> Signals => _signals;

    /// <summary>How many ticks the file yielded.</summary>
    public long Ticks { get; private set; }

    /// <summary>The earliest and latest tick times, or null for a file without ticks.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? Period { get; private set; }

    /// <summary>The source's counters (accepted and rejected rows).</summary>
    public TickSourceStatistics Source { get; private set; } = new();

    /// <summary>The candle stage's counters.</summary>
    public CandleStatistics Candles { get; private set; } = null!;

    /// <summary>The signal stage's counters.</summary>
    public SignalStatistics SignalStatistics { get; private set; } = null!;

    /// <summary>The simulator's counters.</summary>
    public SimulatorStatistics Simulator { get; private set; } = null!;

    /// <summary>The sink's counters.</summary>
    public SinkStatistics Sink { get; private set; } = null!;

    /// <summary>
    /// Starts reading the file through the pipeline, on worker threads; the rows to store wait in memory until
    /// <see cref="FinishAsync"/> names the store (opening the database and starting the run happen meanwhile).
    /// </summary>
    /// <remarks>Dispose the run (it stops the replay) unless <see cref="FinishAsync"/> has been awaited.</remarks>
    public static BacktestRun Start(string input, TickFileProblems problems, BacktestSettings settings, CancellationToken cancellationToken)
    {
        var file = TickFile.Csv(input, problems);
        var pipeline = new MarketPipelineBuilder(file.Source)
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true })
            .WithCandles(new CandleBlockOptions { Timeframes = [settings.Timeframe], HistoryLength = 1 })
            .WithStrategy(settings.Strategy, settings.Signals)
            .WithSimulator(settings.Simulator)
            .BuildSynchronous();
        return new BacktestRun(file, pipeline, cancellationToken);
    }

    /// <summary>Writes the run's rows into <paramref name="store"/> and waits for the end of the file and of the writes.</summary>
    /// <exception cref="IOException">A database write failed for good.</exception>
    /// <exception cref="InvalidDataException">The tick file has no usable header.</exception>
    public async Task FinishAsync(IMarketStore store)
    {
        _store.TrySetResult(store);
        try
        {
            await _replay;
        }
        catch (DbException ex)
        {
            throw new IOException($"writing to the database failed ({SinkRetries} retries): {ex.Message}", ex);
        }
    }

    /// <summary>Stops the replay if it still runs and waits for it; a failure it ended with is <see cref="FinishAsync"/>'s to report.</summary>
    public async ValueTask DisposeAsync()
    {
        _store.TrySetCanceled();
        await _stop.CancelAsync();
        await _replay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>
    /// Reads this run's trades back from the database, in open order, and checks them and the run's signals
    /// against the pipeline's, so the trades written out are the table's rows and the table holds this run.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A row is missing or differs: something else wrote under the same run id while the run was in progress
    /// (stored trades and signals are never overwritten).
    /// </exception>
    public async Task<IReadOnlyList<Trade>> ReadBackAsync(IMarketStore store, string database, CancellationToken cancellationToken)
    {
        try
        {
            await CheckSignalsAsync(store, database, cancellationToken);
            return await ReadTradesAsync(store, database, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new IOException($"reading the trades back from the database failed: {ex.Message}", ex);
        }
    }

    private static InvalidDataException Conflict(string what, string id, string database) => new(
        $"the database {database} holds {what} {id} with other values than this run produced (written under the same run id by another process at the same time?); run again, or choose another --run-id");

    private static DateTimeOffset After(DateTimeOffset time) => StorageTime.Truncate(time).AddTicks(TimeSpan.TicksPerMillisecond / 1000);

    private async Task<IReadOnlyList<Trade>> ReadTradesAsync(IMarketStore store, string database, CancellationToken cancellationToken)
    {
        if (_trades.Count == 0)
        {
            return [];
        }

        var stored = (await store.Trades.GetRangeAsync(_trades.Min(t => t.OpenTime), After(_trades.Max(t => t.OpenTime)), cancellationToken: cancellationToken))
            .ToDictionary(t => t.Id, StringComparer.Ordinal);
        var rows = new List<Trade>(_trades.Count);
        foreach (var trade in _trades)
        {
            var expected = trade with
            {
                OpenTime = StorageTime.Truncate(trade.OpenTime),
                CloseTime = trade.CloseTime is { } close ? StorageTime.Truncate(close) : null,
            };
            if (!stored.TryGetValue(trade.Id, out var row) || row != expected)
            {
                throw row is null
                    ? new InvalidDataException($"trade {trade.Id} of this run is missing from the database {database}")
                    : Conflict("trade", trade.Id, database);
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task CheckSignalsAsync(IMarketStore store, string database, CancellationToken cancellationToken)
    {
        if (_signals.Count == 0)
        {
            return;
        }

        var stored = (await store.Signals.GetRangeAsync(_signals.Min(s => s.Timestamp), After(_signals.Max(s => s.Timestamp)), cancellationToken: cancellationToken))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var signal in _signals)
        {
            if (!stored.TryGetValue(signal.Id, out var row))
            {
                throw new InvalidDataException($"signal {signal.Id} of this run is missing from the database {database}");
            }

            // Timeframe is not a column; confirmations are a list, compared item by item.
            var expected = signal with { Timestamp = StorageTime.Truncate(signal.Timestamp), Timeframe = null, Confirmations = row.Confirmations };
            if (row != expected || !row.Confirmations.SequenceEqual(signal.Confirmations))
            {
                throw Conflict("signal", signal.Id, database);
            }
        }
    }

    // The file is read and parsed a few batches ahead on a thread of its own; the stages run on this one; the sink
    // writes on its own once the store is known. Batches reach the sink without their ticks, which the reader reuses
    // (the sink stores no ticks), and only when they carry rows.
    private async Task ReplayAsync(TickFile file, SynchronousMarketPipeline pipeline, CancellationToken cancellationToken)
    {
        try
        {
            using (var reader = new TickReadAhead(file, ReadBatchSize, ReadBatchesAhead))
            {
                ReadOnlyMemory<Tick> ticks;
                while (!(ticks = reader.NextBatch(cancellationToken)).IsEmpty)
                {
                    await HandOnAsync(pipeline.Process(ticks), cancellationToken);
                }
            }

            await HandOnAsync(pipeline.Complete(), cancellationToken);
            var sink = await SinkAsync(cancellationToken);
            sink.Complete();
            await sink.Completion;
            Source = file.Statistics;
            Candles = pipeline.Candles.Statistics;
            SignalStatistics = pipeline.Stages.OfType<SignalBlock>().Single().Statistics;
            Simulator = pipeline.Stages.OfType<SimulatorBlock>().Single().Statistics;
            Sink = sink.Statistics;
        }
        catch (Exception ex) when (_sink is { } sink)
        {
            // The sink stops taking batches and drops what it holds; the run's rows are removed by the caller.
            ((IDataflowBlock)sink).Fault(ex);
            await sink.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    private async Task HandOnAsync(MarketBatch batch, CancellationToken cancellationToken)
    {
        Collect(batch);
        if (batch.Candles.Count + batch.Signals.Count + batch.Trades.Count == 0)
        {
            return;
        }

        var rows = new MarketBatch(ReadOnlyMemory<Tick>.Empty, batch.Candles, batch.Signals, batch.Trades);
        if (_sink is null && !_store.Task.IsCompleted)
        {
            _waiting.Add(rows);
            return;
        }

        await SendAsync(await SinkAsync(cancellationToken), rows, cancellationToken);
    }

    // The sink, created once the store is known, with the rows that waited for it already sent.
    private async Task<SinkBlock> SinkAsync(CancellationToken cancellationToken)
    {
        if (_sink is { } sink)
        {
            return sink;
        }

        var store = await _store.Task.WaitAsync(cancellationToken);
        // Rows are written in large batches (a write per SinkBatchSize items, or at the end of the file) rather than
        // every second: each write is a transaction, and a back-test has no reader waiting for its rows.
        _sink = sink = new SinkBlock(store, new SinkBlockOptions { MaxRetryAttempts = SinkRetries, BatchSize = SinkBatchSize, FlushInterval = TimeSpan.FromHours(1) });
        foreach (var rows in _waiting)
        {
            await SendAsync(sink, rows, cancellationToken);
        }

        _waiting.Clear();
        return sink;
    }

    private static async Task SendAsync(SinkBlock sink, MarketBatch rows, CancellationToken cancellationToken)
    {
        if (!await sink.SendAsync(rows, cancellationToken))
        {
            // The sink gave up on a write: its failure is the run's.
            await sink.Completion;
            throw new InvalidOperationException("The database writer stopped taking rows before the end of the file.");
        }
    }

    private void Collect(MarketBatch batch)
    {
        var ticks = batch.Ticks.Span;
        if (!ticks.IsEmpty)
        {
            Ticks += ticks.Length;
            var (first, last) = Period ?? (ticks[0].Time, ticks[0].Time);
            foreach (ref readonly var tick in ticks)
            {
                first = tick.Time < first ? tick.Time : first;
                last = tick.Time > last ? tick.Time : last;
            }

            Period = (first, last);
        }

        foreach (var raised in batch.Signals)
        {
            _signals.Add(raised.Signal);
        }

        foreach (var trade in batch.Trades)
        {
            if (_tradeIndex.TryGetValue(trade.Trade.Id, out var index))
            {
                _trades[index] = trade.Trade;
            }
            else
            {
                _tradeIndex.Add(trade.Trade.Id, _trades.Count);
                _trades.Add(trade.Trade);
            }
        }
    }
}
