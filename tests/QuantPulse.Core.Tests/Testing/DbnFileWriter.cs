using System.Buffers.Binary;
using System.Text;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// Writes DBN (Databento Binary Encoding) version 2 or 3 following the published layout: the prelude (<c>DBN</c>,
/// version, metadata length), the 100-byte fixed metadata, the symbol lists and mapping intervals (padded to a
/// multiple of 8 bytes), then little-endian records whose first byte is their length in 4-byte words. The data it
/// writes is made up by the tests that call it.
/// </summary>
public sealed class DbnFileWriter
{
    public const int SymbolLength = 71;
    public const long UndefinedPrice = long.MaxValue;

    private readonly List<byte> _records = [];
    private readonly List<(string Raw, uint InstrumentId, int StartDate, int EndDate)> _mappings = [];
    private readonly List<string> _symbols = [];

    public DbnFileWriter(string schema = "trades", byte version = 2)
    {
        Schema = schema;
        Version = version;
    }

    public string Schema { get; }

    public byte Version { get; }

    public string Dataset { get; init; } = "XNAS.ITCH";

    public string STypeIn { get; init; } = "raw_symbol";

    public bool TsOut { get; init; }

    /// <summary>Adds a metadata mapping: <paramref name="raw"/> is instrument <paramref name="instrumentId"/> on <c>[start, end)</c> (YYYYMMDD).</summary>
    public DbnFileWriter Map(string raw, uint instrumentId, int startDate = 20240101, int endDate = 20300101)
    {
        _mappings.Add((raw, instrumentId, startDate, endDate));
        if (!_symbols.Contains(raw))
        {
            _symbols.Add(raw);
        }

        return this;
    }

    public static long Nanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static long Fixed(decimal price) => (long)(price * 1_000_000_000m);

    public DbnFileWriter Trade(uint instrumentId, DateTimeOffset time, decimal price, uint size, char side = 'B') =>
        TradeRaw(instrumentId, (ulong)Nanos(time), Fixed(price), size, side);

