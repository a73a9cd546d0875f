using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Replays ticks recorded in a CSV file (the format <see cref="CsvTickWriter"/> writes).</summary>
/// <remarks>
/// <para>
/// <b>Format.</b> A header line is required; columns are found by name, case-insensitively, in any order, and
/// other columns are ignored: <c>time</c> (or <c>timestamp</c>, <c>epoch</c>), <c>symbol</c> (optional when
/// <see cref="CsvSourceOptions.Symbol"/> is set), <c>price</c> (or <c>quote</c>) and an optional <c>size</c>
/// (or <c>quantity</c>, <c>qty</c>; empty is zero). Times are ISO-8601 (with <c>Z</c>, an offset, or no zone for
/// UTC) or Unix time: seconds, or milliseconds when the absolute value is at least 10^11; fractions are allowed.
/// Numbers use the invariant culture (a dot, no thousands separators) and are read exactly. Fields may be quoted.
/// Blank lines are skipped. UTF-8 with or without a byte order mark.
/// </para>
/// <para>
/// <b>Bad rows</b> (a bad or missing time, price or field, a non-positive price, a negative size, an empty symbol)
/// are never yielded and never thrown: each is counted in <see cref="Statistics"/> by reason, passed to
/// <see cref="CsvSourceOptions.OnRejected"/> with its line number (the header is line 1), and logged
/// (the first 10 of each reason, then every 1000th), and the replay goes on. A missing or unusable header is a
/// file error: the enumeration throws <see cref="InvalidDataException"/>.
/// </para>
/// <para>
/// <b>Pacing.</b> With <see cref="TickPacing.AsFastAsPossible"/> rows are handed out as they are read. With
/// <see cref="TickPacing.Paced"/> the first tick comes at once and every later tick when the injected
/// <see cref="TimeProvider"/> has advanced by its recorded distance from the first, divided by
/// <see cref="CsvSourceOptions.Speed"/>; ticks recorded out of order are not delayed. Ticks keep their
/// recorded times.
/// </para>
/// <para>
/// A source is read once: <see cref="ReadAsync"/> throws on a second call. A stream or reader given to the
/// constructor is not disposed. <see cref="GetWatermark"/> and <see cref="Statistics"/> may be read from any thread.
/// </para>
/// </remarks>
public sealed class CsvTickSource : ITickSource
{
    private const long NoTime = long.MinValue;

    private readonly Func<Stream> _open;
    private readonly bool _ownsInput;
    private readonly string _fileName;
    private readonly TickPacing _pacing;
    private readonly double _speed;
    private readonly string? _symbol;
    private readonly string _tickSource;
    private readonly Action<SourceRejection>? _onRejected;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private long _highWaterTicks = NoTime;   // the latest recorded time handed out
    private long _pendingTicks = NoTime;     // paced: the recorded time of the tick being waited for
    private long _anchorRecordedTicks;       // paced: the first tick's recorded time ...
    private long _anchorClockTicks = NoTime; // ... and the clock reading when it was handed out
    private int _started;
    private (Utf8LineReader Lines, CsvTickParser Parser)? _batch; // the synchronous batch path's state
    private bool _ended;

    /// <summary>Creates a replay of the file at <paramref name="path"/> (opened when reading starts).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">The settings; copied. Defaults when null.</param>
    /// <param name="timeProvider">The clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where rejected rows and the end of the replay are logged; nothing is logged when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public CsvTickSource(string path, CsvSourceOptions? options = null, TimeProvider? timeProvider = null, ILogger<CsvTickSource>? logger = null)
        : this(() => OpenFile(path), ownsInput: true, Path.GetFileName(path), options, timeProvider, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
    }

    /// <summary>Creates a replay of UTF-8 text read from <paramref name="stream"/> (not disposed by the source).</summary>
    /// <param name="stream">The CSV data.</param>
    /// <param name="options">The settings; copied. Defaults when null.</param>
    /// <param name="timeProvider">The clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where rejected rows and the end of the replay are logged; nothing is logged when null.</param>
    public CsvTickSource(Stream stream, CsvSourceOptions? options = null, TimeProvider? timeProvider = null, ILogger<CsvTickSource>? logger = null)
        : this(() => Utf8TextStream.Of(stream, leaveOpen: true), ownsInput: false, "stream", options, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
    }

