namespace QuantPulse.Sources.Alpaca;

/// <summary>Which Alpaca market data stream a source reads.</summary>
public enum AlpacaFeed
{
    /// <summary>US stocks from IEX (<c>v2/iex</c>), the free feed.</summary>
    Iex,

    /// <summary>US stocks from all exchanges (<c>v2/sip</c>), with a paid subscription.</summary>
    Sip,

    /// <summary>Alpaca's test stream (<c>v2/test</c>), always open, with the made-up symbol <c>FAKEPACA</c>.</summary>
    Test,

    /// <summary>Crypto (<c>v1beta3/crypto/us</c>), symbols such as <c>BTC/USD</c>.</summary>
    Crypto,
}
