namespace QuantPulse.Model;

/// <summary>Well-known values of <see cref="Tick.Source"/>.</summary>
public static class TickSources
{
    /// <summary>The built-in simulated market. Its ticks are never real prices.</summary>
    public const string Simulated = "simulated";

    /// <summary>A recorded CSV file replayed through <c>CsvTickSource</c>.</summary>
    public const string Csv = "csv";

    /// <summary>Deriv API v3 (synthetic indices).</summary>
    public const string Deriv = "deriv";

    /// <summary>Binance USD-M futures aggregate trades.</summary>
    public const string Binance = "binance";

    /// <summary>Databento: DBN files replayed and the live gateway.</summary>
    public const string Databento = "databento";

    /// <summary>Alpaca market data (stocks and crypto trades).</summary>
    public const string Alpaca = "alpaca";
}
