using System.Runtime.CompilerServices;
using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Hosting;

/// <summary>
/// The dashboard role's stand-in for the sources: it yields no ticks and waits until the host stops, so the host's
/// pipeline runs its consumers (live state, <c>/ws/updates</c>, metrics) on the events stream instead.
/// </summary>
internal sealed class EventsSourceFactory(RoleStatus role) : ITickSourceFactory
{
    public string Id => "events";

    public bool IsEnabled => true;

    public IReadOnlyCollection<string> Symbols => [];

    public bool StreamsOtherSymbols => true;

    public ITickSource Create() => new IdleSource("events:" + role.Options.Keys.Events);

    private sealed class IdleSource(string name) : ITickSource
    {
        public string Name => name;

        public TickSourceStatistics Statistics { get; } = new();

        public DateTimeOffset? GetWatermark(DateTimeOffset now) => null;

        public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            yield break;
        }
    }
}

/// <summary>
/// Puts the events the workers publish into the dashboard's pipeline in place of what its own stages would compute:
/// the stage drops its input (there is none: the source is idle) and emits every batch read from the events stream,
/// in stream order, to the consumers after it. Redis errors are retried with back-off; reading resumes after the
/// last entry read.
/// </summary>
internal sealed class EventsStage(IConnectionMultiplexer redis, RoleStatus role, ILogger<EventsStage> logger) : IPipelineContributor
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>After the simulator (300), before alerts and metrics (340), live state (350) and the feed (360).</summary>
    public int Order => 330;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStage(_ => Create(role.Options.PollInterval));
        return ValueTask.CompletedTask;
    }

    private IPropagatorBlock<MarketBatch, MarketBatch> Create(TimeSpan poll)
    {
        var output = new BufferBlock<MarketBatch>(new DataflowBlockOptions { BoundedCapacity = 1024 });
        var input = new ActionBlock<MarketBatch>(_ => { });
        var reader = new EventStreamReader(redis, role.Options.Keys, poll);
        role.Events = reader;
        _ = PumpAsync(input.Completion, reader, output);
        return DataflowBlock.Encapsulate(input, output);
    }

    // Reads until the pipeline's input completes (the host stops), then completes the output.
    private async Task PumpAsync(Task inputDone, EventStreamReader reader, BufferBlock<MarketBatch> output)
    {
        using var stop = new CancellationTokenSource();
        var reading = ReadAsync(reader, output, stop.Token);
        await Task.WhenAny(inputDone, reading).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the host.
        }

        output.Complete();
    }

    private async Task ReadAsync(EventStreamReader reader, BufferBlock<MarketBatch> output, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await foreach (var batch in reader.ReadAsync(fromStart: false, cancellationToken).ConfigureAwait(false))
                {
                    await output.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(200);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Internal.Log.EventsReadFailed(logger, ex.Message, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
