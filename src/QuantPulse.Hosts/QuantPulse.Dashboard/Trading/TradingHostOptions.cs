namespace QuantPulse.Dashboard.Trading;

/// <summary>The terminal's broker, bound from <c>QuantPulse:Trading</c> (docs/trading.md).</summary>
public sealed class TradingHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QuantPulse:Trading";

    /// <summary><c>paper</c> (the default) or <c>alpaca</c>.</summary>
    public string Broker { get; set; } = "paper";

    /// <summary>The paper account's starting cash.</summary>
    public decimal InitialCash { get; set; } = 100_000m;

    /// <summary>Paper fee per order.</summary>
    public decimal FeePerOrder { get; set; }

    /// <summary>Paper fee per unit filled.</summary>
    public decimal FeePerShare { get; set; }

    /// <summary>Paper fee in basis points of the notional.</summary>
    public decimal FeeBasisPoints { get; set; }

    /// <summary>Paper slippage as a fixed price distance.</summary>
    public decimal SlippageDistance { get; set; }

    /// <summary>Paper slippage in basis points of the price.</summary>
    public decimal SlippageBasisPoints { get; set; }

    /// <summary>Risk: the largest absolute position; null for none.</summary>
    public decimal? MaxPositionSize { get; set; }

    /// <summary>Risk: the largest notional of one order; null for none.</summary>
    public decimal? MaxNotional { get; set; }

    /// <summary>Risk: the most open orders; null for none.</summary>
    public int? MaxOpenOrders { get; set; }

    /// <summary>Risk: the symbols orders may name; empty for all.</summary>
    public List<string> AllowedSymbols { get; } = [];

    /// <summary>Risk: orders are refused when the symbol had no tick for this many seconds.</summary>
    public double StaleAfterSeconds { get; set; } = 30;

    /// <summary>Alpaca's trading API base URL.</summary>
    public Uri AlpacaTradingBaseUrl { get; set; } = new("https://paper-api.alpaca.markets");

    /// <summary>Alpaca's <c>trade_updates</c> stream.</summary>
    public Uri AlpacaStreamUrl { get; set; } = new("wss://paper-api.alpaca.markets/stream");
}
