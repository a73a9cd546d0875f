using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// The behaviour every live venue connector shares: a reconnect loses and repeats nothing, a gap is back-filled, the
/// watermark follows the connection, and bad input is rejected and counted by reason. A connector's test class
/// derives from this base and plays each scenario against its fake venue, so a new connector cannot skip one.
/// </summary>
public abstract class LiveTickSourceContractTests
{
    [Fact]
    public async Task Reconnect_AfterForcedDisconnects_YieldsTheSameTicksAndCandlesAsAnUninterruptedRun()
    {
        var run = await RunWithDisconnectsAsync();

        Assert.True(run.Disconnects > 0);
        Assert.Equal(Ordered(run.Uninterrupted), Ordered(run.Disrupted));
        Assert.Equal(run.Disrupted.Count, run.Disrupted.Distinct().Count());
        Assert.Equal(TickStreams.MinuteCandles(run.Uninterrupted), TickStreams.MinuteCandles(run.Disrupted));
        // Each disconnect ends one session: a connection lost, or one dropped before it was established.
        Assert.Equal(run.Disconnects, run.Connection.ConnectionsLost + run.Connection.ConnectFailures);
        Assert.True(run.Connection.ConnectionsOpened > run.Connection.ConnectionsLost, "the source connected again after its last loss");
    }

    [Fact]
    public async Task Backfill_AfterForcedDisconnects_FetchesAtLeastTheTicksMissedWhileDisconnected()
    {
        var run = await RunWithDisconnectsAsync();

        Assert.True(run.MissedTicks > 0);
        Assert.True(run.Connection.BackfilledTicks >= run.MissedTicks, $"back-filled {run.Connection.BackfilledTicks} of {run.MissedTicks} missed");
    }

    [Fact]
    public async Task GetWatermark_FollowsTheConnection()
    {
        var trace = await TraceWatermarkAsync();

        Assert.Null(trace.BeforeReading);
        Assert.Equal(trace.LiveNow, trace.Live);
        Assert.Equal(trace.LastTickBeforeDrop, trace.Reconnecting);
    }

    [Fact]
    public async Task BadInput_ThousandsOfMalformedMessages_RejectedAndCountedByReasonWithEveryValidTickYielded()
    {
        var run = await RunWithGarbageAsync();

        Assert.Equal(Ordered(run.Expected), Ordered(run.Yielded));
        foreach (var (reason, count) in run.ExpectedRejections)
        {
            Assert.Equal((reason, count), (reason, run.Statistics.Rejected(reason)));
        }

        Assert.Equal(run.ExpectedRejections.Values.Sum(), run.Statistics.TotalRejected);
        Assert.Equal(run.Expected.Count, run.Statistics.Accepted);
        Assert.Equal(0, run.Connection.ConnectionsLost);
    }

    /// <summary>Plays the same market once uninterrupted and once with connections closed and aborted, some with steps missed.</summary>
    protected abstract Task<DisconnectRun> RunWithDisconnectsAsync();

    /// <summary>Reads the watermark before reading, while live with nothing buffered, and while reconnecting after a drop.</summary>
    protected abstract Task<WatermarkTrace> TraceWatermarkAsync();

    /// <summary>Plays a market with thousands of malformed messages of every kind mixed into the stream.</summary>
    protected abstract Task<GarbageRun> RunWithGarbageAsync();

    /// <summary>
    /// Reads <paramref name="source"/> through one drop: the watermark before reading, once <paramref name="expected"/>
    /// ticks arrived and were read while live, and while reconnecting after <paramref name="dropAll"/>.
    /// </summary>
    protected static async Task<WatermarkTrace> TraceThroughDropAsync(
        ILiveTickSource source, TimeProvider clock, long expected, Action dropAll, DateTimeOffset lastTickBeforeDrop)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(dropAll);
        using var watcher = new StatusWatcher(source);
        using var stop = new CancellationTokenSource();
        var before = source.GetWatermark(clock.GetUtcNow());
        var reading = TickStreams.DrainAsync(source, stop.Token);

        await watcher.WaitForAsync(ConnectionState.Live);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == expected, "the ticks before the stop arrived");
        await Eventually.TrueAsync(() => source.GetWatermark(clock.GetUtcNow()) == clock.GetUtcNow(), "the reader drained the buffer");
        var live = source.GetWatermark(clock.GetUtcNow());

        dropAll();
        await watcher.WaitForAsync(ConnectionState.Reconnecting);
        var reconnecting = source.GetWatermark(clock.GetUtcNow());

        await stop.CancelAsync();
        await reading;
        return new WatermarkTrace(before, live, clock.GetUtcNow(), reconnecting, lastTickBeforeDrop);
    }

    private static IEnumerable<Tick> Ordered(IEnumerable<Tick> ticks) => ticks.OrderBy(t => (t.Symbol, t.Time, t.Price, t.Size));

    /// <summary>What an uninterrupted and a disrupted run of the same market yielded.</summary>
    /// <param name="Uninterrupted">The ticks of the uninterrupted run.</param>
    /// <param name="Disrupted">The ticks of the run with disconnects.</param>
    /// <param name="Connection">The disrupted run's connection counters.</param>
    /// <param name="Disconnects">How many connections the venue closed or aborted.</param>
    /// <param name="MissedTicks">How many ticks the venue sent while the source was disconnected.</param>
    protected sealed record DisconnectRun(IReadOnlyList<Tick> Uninterrupted, IReadOnlyList<Tick> Disrupted, LiveSourceStatistics Connection, int Disconnects, int MissedTicks);

    /// <summary>The watermarks read at each stage.</summary>
    /// <param name="BeforeReading">Before the source was read.</param>
    /// <param name="Live">Live, with every received tick handed over.</param>
    /// <param name="LiveNow">The clock when <paramref name="Live"/> was read.</param>
    /// <param name="Reconnecting">After the venue dropped the connection.</param>
    /// <param name="LastTickBeforeDrop">The earliest, over the symbols, of each symbol's last tick before the drop.</param>
    protected sealed record WatermarkTrace(DateTimeOffset? BeforeReading, DateTimeOffset? Live, DateTimeOffset LiveNow, DateTimeOffset? Reconnecting, DateTimeOffset LastTickBeforeDrop);

    /// <summary>What a run with malformed messages yielded and counted.</summary>
    /// <param name="Expected">The valid ticks the venue sent.</param>
    /// <param name="Yielded">What the source yielded.</param>
    /// <param name="Statistics">The source's input counters.</param>
    /// <param name="ExpectedRejections">How many malformed messages of each reason were sent.</param>
    /// <param name="Connection">The connection counters.</param>
    protected sealed record GarbageRun(
        IReadOnlyList<Tick> Expected,
        IReadOnlyList<Tick> Yielded,
        TickSourceStatistics Statistics,
        IReadOnlyDictionary<TickRejection, long> ExpectedRejections,
        LiveSourceStatistics Connection);
}
