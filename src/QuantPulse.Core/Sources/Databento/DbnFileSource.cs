using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;

namespace QuantPulse.Sources.Databento;

/// <summary>Replays the trades of a DBN file (Databento Binary Encoding, versions 2 and 3) as ticks, as fast as they are read.</summary>
/// <remarks>
/// <para>
/// The file must hold trades: its metadata schema is <c>trades</c> (or <c>mixed</c>, whose other records are
/// skipped). A file of bars (<c>ohlcv-*</c>) or of another schema is refused with
/// <see cref="InvalidDataException"/> when reading starts, as is a file that is not DBN or is cut short; see
/// <see cref="DbnReader"/> for how records become ticks.
/// </para>
/// <para>
/// A trade that cannot become a tick (an undefined price, an undefined time) is never yielded and never thrown: it is
/// counted in <see cref="Statistics"/>, passed to the rejection callback with its record number, logged (the first 10
/// of each reason, then every 1000th), and the replay goes on. The ticks keep their recorded times; the source is read
/// once.
/// </para>
/// </remarks>
public sealed class DbnFileSource : ITickSource
{
    private const long NoTime = long.MinValue;

    private readonly string _path;
    private readonly Action<SourceRejection>? _onRejected;
    private readonly ILogger _logger;
    private DbnReader? _reader;
    private long _highWaterTicks = NoTime;
    private long _skipped;
    private int _started;
    private bool _ended;

    /// <summary>Creates a replay of the file at <paramref name="path"/> (opened when reading starts).</summary>
    /// <param name="path">The DBN file.</param>
    /// <param name="onRejected">Called (on the reading thread) for every trade that cannot become a tick.</param>
    /// <param name="logger">Where rejections and the end of the replay are logged; nothing is logged when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public DbnFileSource(string path, Action<SourceRejection>? onRejected = null, ILogger<DbnFileSource>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _onRejected = onRejected;
        _logger = logger ?? NullLogger<DbnFileSource>.Instance;
        Name = "dbn:" + Path.GetFileName(path);
    }

    /// <summary><c>dbn:</c> and the file name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public TickSourceStatistics Statistics { get; } = new();

    /// <summary>The file's metadata, once reading has started.</summary>
    public DbnMetadata? Metadata => _reader?.Metadata;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The source has already been read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A DbnFileSource is read once; create a new source for another replay.");
        }

        return ReadCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the next ticks synchronously into <paramref name="destination"/>: the batch path for whole files, with
    /// the same rejection counting and statistics as <see cref="ReadAsync"/>. Call until it returns 0.
    /// </summary>
    /// <param name="destination">Where the ticks go.</param>
    /// <returns>The number of ticks written; 0 at the end of the file (the file is closed then).</returns>
    /// <exception cref="InvalidOperationException"><see cref="ReadAsync"/> was used on this source.</exception>
    /// <exception cref="InvalidDataException">The file is not a DBN file of trades, or is cut short.</exception>
    public int ReadBatch(Span<Tick> destination)
    {
        if (_reader is null && Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A DbnFileSource is read once; create a new source for another replay.");
        }

        var count = 0;
        while (count < destination.Length && Next(out destination[count]))
        {
            count++;
        }

        Statistics.RecordAccepted(count);
        return count;
    }

    /// <summary>The latest recorded time handed out (<c>null</c> before the first tick).</summary>
    /// <param name="now">The pipeline clock (not used: a replay's watermark is its data).</param>
    /// <returns>The watermark.</returns>
    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        var high = Volatile.Read(ref _highWaterTicks);
        return high == NoTime ? null : new DateTimeOffset(high, TimeSpan.Zero);
    }

    private async IAsyncEnumerable<Tick> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Next(out var tick))
            {
                yield break;
            }

            Statistics.RecordAccepted();
            yield return tick;
        }
    }

    private bool Next(out Tick tick)
    {
        tick = default;
        if (_ended)
        {
            return false;
        }

        var reader = _reader ??= OpenTrades();
        try
        {
            while (reader.Read(out var record))
            {
                switch (record.Kind)
                {
                    case DbnRecordKind.Trade:
                        tick = record.Trade;
                        if (tick.Time.UtcTicks > _highWaterTicks)
                        {
                            Volatile.Write(ref _highWaterTicks, tick.Time.UtcTicks);
                        }

                        return true;
                    case DbnRecordKind.Invalid:
                        Reject(record, reader.RecordCount);
                        break;
                    default:
                        _skipped++;
                        break;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            End();
            throw new InvalidDataException($"cannot read '{_path}': {ex.Message}", ex);
        }

        End();
        return false;
    }

    private DbnReader OpenTrades()
    {
        var reader = DbnReader.Open(_path);
        var schema = reader.Metadata.Schema;
        if (schema is not ("trades" or "mixed"))
        {
            reader.Dispose();
            throw new InvalidDataException(schema.StartsWith("ohlcv", StringComparison.Ordinal)
                ? $"'{_path}' holds {schema} bars, not trades; convert them with 'quantpulse dbn'"
                : $"'{_path}' holds {schema} records; only trades become ticks");
        }

        return reader;
    }

    private void End()
    {
        if (!_ended)
        {
            _ended = true;
            _reader?.Dispose();
            Log.ReplayFinished(_logger, Name, Statistics.Accepted, Statistics.TotalRejected, _skipped);
        }
    }

    private void Reject(in DbnRecord record, long number)
    {
        var message = $"record {number}: {record.Text}";
        var count = Statistics.RecordRejected(record.Problem, message);
        if (Log.ShouldLogRejection(count))
        {
            Log.RecordRejected(_logger, Name, record.Problem, count, message);
        }

        _onRejected?.Invoke(new SourceRejection(Name, record.Problem, message, null));
    }
}
