using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using QuantPulse.Model;

namespace QuantPulse.Sources.Databento;

/// <summary>
/// Decodes DBN (versions 2 and 3) from byte spans: the metadata body and single records. Everything is
/// little-endian; every read is bounds-checked, and a short or inconsistent input is an
/// <see cref="InvalidDataException"/> with a one-line reason.
/// </summary>
internal static class DbnDecoder
{
    /// <summary>Checks the 8-byte prelude; returns the version and the metadata body length.</summary>
    public static (int Version, int Length) ReadPrelude(ReadOnlySpan<byte> prelude)
    {
        if (prelude.Length < DbnFormat.PreludeLength || prelude[0] != (byte)'D' || prelude[1] != (byte)'B' || prelude[2] != (byte)'N')
        {
            throw new InvalidDataException("not a DBN file (it does not start with 'DBN')");
        }

        int version = prelude[3];
        if (version is not (2 or 3))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"DBN version {version} is not supported (versions 2 and 3 are)"));
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(prelude[4..]);
        if (length < DbnFormat.MetadataFixedLength + 4 || length > 64 * 1024 * 1024)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the DBN metadata length {length} is impossible"));
        }

        return (version, (int)length);
    }

    /// <summary>Decodes the metadata body (after the prelude) and fills <paramref name="symbols"/> from its mappings.</summary>
    public static DbnMetadata ReadMetadata(int version, ReadOnlySpan<byte> body, DbnSymbolMap symbols, out int symbolLength)
    {
        var cursor = new Cursor(body);
        var dataset = cursor.CString(DbnFormat.DatasetLength);
        var schema = cursor.U16();
        var start = cursor.U64();
        var end = cursor.U64();
        cursor.U64(); // limit
        var stypeIn = cursor.U8();
        var stypeOut = cursor.U8();
        var tsOut = cursor.U8() != 0;
        symbolLength = cursor.U16();
        if (symbolLength is < 1 or > 1024)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the DBN symbol length {symbolLength} is impossible"));
        }

        cursor.Skip(DbnFormat.ReservedLength);
        var schemaDefinition = cursor.U32();
        if (schemaDefinition != 0)
        {
            throw new InvalidDataException("the DBN metadata holds a schema definition, which no published version uses");
        }

        var list = new List<string>();
        ReadSymbols(ref cursor, symbolLength, list); // symbols
        ReadSymbols(ref cursor, symbolLength, null); // partial
        ReadSymbols(ref cursor, symbolLength, null); // not_found
        var mappings = cursor.Count(symbolLength + 4);
        for (var i = 0; i < mappings; i++)
        {
            var raw = cursor.CString(symbolLength);
            var intervals = cursor.Count(8 + symbolLength);
            for (var j = 0; j < intervals; j++)
            {
                var startDate = (int)cursor.U32();
                var endDate = (int)cursor.U32();
                var mapped = cursor.CString(symbolLength);
                if (uint.TryParse(mapped, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    symbols.AddInterval(id, startDate, endDate, raw);
                }
            }
        }

        return new DbnMetadata(
            version,
            dataset,
            DbnFormat.SchemaName(schema),
            ToTime(start),
            ToTime(end),
            DbnFormat.STypeName(stypeIn),
            DbnFormat.STypeName(stypeOut),
            tsOut,
            list);
    }

    /// <summary>Decodes one whole record (its header included).</summary>
    public static DbnRecord ReadRecord(ReadOnlySpan<byte> record, int symbolLength, DbnSymbolMap symbols, string source)
    {
        var rtype = record[1];
        var instrumentId = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        var tsEvent = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        switch (rtype)
        {
            case DbnFormat.RTypeTrade:
                return ReadTrade(record, instrumentId, tsEvent, symbols, source);
            case >= DbnFormat.RTypeOhlcv1S and <= DbnFormat.RTypeOhlcv1D:
                return ReadBar(record, instrumentId, tsEvent, symbols);
            case DbnFormat.RTypeSymbolMapping:
                var mappingLength = DbnFormat.HeaderLength + 1 + symbolLength + 1 + symbolLength + 16;
                if (record.Length < mappingLength)
                {
                    return Invalid(rtype, instrumentId, TickRejection.Malformed, ShortRecord("symbol mapping", record.Length, mappingLength));
                }

                var symbol = CString(record.Slice(DbnFormat.HeaderLength + 1, symbolLength));
                symbols.Set(instrumentId, symbol);
                return new DbnRecord(DbnRecordKind.SymbolMapping, rtype, instrumentId, (long)tsEvent, default, null, symbol, TickRejection.None);
            case DbnFormat.RTypeSystem or DbnFormat.RTypeError:
                var text = CString(record[DbnFormat.HeaderLength..]);
                return new DbnRecord(rtype == DbnFormat.RTypeSystem ? DbnRecordKind.System : DbnRecordKind.Error, rtype, instrumentId, (long)tsEvent, default, null, text, TickRejection.None);
            default:
                return new DbnRecord(DbnRecordKind.Other, rtype, instrumentId, (long)tsEvent, default, null, null, TickRejection.None);
        }
    }

    /// <summary>A nanosecond UNIX time as an instant (100 ns resolution); null when undefined or out of range.</summary>
    public static DateTimeOffset? ToTime(ulong nanoseconds)
    {
        if (nanoseconds == DbnFormat.UndefinedTimestamp)
        {
            return null;
        }

        var ticks = nanoseconds / 100;
        return ticks <= (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)ticks)
            : null;
    }

    /// <summary>A fixed-point price (units of 1e-9) as an exact decimal without trailing zeros.</summary>
    public static decimal ToPrice(long raw) => (raw / DbnFormat.PriceScale) / 1.000000000000000000000000000000000m;

    private static DbnRecord ReadTrade(ReadOnlySpan<byte> record, uint instrumentId, ulong tsEvent, DbnSymbolMap symbols, string source)
    {
        if (record.Length < DbnFormat.TradeLength)
        {
            return Invalid(DbnFormat.RTypeTrade, instrumentId, TickRejection.Malformed, ShortRecord("trade", record.Length, DbnFormat.TradeLength));
        }

        var raw = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(record[24..]);
        var side = record[29];
        if (ToTime(tsEvent) is not { } time)
        {
            return Invalid(DbnFormat.RTypeTrade, instrumentId, TickRejection.MissingTime, string.Create(CultureInfo.InvariantCulture, $"instrument {instrumentId}: trade with an undefined ts_event"));
        }

        var symbol = symbols.Resolve(instrumentId, time);
        if (raw == DbnFormat.UndefinedPrice || raw <= 0)
        {
            return Invalid(
                DbnFormat.RTypeTrade,
                instrumentId,
                TickRejection.NonPositivePrice,
                raw == DbnFormat.UndefinedPrice ? $"{symbol} at {time:O}: trade with an undefined price" : $"{symbol} at {time:O}: trade price {ToPrice(raw)} is not positive");
        }

        var tick = new Tick(symbol, time, ToPrice(raw), size, source)
        {
            Side = side switch
            {
                (byte)'B' => AggressorSide.Buy,
                (byte)'A' => AggressorSide.Sell,
                _ => AggressorSide.Unknown,
            },
        };
        return new DbnRecord(DbnRecordKind.Trade, DbnFormat.RTypeTrade, instrumentId, (long)tsEvent, tick, null, null, TickRejection.None);
    }

    private static DbnRecord ReadBar(ReadOnlySpan<byte> record, uint instrumentId, ulong tsEvent, DbnSymbolMap symbols)
    {
        var rtype = record[1];
        if (record.Length < DbnFormat.OhlcvLength)
        {
            return Invalid(rtype, instrumentId, TickRejection.Malformed, ShortRecord("bar", record.Length, DbnFormat.OhlcvLength));
        }

        var timeframe = rtype switch
        {
            DbnFormat.RTypeOhlcv1S => Timeframe.OneSecond,
            DbnFormat.RTypeOhlcv1M => Timeframe.OneMinute,
            DbnFormat.RTypeOhlcv1H => Timeframe.OneHour,
            _ => Timeframe.OneDay,
        };
        if (ToTime(tsEvent) is not { } time)
        {
            return Invalid(rtype, instrumentId, TickRejection.MissingTime, string.Create(CultureInfo.InvariantCulture, $"instrument {instrumentId}: bar with an undefined ts_event"));
        }

        var symbol = symbols.Resolve(instrumentId, time);
        Span<long> prices = stackalloc long[4];
        for (var i = 0; i < 4; i++)
        {
            prices[i] = BinaryPrimitives.ReadInt64LittleEndian(record[(16 + (8 * i))..]);
            if (prices[i] == DbnFormat.UndefinedPrice || prices[i] <= 0)
            {
                return Invalid(rtype, instrumentId, TickRejection.NonPositivePrice, $"{symbol} {timeframe} bar at {time:O}: an undefined or non-positive price");
            }
        }

        var volume = BinaryPrimitives.ReadUInt64LittleEndian(record[48..]);
        var bar = new Candle(
            symbol, timeframe, time, ToPrice(prices[0]), ToPrice(prices[1]), ToPrice(prices[2]), ToPrice(prices[3]), volume, 0, IsClosed: true);
        return new DbnRecord(DbnRecordKind.Bar, rtype, instrumentId, (long)tsEvent, default, bar, null, TickRejection.None);
    }

    private static DbnRecord Invalid(byte rtype, uint instrumentId, TickRejection problem, string reason) =>
        new(DbnRecordKind.Invalid, rtype, instrumentId, 0, default, null, reason, problem);

    private static string ShortRecord(string what, int length, int needed) =>
        string.Create(CultureInfo.InvariantCulture, $"a {what} record of {length} bytes (at least {needed} expected)");

    private static void ReadSymbols(ref Cursor cursor, int symbolLength, List<string>? into)
    {
        var count = cursor.Count(symbolLength);
        for (var i = 0; i < count; i++)
        {
            var symbol = cursor.CString(symbolLength);
            into?.Add(symbol);
        }
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>A bounds-checked reader over the metadata body.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public byte U8() => Take(1)[0];

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public void Skip(int length) => Take(length);

        public string CString(int length) => DbnDecoder.CString(Take(length));

        /// <summary>A repeat count, checked against the bytes left (each item at least <paramref name="itemLength"/>).</summary>
        public int Count(int itemLength)
        {
            var count = U32();
            if (count > (uint)((_data.Length - _position) / Math.Max(itemLength, 1)))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the DBN metadata is truncated: {count} entries announced at byte {_position + DbnFormat.PreludeLength - 4}"));
            }

            return (int)count;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (_data.Length - _position < length)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the DBN metadata is truncated at byte {_position + DbnFormat.PreludeLength}"));
            }

            var span = _data.Slice(_position, length);
            _position += length;
            return span;
        }
    }
}
