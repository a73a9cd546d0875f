namespace QuantPulse.Sources.Databento;

/// <summary>The constants of Databento Binary Encoding (DBN) versions 2 and 3 that the reader and writer share.</summary>
internal static class DbnFormat
{
    /// <summary>Bytes before the metadata: <c>DBN</c>, the version byte and the metadata length (u32).</summary>
    public const int PreludeLength = 8;

    /// <summary>The fixed part of the metadata, up to and including the reserved bytes.</summary>
    public const int MetadataFixedLength = 100;

    /// <summary>The dataset code's fixed-width field.</summary>
    public const int DatasetLength = 16;

    /// <summary>The reserved bytes after <c>symbol_cstr_len</c> in versions 2 and 3.</summary>
    public const int ReservedLength = 53;

    /// <summary>The symbol width of versions 2 and 3.</summary>
    public const int SymbolLength = 71;

    /// <summary>A record header: length (in 4-byte words), rtype, publisher id, instrument id, ts_event.</summary>
    public const int HeaderLength = 16;

    /// <summary>Every record length is counted in words of this many bytes.</summary>
    public const int LengthUnit = 4;

    /// <summary>A trade (<c>TradeMsg</c>, rtype 0x00): header, price, size, action, side, flags, depth, ts_recv, ts_in_delta, sequence.</summary>
    public const int TradeLength = 48;

    /// <summary>An OHLCV bar (<c>OhlcvMsg</c>): header, open, high, low, close, volume.</summary>
    public const int OhlcvLength = 56;

    /// <summary>A symbol mapping (<c>SymbolMappingMsg</c>, versions 2 and 3).</summary>
    public const int SymbolMappingLength = HeaderLength + 1 + SymbolLength + 1 + SymbolLength + 16;

    /// <summary>A system or error message (versions 2 and 3): header and a 320-byte body.</summary>
    public const int SystemLength = 320;

    /// <summary>Fixed-point prices are integers in units of 1e-9.</summary>
    public const decimal PriceScale = 1_000_000_000m;

    /// <summary>A price of <c>i64::MAX</c> is undefined.</summary>
    public const long UndefinedPrice = long.MaxValue;

    /// <summary>A timestamp of <c>u64::MAX</c> is undefined.</summary>
    public const ulong UndefinedTimestamp = ulong.MaxValue;

    /// <summary>The schema field's value for "mixed" (live sessions with several schemas).</summary>
    public const ushort MixedSchema = ushort.MaxValue;

    /// <summary>The <c>stype</c> field's value for "mixed".</summary>
    public const byte MixedSType = byte.MaxValue;

    public const byte RTypeTrade = 0x00;
    public const byte RTypeError = 0x15;
    public const byte RTypeSymbolMapping = 0x16;
    public const byte RTypeSystem = 0x17;
    public const byte RTypeOhlcv1S = 0x20;
    public const byte RTypeOhlcv1M = 0x21;
    public const byte RTypeOhlcv1H = 0x22;
    public const byte RTypeOhlcv1D = 0x23;

    /// <summary>The schema names, by their DBN id (<c>Schema</c> enum).</summary>
    private static readonly string[] SchemaNames =
    [
        "mbo", "mbp-1", "mbp-10", "tbbo", "trades", "ohlcv-1s", "ohlcv-1m", "ohlcv-1h", "ohlcv-1d", "definition",
        "statistics", "status", "imbalance", "ohlcv-eod", "cmbp-1", "cbbo-1s", "cbbo-1m", "tcbbo", "bbo-1s", "bbo-1m",
    ];

    /// <summary>The symbology type names, by their DBN id (<c>SType</c> enum).</summary>
    private static readonly string[] STypeNames =
    [
        "instrument_id", "raw_symbol", "smart", "continuous", "parent", "nasdaq_symbol", "cms_symbol", "isin",
        "us_code", "bbg_comp_id", "bbg_comp_ticker", "figi", "figi_ticker",
    ];

    public static string SchemaName(ushort id) =>
        id == MixedSchema ? "mixed" : id < SchemaNames.Length ? SchemaNames[id] : "schema " + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ushort SchemaId(string name)
    {
        var index = Array.IndexOf(SchemaNames, name);
        return index < 0 ? MixedSchema : (ushort)index;
    }

    public static string STypeName(byte id) =>
        id == MixedSType ? "mixed" : id < STypeNames.Length ? STypeNames[id] : "stype " + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static byte STypeId(string name)
    {
        var index = Array.IndexOf(STypeNames, name);
        return index < 0 ? MixedSType : (byte)index;
    }
}
