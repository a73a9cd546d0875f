using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Pipeline;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// Persists closed candles, signals, trades (and ticks when configured) through a <see cref="SinkBlock"/>, as one
/// recorded run per start.
/// </summary>
internal sealed class StorageContributor(
    IOptions<QuantPulseOptions> options,
    IMarketStoreProvider stores,
    IEnumerable<ITickSourceFactory> sources,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IPipelineContributor
{
    public int Order => 400;

    public async ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        if (!stores.IsEnabled)
        {
            return;
        }

        var store = await stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);

        // Each start is a run of its own; its rows share IDs with the earlier starts so open trades carry over.
        var run = LiveRun.Describe(options.Value, sources, timeProvider.GetUtcNow());
        await store.Runs.StartAsync(run, cancellationToken).ConfigureAwait(false);
        var logger = loggerFactory.CreateLogger<SinkBlock>();
        Storage.Log.RunStarted(logger, run.Id, run.Command, run.Parameters);
        var sink = new SinkBlock(store.ForRun(run.Id, RunScope.Shared), options.Value.Storage.ToSinkOptions(timeProvider), logger);
        builder.WithSink(new RunRecordingTarget(sink, store.Runs, run.Id, timeProvider, logger));
    }
}
