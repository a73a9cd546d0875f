using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>One write of a <see cref="SinkBlock"/>: the items taken from the buffer, grouped by table.</summary>
/// <remarks>
/// Tables are written in the order candles, signals, trades, ticks, so a trade's signal is stored no later than
/// the trade. Each table whose write succeeded is marked done, so a retry resumes with the table that failed and
/// never writes the ticks of a chunk twice.
/// </remarks>
internal sealed class SinkChunk
{
    private readonly Dictionary<string, int> _tradeIndex = new(StringComparer.Ordinal);

    public List<Candle> Candles { get; } = [];

    public List<Signal> Signals { get; } = [];

    /// <summary>One row per trade id: the latest state seen in this chunk (a close supersedes an open).</summary>
    public List<Trade> Trades { get; } = [];

    public ReadOnlyMemory<Tick> Ticks { get; set; }

    public bool CandlesDone { get; set; }

    public bool SignalsDone { get; set; }

    public bool TradesDone { get; set; }

    public bool TicksDone { get; set; }

    public void AddTrade(Trade trade)
    {
        if (_tradeIndex.TryGetValue(trade.Id, out var index))
        {
            // A closed trade is final; events arrive in order, but an open must never replace a close.
            if (Trades[index].IsOpen || !trade.IsOpen)
            {
                Trades[index] = trade;
            }

            return;
        }

        _tradeIndex.Add(trade.Id, Trades.Count);
        Trades.Add(trade);
    }
}