    public DbnFileWriter TradeRaw(uint instrumentId, ulong tsEvent, long price, uint size, char side = 'B')
    {
        var body = Record(48, 0x00, instrumentId, tsEvent);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(16), price);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(24), size);
        body[28] = (byte)'T';
        body[29] = (byte)side;
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(32), tsEvent + 1000);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(40), 150);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(44), (uint)_records.Count);
        return Append(body);
    }

    /// <summary>An OHLCV bar; <paramref name="rtype"/> 0x20 (1s), 0x21 (1m), 0x22 (1h) or 0x23 (1d).</summary>
    public DbnFileWriter Bar(byte rtype, uint instrumentId, DateTimeOffset open, decimal o, decimal h, decimal l, decimal c, ulong volume) =>
        BarRaw(rtype, instrumentId, (ulong)Nanos(open), Fixed(o), Fixed(h), Fixed(l), Fixed(c), volume);

    public DbnFileWriter BarRaw(byte rtype, uint instrumentId, ulong tsEvent, long o, long h, long l, long c, ulong volume)
    {
        var body = Record(56, rtype, instrumentId, tsEvent);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(16), o);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(24), h);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(32), l);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(40), c);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(48), volume);
        return Append(body);
    }

    /// <summary>A symbol-mapping record (live streams): <paramref name="instrumentId"/> is <paramref name="symbol"/>.</summary>
    public DbnFileWriter SymbolMapping(uint instrumentId, string symbol, DateTimeOffset time)
    {
        var body = Record(16 + 1 + SymbolLength + 1 + SymbolLength + 16, 0x16, instrumentId, (ulong)Nanos(time));
        body[16] = 1; // raw_symbol
        Encoding.ASCII.GetBytes(symbol).CopyTo(body.AsSpan(17));
        body[17 + SymbolLength] = 0; // instrument_id
        Encoding.ASCII.GetBytes(instrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture)).CopyTo(body.AsSpan(18 + SymbolLength));
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(160), (ulong)Nanos(time));
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(168), ulong.MaxValue);
        return Append(body);
    }

    /// <summary>A system (0x17, heartbeats) or error (0x15) message.</summary>
    public DbnFileWriter Message(byte rtype, string text, DateTimeOffset time)
    {
        var body = Record(320, rtype, 0, (ulong)Nanos(time));
        Encoding.ASCII.GetBytes(text).CopyTo(body.AsSpan(16));
        return Append(body);
    }

    /// <summary>Appends raw bytes (a broken record, say) after the records written so far.</summary>
    public DbnFileWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _records.AddRange(bytes);
        return this;
    }

    public byte[] Metadata()
    {
        var meta = new List<byte>();
        var dataset = new byte[16];
        Encoding.ASCII.GetBytes(Dataset).CopyTo(dataset, 0);
        meta.AddRange(dataset);
        meta.AddRange(U16(Schema == "mixed" ? ushort.MaxValue : SchemaId(Schema)));
        meta.AddRange(U64(1_704_067_200_000_000_000)); // start 2024-01-01
        meta.AddRange(U64(ulong.MaxValue)); // end undefined
        meta.AddRange(U64(0)); // limit
        meta.Add(STypeIn == "raw_symbol" ? (byte)1 : STypeIn == "parent" ? (byte)4 : (byte)0);
        meta.Add(0); // stype_out instrument_id
        meta.Add(TsOut ? (byte)1 : (byte)0);
        meta.AddRange(U16(SymbolLength));
        meta.AddRange(new byte[53]);
        meta.AddRange(U32(0)); // schema_definition_length
        meta.AddRange(U32((uint)_symbols.Count));
        foreach (var symbol in _symbols)
        {
            meta.AddRange(Symbol(symbol));
        }

        meta.AddRange(U32(0)); // partial
        meta.AddRange(U32(0)); // not_found
        var byRaw = _mappings.GroupBy(m => m.Raw).ToList();
        meta.AddRange(U32((uint)byRaw.Count));
        foreach (var group in byRaw)
        {
            meta.AddRange(Symbol(group.Key));
            meta.AddRange(U32((uint)group.Count()));
            foreach (var mapping in group)
            {
                meta.AddRange(U32((uint)mapping.StartDate));
                meta.AddRange(U32((uint)mapping.EndDate));
                meta.AddRange(Symbol(mapping.InstrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        while ((meta.Count + 8) % 8 != 0)
        {
            meta.Add(0);
        }

        var prelude = new List<byte> { (byte)'D', (byte)'B', (byte)'N', Version };
        prelude.AddRange(U32((uint)meta.Count));
        return [.. prelude, .. meta];
    }

    public byte[] ToArray() => [.. Metadata(), .. _records];

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    /// <summary>
    /// The file zstd-compressed (ZstdSharp, level 3, with content checksums as the zstd command line writes them) in
    /// <paramref name="frames"/> concatenated frames, split at equal byte counts (inside records, not at their edges).
    /// </summary>
    public byte[] ToZstd(int frames = 1) => Zstd(ToArray(), frames);

    public string WriteZstdTo(string path, int frames = 1)
    {
        File.WriteAllBytes(path, ToZstd(frames));
        return path;
    }

    public static byte[] Zstd(byte[] bytes, int frames = 1)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        if (bytes.Length == 0)
        {
            return compressor.Wrap([]).ToArray();
        }

        var output = new List<byte>();
        var step = (bytes.Length + frames - 1) / frames;
        for (var start = 0; start < bytes.Length; start += step)
        {
            output.AddRange(compressor.Wrap(bytes.AsSpan(start, Math.Min(step, bytes.Length - start))).ToArray());
        }

        return [.. output];
    }

    private static ushort SchemaId(string schema) => schema switch
    {
        "mbo" => 0,
        "mbp-1" => 1,
        "trades" => 4,
        "ohlcv-1s" => 5,
        "ohlcv-1m" => 6,
        "ohlcv-1h" => 7,
        "ohlcv-1d" => 8,
        "definition" => 9,
        _ => throw new ArgumentException("unknown schema " + schema, nameof(schema)),
    };

    private byte[] Record(int length, byte rtype, uint instrumentId, ulong tsEvent)
    {
        var total = length + (TsOut ? 8 : 0);
        var body = new byte[total];
        body[0] = (byte)(total / 4);
        body[1] = rtype;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), 2); // publisher
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), instrumentId);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(8), tsEvent);
        if (TsOut)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(length), tsEvent + 5000);
        }

        return body;
    }

    private DbnFileWriter Append(byte[] record)
    {
        _records.AddRange(record);
        return this;
    }

    private static byte[] Symbol(string symbol)
    {
        var bytes = new byte[SymbolLength];
        Encoding.ASCII.GetBytes(symbol).CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
