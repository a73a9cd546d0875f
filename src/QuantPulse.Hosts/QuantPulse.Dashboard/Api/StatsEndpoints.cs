using QuantPulse.Dashboard.Feed;
using QuantPulse.Hosting;
using QuantPulse.Storage;

namespace QuantPulse.Dashboard.Api;

/// <summary><c>GET /api/stats</c>: the running counters of the pipeline, the feed and the sources.</summary>
internal static class StatsEndpoints
{
    public static RouteGroupBuilder MapStatsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", (LiveMarketState state, SourceMonitor sources, QuantPulseRuntime runtime, UpdateFeed feed, Microsoft.Extensions.Options.IOptions<QuantPulseOptions> options) =>
            {
                var counters = state.GetCounters();
                var sink = runtime.Pipeline?.Sinks.OfType<SinkBlock>().FirstOrDefault();
                var storage = options.Value.Storage;
                return TypedResults.Ok(new StatsDto(
                    Math.Round(counters.Uptime.TotalSeconds, 3),
                    counters.Ticks,
                    Math.Round(counters.TicksPerSecond, 3),
                    counters.CandlesClosed,
                    counters.Signals,
                    counters.TradesOpen,
                    counters.TradesClosed,
                    feed.ClientCount,
                    new StorageDto(storage.Enabled ? ApiText.Of(storage.Provider) : "none", sink?.Statistics.Backlog ?? 0),
                    [.. sources.GetSources().Select(SourceDto.From)]));
            })
            .WithSummary("Uptime, throughput, counters, storage backlog and every source's state.");
        return api;
    }
}
