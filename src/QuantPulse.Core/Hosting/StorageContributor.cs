using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Pipeline;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Persists closed candles, signals, trades (and ticks when configured) through a <see cref="SinkBlock"/>.</summary>
internal sealed class StorageContributor(
    IOptions<QuantPulseOptions> options,
    IMarketStoreProvider stores,
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
        builder.WithSink(new SinkBlock(
            store,
            options.Value.Storage.ToSinkOptions(timeProvider),
            loggerFactory.CreateLogger<SinkBlock>()));
    }
}
