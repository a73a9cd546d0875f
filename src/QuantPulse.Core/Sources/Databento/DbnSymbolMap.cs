using System.Globalization;

namespace QuantPulse.Sources.Databento;

/// <summary>
/// Instrument id → symbol, from the metadata's mapping intervals (by UTC date, <c>[start_date, end_date)</c>) and
/// from symbol-mapping records (live streams), the latter winning for the rest of the stream.
/// </summary>
internal sealed class DbnSymbolMap
{
    private readonly Dictionary<uint, List<(int Start, int End, string Symbol)>> _intervals = [];
    private readonly Dictionary<uint, string> _live = [];
    private readonly Dictionary<uint, string> _fallback = [];

    public int Count => _intervals.Count + _live.Count;

    public void AddInterval(uint instrumentId, int startDate, int endDate, string symbol)
    {
        if (!_intervals.TryGetValue(instrumentId, out var list))
        {
            _intervals[instrumentId] = list = [];
        }

        list.Add((startDate, endDate, symbol));
    }

    public void Set(uint instrumentId, string symbol) => _live[instrumentId] = symbol;

    /// <summary>The symbol of <paramref name="instrumentId"/> on the UTC date of <paramref name="time"/>; the id itself when unmapped.</summary>
    public string Resolve(uint instrumentId, DateTimeOffset time)
    {
        if (_live.TryGetValue(instrumentId, out var symbol))
        {
            return symbol;
        }

        if (_intervals.TryGetValue(instrumentId, out var list))
        {
            var date = (time.Year * 10_000) + (time.Month * 100) + time.Day;
            foreach (var (start, end, mapped) in list)
            {
                if (date >= start && date < end)
                {
                    return mapped;
                }
            }

            // Outside every interval, an id that only ever meant one symbol still means it.
            if (list.TrueForAll(i => string.Equals(i.Symbol, list[0].Symbol, StringComparison.Ordinal)))
            {
                return list[0].Symbol;
            }
        }

        if (!_fallback.TryGetValue(instrumentId, out symbol))
        {
            _fallback[instrumentId] = symbol = instrumentId.ToString(CultureInfo.InvariantCulture);
        }

        return symbol;
    }
}
