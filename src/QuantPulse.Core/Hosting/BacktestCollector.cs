using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>Keeps a replay's signals and the last state of each of its trades, in open order.</summary>
internal sealed class BacktestCollector
{
    private readonly List<Trade> _trades = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Signal> _signals = [];

    public IReadOnlyList<Trade> Trades => _trades;

    public IReadOnlyList<Signal> Signals => _signals;

    public void Collect(MarketBatch batch)
    {
        foreach (var raised in batch.Signals)
        {
            _signals.Add(raised.Signal);
        }

        foreach (var trade in batch.Trades)
        {
            if (_index.TryGetValue(trade.Trade.Id, out var i))
            {
                _trades[i] = trade.Trade;
            }
            else
            {
                _index.Add(trade.Trade.Id, _trades.Count);
                _trades.Add(trade.Trade);
            }
        }
    }
}