    /// <summary>Creates a replay of the text of <paramref name="reader"/> (not disposed by the source).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="options">The settings; copied. Defaults when null.</param>
    /// <param name="timeProvider">The clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where rejected rows and the end of the replay are logged; nothing is logged when null.</param>
    public CsvTickSource(TextReader reader, CsvSourceOptions? options = null, TimeProvider? timeProvider = null, ILogger<CsvTickSource>? logger = null)
        : this(() => Utf8TextStream.Of(reader, leaveOpen: true), ownsInput: true, "reader", options, timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
    }

    private CsvTickSource(
        Func<Stream> open,
        bool ownsInput,
        string fileName,
        CsvSourceOptions? options,
        TimeProvider? timeProvider,
        ILogger? logger)
    {
        options ??= new CsvSourceOptions();
        _open = open;
        _ownsInput = ownsInput;
        _fileName = fileName;
        _pacing = options.Pacing;
        _speed = options.Speed;
        _symbol = options.Symbol;
        _tickSource = options.Source;
        _onRejected = options.OnRejected;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Name = "csv:" + fileName;
    }

    /// <summary><c>csv:</c> and the file name (<c>csv:stream</c> or <c>csv:reader</c> for other inputs).</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public TickSourceStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The source has already been read.</exception>
    /// <remarks>
    /// The enumeration throws <see cref="InvalidDataException"/> when the header is missing or lacks a required
    /// column, and the usual I/O exceptions when the file cannot be read.
    /// </remarks>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A CsvTickSource is read once; create a new source for another replay.");
        }

        return ReadCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the next ticks synchronously, as fast as possible, into <paramref name="destination"/>: the batch path
    /// for whole files, with the same parsing, rejection counting and statistics as <see cref="ReadAsync"/>.
    /// Pacing does not apply. The first call opens the input and reads the header; call until it returns 0.
    /// </summary>
    /// <param name="destination">Where the ticks go.</param>
    /// <returns>The number of ticks written; 0 at the end of the input (the file is closed then).</returns>
    /// <exception cref="InvalidOperationException"><see cref="ReadAsync"/> was used on this source.</exception>
    /// <exception cref="InvalidDataException">The header is missing or lacks a required column.</exception>
    public int ReadBatch(Span<Tick> destination)
    {
        if (_batch is null)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                throw new InvalidOperationException("A CsvTickSource is read once; create a new source for another replay.");
            }

            var lines = new Utf8LineReader(_open(), leaveOpen: !_ownsInput);
            try
            {
                _batch = (lines, ReadHeader(lines));
            }
            catch
            {
                lines.Dispose();
                throw;
            }
        }

        var (reader, parser) = _batch.Value;
        var count = 0;
        while (count < destination.Length)
        {
            if (!NextTick(reader, parser, out destination[count]))
            {
                if (reader.IsCompleted)
                {
                    break;
                }

                reader.Fill();
                continue;
            }

            var time = destination[count].Time.UtcTicks;
            if (time > _highWaterTicks)
            {
                Volatile.Write(ref _highWaterTicks, time);
            }

            count++;
        }

        Statistics.RecordAccepted(count);
        if (count == 0 && !_ended)
        {
            _ended = true;
            reader.Dispose();
            Log.ReplayFinished(_logger, Name, Statistics.Accepted, Statistics.TotalRejected);
        }

        return count;
    }

    /// <summary>
    /// The latest recorded time handed out (<c>null</c> before the first tick). While a paced replay waits for
    /// its next tick, the recorded time its clock has reached, up to that tick's time.
    /// </summary>
    /// <param name="now">The pipeline clock.</param>
    /// <returns>The watermark.</returns>
    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        var pending = Volatile.Read(ref _pendingTicks);
        var high = Volatile.Read(ref _highWaterTicks);
        if (pending != NoTime)
        {
            var elapsed = Math.Max(0, now.UtcTicks - Volatile.Read(ref _anchorClockTicks));
            var replayed = _anchorRecordedTicks + (long)Math.Min(elapsed * _speed, long.MaxValue / 2.0);
            var reached = Math.Max(Math.Min(replayed, pending), high);
            return new DateTimeOffset(reached, TimeSpan.Zero);
        }

        return high == NoTime ? null : new DateTimeOffset(high, TimeSpan.Zero);
    }

    private static Stream OpenFile(string path) => Utf8TextStream.Of(
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), leaveOpen: false);

    private async IAsyncEnumerable<Tick> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new Utf8LineReader(_open(), leaveOpen: !_ownsInput);
        var parser = await ReadHeaderAsync(lines, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!NextTick(lines, parser, out var tick))
            {
                if (lines.IsCompleted)
                {
                    break;
                }

                await lines.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_pacing == TickPacing.Paced)
            {
                await WaitForAsync(tick.Time.UtcTicks, cancellationToken).ConfigureAwait(false);
            }

            if (tick.Time.UtcTicks > _highWaterTicks)
            {
                Volatile.Write(ref _highWaterTicks, tick.Time.UtcTicks);
            }

            Volatile.Write(ref _pendingTicks, NoTime);
            Statistics.RecordAccepted();
            yield return tick;
        }

        Log.ReplayFinished(_logger, Name, Statistics.Accepted, Statistics.TotalRejected);
    }

    private async ValueTask<CsvTickParser> ReadHeaderAsync(Utf8LineReader lines, CancellationToken cancellationToken)
    {
        string? header;
        do
        {
            header = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        while (header is not null && string.IsNullOrWhiteSpace(header) && !lines.LastLineTooLong);

        return HeaderParser(lines, header);
    }

    private CsvTickParser ReadHeader(Utf8LineReader lines)
    {
        string? header;
        do
        {
            header = lines.ReadLine();
        }
        while (header is not null && string.IsNullOrWhiteSpace(header) && !lines.LastLineTooLong);

        return HeaderParser(lines, header);
    }

    private CsvTickParser HeaderParser(Utf8LineReader lines, string? header)
    {
        if (header is null || lines.LastLineTooLong)
        {
            throw new InvalidDataException(header is null
                ? $"{_fileName}: the file is empty; expected a header such as 'time,symbol,price,size'."
                : $"{_fileName}: line {lines.LineNumber}: the header is longer than {CsvLineReader.MaxLineLength} characters.");
        }

        return new CsvTickParser(CsvHeader.Parse(header, _fileName), _fileName, _symbol, _tickSource);
    }

    // Parses buffered rows until one is a valid tick (rejecting the others); false when more input is needed.
    private bool NextTick(Utf8LineReader lines, CsvTickParser parser, out Tick tick)
    {
        while (lines.TryReadLine(out var line))
        {
            if (lines.LastLineTooLong)
            {
                Reject(TickRejection.Malformed, lines.LineNumber, $"longer than {CsvLineReader.MaxLineLength} characters");
                continue;
            }

            if (!parser.TryParse(line, out tick, out var reason, out var problem))
            {
                continue; // a blank line
            }

            if (reason == TickRejection.None)
            {
                return true;
            }

            Reject(reason, lines.LineNumber, problem!);
        }

        tick = default;
        return false;
    }

    private void Reject(TickRejection reason, long lineNumber, string problem)
    {
        var message = $"line {lineNumber}: {problem}";
        var count = Statistics.RecordRejected(reason, message);
        if (Log.ShouldLogRejection(count))
        {
            Log.RowRejected(_logger, Name, reason, count, message);
        }

        _onRejected?.Invoke(new SourceRejection(Name, reason, message, lineNumber));
    }

    private async ValueTask WaitForAsync(long recordedTicks, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        if (_anchorClockTicks == NoTime)
        {
            _anchorRecordedTicks = recordedTicks;
            Volatile.Write(ref _anchorClockTicks, now);
            return;
        }

        var due = _anchorClockTicks + (long)((recordedTicks - _anchorRecordedTicks) / _speed);
        if (due <= now)
        {
            return;
        }

        Volatile.Write(ref _pendingTicks, recordedTicks);
        await Task.Delay(TimeSpan.FromTicks(due - now), _timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
