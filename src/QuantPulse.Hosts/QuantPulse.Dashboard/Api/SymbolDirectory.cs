using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Api;

/// <summary>The symbols the host knows: the configured ones and every one a source has delivered.</summary>
internal sealed class SymbolDirectory(LiveMarketState state, SourceMonitor sources, CandleUploads uploads)
{
    /// <summary>Every known symbol with its source kind, in symbol order.</summary>
    public IReadOnlyList<SymbolDto> List()
    {
        var prices = state.GetPrices().ToDictionary(p => p.Symbol, StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (symbol, kind) in sources.GetConfiguredSymbols())
        {
            kinds[symbol] = kind;
        }

        foreach (var price in prices.Values)
        {
            kinds[price.Symbol] = price.Source;
        }

        var reports = sources.GetSources();
        return [.. kinds.Select(k =>
        {
            prices.TryGetValue(k.Key, out var last);
            var report = reports.FirstOrDefault(r => string.Equals(r.Kind, k.Value, StringComparison.Ordinal));
            var simulated = string.Equals(k.Value, Model.TickSources.Simulated, StringComparison.Ordinal);
            return new SymbolDto(k.Key, k.Value, simulated, last?.Price, last?.Time, ApiText.Of(report?.State ?? SourceState.Connecting));
        })];
    }

    /// <summary>Whether the host knows the symbol (configured, seen live, or uploaded since the start).</summary>
    public bool IsKnown(string symbol) =>
        state.GetPrice(symbol) is not null || sources.GetConfiguredSymbols().ContainsKey(symbol) || uploads.WasUploaded(symbol);
}
