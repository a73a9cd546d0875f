using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// The symbols the host knows: the configured ones, every one a source has delivered, and those with uploaded candles
/// (source <c>upload</c>: stored data, neither simulated nor live).
/// </summary>
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

        foreach (var symbol in uploads.Symbols)
        {
            kinds.TryAdd(symbol, Storage.CandleUpload.Source);
        }

        var reports = sources.GetSources();
        return [.. kinds.Select(k =>
        {
            if (string.Equals(k.Value, Storage.CandleUpload.Source, StringComparison.Ordinal))
            {
                return new SymbolDto(k.Key, k.Value, Simulated: false, null, null, "stored");
            }

            prices.TryGetValue(k.Key, out var last);
            var report = reports.FirstOrDefault(r => string.Equals(r.Kind, k.Value, StringComparison.Ordinal));
            var simulated = string.Equals(k.Value, Model.TickSources.Simulated, StringComparison.Ordinal);
            return new SymbolDto(k.Key, k.Value, simulated, last?.Price, last?.Time, ApiText.Of(report?.State ?? SourceState.Connecting));
        })];
    }

    /// <summary>Whether the host knows the symbol (configured, seen live, or with uploaded candles).</summary>
    public bool IsKnown(string symbol) =>
        state.GetPrice(symbol) is not null || sources.GetConfiguredSymbols().ContainsKey(symbol) || uploads.WasUploaded(symbol);
}
