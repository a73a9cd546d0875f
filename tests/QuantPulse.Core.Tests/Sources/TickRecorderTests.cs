using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Deriv;
using QuantPulse.Tests.Sources.Deriv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources;

public class TickRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 26, 13, 52, 10, TimeSpan.Zero);

    /// <summary>Yields the given ticks, then ends, fails, or waits to be cancelled.</summary>
    private sealed class ScriptedSource(IReadOnlyList<Tick> ticks, bool waitAtEnd = false, Exception? failAtEnd = null) : ITickSource
    {
        public string Name => "scripted";

        public TickSourceStatistics Statistics { get; } = new();

        public DateTimeOffset? GetWatermark(DateTimeOffset now) => null;

        public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var tick in ticks)
            {
                yield return tick;
            }

            if (failAtEnd is not null)
            {
                throw failAtEnd;
            }

            if (waitAtEnd)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }

    private static List<Tick> Ticks() =>
    [
        new("R_100", T0, 1484.97m, 0m, TickSources.Deriv),
        new("R_100", T0.AddTicks(1), 1485.30m, 0m, TickSources.Deriv),
        new("BTCUSDT", T0.AddMilliseconds(123), 37012.10m, 0.005m, TickSources.Binance),
        new("BTCUSDT", T0.AddTicks(1234567), 0.00001234m, 12.50000000m, TickSources.Binance),
        new("odd,\"name\"", T0.AddSeconds(1), 1m, 2m, TickSources.Csv),
    ];

    /// <summary>Reads the replay format back with a plain CSV split (symbols with commas are quoted).</summary>
    private static List<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> ReadBack(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("time,symbol,price,size", lines[0]);
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            Assert.Equal(4, fields.Count);
            return (
                DateTimeOffset.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                fields[1],
                decimal.Parse(fields[2], CultureInfo.InvariantCulture),
                decimal.Parse(fields[3], CultureInfo.InvariantCulture));
        })];
    }

    [Fact]
    public async Task RecordAsync_UntilTheSourceEnds_WritesEveryTickOnceInTheReplayFormat()
    {
        var ticks = Ticks();
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var result = await new TickRecorder(new ScriptedSource(ticks), output).RecordAsync();

        Assert.Equal(TickRecordingStopReason.SourceCompleted, result.StopReason);
        Assert.Equal(ticks.Count, result.TicksWritten);
        Assert.Equal((T0, T0.AddSeconds(1)), (result.FirstTick!.Value, result.LastTick!.Value));
        Assert.Equal(ticks.Select(t => (t.Time, t.Symbol, t.Price, t.Size)), ReadBack(output.ToString()));
    }

    [Fact]
    public async Task RecordAsync_Always_WritesUtcTimesWithJustTheDigitsNeeded()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        await new TickRecorder(new ScriptedSource(Ticks()), output).RecordAsync();

        var lines = output.ToString().Split('\n');
        Assert.Equal("2025-04-26T13:52:10Z,R_100,1484.97,0", lines[1]);
        Assert.Equal("2025-04-26T13:52:10.0000001Z,R_100,1485.30,0", lines[2]);
        Assert.Equal("2025-04-26T13:52:10.123Z,BTCUSDT,37012.10,0.005", lines[3]);
        Assert.Equal("2025-04-26T13:52:10.1234567Z,BTCUSDT,0.00001234,12.50000000", lines[4]);
        Assert.Equal("2025-04-26T13:52:11Z,\"odd,\"\"name\"\"\",1,2", lines[5]);
    }

    [Fact]
    public async Task RecordAsync_WhenTheDurationElapses_StopsAndFlushesWhatItWrote()
    {
        var clock = new ManualTimeProvider();
        using var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        var recording = new TickRecorder(new ScriptedSource(Ticks(), waitAtEnd: true), writer, clock).RecordAsync(TimeSpan.FromSeconds(45));

        await Eventually.TrueAsync(() => clock.ActiveTimers > 0, "the recorder armed its duration");
        Assert.False(recording.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(44));
        Assert.False(recording.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await recording;

        Assert.Equal(TickRecordingStopReason.DurationElapsed, result.StopReason);
        Assert.Equal(5, result.TicksWritten);
        Assert.Equal(5, ReadBack(Encoding.UTF8.GetString(stream.ToArray())).Count);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task RecordAsync_WhenCancelled_StopsCleanlyAndFlushes()
    {
        using var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        using var cancel = new CancellationTokenSource();
        var recording = new TickRecorder(new ScriptedSource(Ticks(), waitAtEnd: true), writer).RecordAsync(cancellationToken: cancel.Token);

        await Eventually.TrueAsync(() => !recording.IsCompleted, "the recorder is running");
        await cancel.CancelAsync();
        var result = await recording;

        Assert.Equal(TickRecordingStopReason.Cancelled, result.StopReason);
        Assert.Equal(5, ReadBack(Encoding.UTF8.GetString(stream.ToArray())).Count);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task RecordAsync_WhileTheSourceWaits_EverythingWrittenIsFlushed()
    {
        using var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        using var cancel = new CancellationTokenSource();
        var recording = new TickRecorder(new ScriptedSource(Ticks(), waitAtEnd: true), writer, new ManualTimeProvider()).RecordAsync(cancellationToken: cancel.Token);

        // The clock never moves, so only the source running dry can have flushed the big buffer.
        await Eventually.TrueAsync(() => stream.Length > 0, "the recorder flushed while the source waits");
        Assert.False(recording.IsCompleted);
        Assert.Equal(5, ReadBack(Encoding.UTF8.GetString(stream.ToArray())).Count);

        await cancel.CancelAsync();
        Assert.Equal(TickRecordingStopReason.Cancelled, (await recording).StopReason);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task RecordAsync_Always_WritesTheSameBytesAsCsvTickWriter()
    {
        using var recorded = new StringWriter(CultureInfo.InvariantCulture);
        using var written = new StringWriter(CultureInfo.InvariantCulture);

        await new TickRecorder(new ScriptedSource(Ticks()), recorded).RecordAsync();
        using (var writer = new CsvTickWriter(written, leaveOpen: true))
        {
            foreach (var tick in Ticks())
            {
                writer.Write(tick);
            }
        }

        Assert.Equal(written.ToString(), recorded.ToString());
        Assert.DoesNotContain('\r', recorded.ToString());
    }

    [Fact]
    public async Task RecordAsync_WhenTheSourceFails_FlushesThenRethrows()
    {
        using var stream = new MemoryStream();
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);

        await Assert.ThrowsAsync<IOException>(() =>
            new TickRecorder(new ScriptedSource(Ticks(), failAtEnd: new IOException("gave up")), writer).RecordAsync());

        Assert.Equal(5, ReadBack(Encoding.UTF8.GetString(stream.ToArray())).Count);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task RecordAsync_NonPositiveDuration_Throws()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new TickRecorder(new ScriptedSource([]), output).RecordAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task RecordAsync_FromALiveSourceThatReconnects_WritesEveryTickOnce()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 120, "R_100", "R_10");
        await using var server = await FakeDerivServer.StartAsync(market, 20, clock, requireHistory: true);
        server.Add(new Disruption(60, DisruptionKind.Close, MissedSteps: 25));
        await using var source = new DerivTickSource(new DerivSourceOptions { Symbols = ["R_100", "R_10"], Endpoint = server.Endpoint, WarmUpTicks = 10 }, clock);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        var recording = new TickRecorder(source, output, clock).RecordAsync(cancellationToken: stop.Token);

        await Eventually.TrueAsync(() => source.Statistics.Accepted == 2 * 110, "every tick arrived");
        await stop.CancelAsync();
        var result = await recording;

        var written = ReadBack(output.ToString());
        Assert.Equal(2 * 110, result.TicksWritten);
        foreach (var symbol in new[] { "R_100", "R_10" })
        {
            Assert.Equal(
                market[symbol].Skip(10).Select(t => (DateTimeOffset.FromUnixTimeSeconds(t.Epoch), t.Price)),
                written.Where(w => w.Symbol == symbol).Select(w => (w.Time, w.Price)));
        }
    }
}
