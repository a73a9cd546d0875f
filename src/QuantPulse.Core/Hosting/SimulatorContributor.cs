using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Simulation;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// Adds the simulator when strategies are configured; open trades stored by an earlier run keep being watched,
/// except those whose symbol no configured source streams any more, which are closed as expired at start-up.
/// </summary>
internal sealed class SimulatorContributor(
    IOptions<QuantPulseOptions> options,
    IMarketStoreProvider stores,
    IEnumerable<ITickSourceFactory> sources,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IPipelineContributor
{
    public int Order => 300;

    public async ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Strategies.Count == 0 || !value.Simulator.Enabled)
        {
            return;
        }

        IReadOnlyList<Trade> open = [];
        if (stores.IsEnabled)
        {
            var store = await stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
            open = await store.Trades.GetOpenTradesAsync(cancellationToken).ConfigureAwait(false);
            open = await CloseOrphansAsync(store, open, value, cancellationToken).ConfigureAwait(false);
        }

        builder.WithSimulator(value.Simulator.ToSimulatorOptions(value.Pipeline.BoundedCapacity), open);
    }

    // A trade whose symbol gets no ticks any more would otherwise wait for the clock, or for ever without an expiry.
    private async Task<IReadOnlyList<Trade>> CloseOrphansAsync(
        IMarketStore store, IReadOnlyList<Trade> open, QuantPulseOptions value, CancellationToken cancellationToken)
    {
        if (sources.KnownSymbols() is not { } symbols || open.All(t => symbols.Contains(t.Asset)))
        {
            return open;
        }

        var logger = loggerFactory.CreateLogger<SimulatorContributor>();
        var now = timeProvider.GetUtcNow();
        var timeframes = value.Candles.Timeframes.Select(Timeframe.Parse).ToArray();
        var closed = new List<Trade>();
        foreach (var trade in open.Where(t => !symbols.Contains(t.Asset)))
        {
            var expiry = value.Simulator.Expiry is { } span && trade.OpenTime < now - span ? trade.OpenTime + span : now;
            var known = await LastKnownPrices.ReadAsync(store, [trade.Asset], timeframes, trade.Asset, cancellationToken).ConfigureAwait(false);
            var price = known is [var last] && last.Time <= expiry && last.Time >= trade.OpenTime ? last.Price : trade.EntryPrice;
            var expired = TradeSimulator.Expire(trade, expiry < trade.OpenTime ? trade.OpenTime : expiry, price);
            Simulation.Log.OrphanTradeExpired(logger, trade.Id, trade.Asset, expired.CloseTime!.Value, price);
            closed.Add(expired);
        }

        await store.Trades.UpsertAsync(closed, cancellationToken).ConfigureAwait(false);
        return [.. open.Where(t => symbols.Contains(t.Asset))];
    }
}
