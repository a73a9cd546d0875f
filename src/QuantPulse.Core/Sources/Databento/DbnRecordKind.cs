namespace QuantPulse.Sources.Databento;

/// <summary>What a <see cref="DbnRecord"/> holds.</summary>
public enum DbnRecordKind
{
    /// <summary>A trade (<c>trades</c> schema): <see cref="DbnRecord.Trade"/>.</summary>
    Trade,

    /// <summary>An OHLCV bar (<c>ohlcv-1s</c>, <c>-1m</c>, <c>-1h</c>, <c>-1d</c>): <see cref="DbnRecord.Bar"/>.</summary>
    Bar,

    /// <summary>A symbol mapping of a live stream (instrument id → symbol), applied to later records.</summary>
    SymbolMapping,

    /// <summary>A system message of a live gateway (heartbeats, subscription acknowledgements): <see cref="DbnRecord.Text"/>.</summary>
    System,

    /// <summary>An error message of a live gateway: <see cref="DbnRecord.Text"/>.</summary>
    Error,

    /// <summary>A record of a schema this reader does not turn into ticks or bars (skipped).</summary>
    Other,

    /// <summary>A trade or bar that cannot be used (undefined price or time, a non-positive price): <see cref="DbnRecord.Text"/> says why.</summary>
    Invalid,
}
