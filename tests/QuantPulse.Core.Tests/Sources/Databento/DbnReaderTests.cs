using QuantPulse.Model;
using QuantPulse.Sources.Databento;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Databento;

public class DbnReaderTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_TradesOfBothVersions_MapsSymbolsPricesSidesAndTimes(byte version)
    {
        var bytes = new DbnFileWriter("trades", version) { Dataset = "XNAS.ITCH" }
            .Map("AAPL", 38)
            .Map("MSFT", 7152)
            .Trade(38, T0, 171.25m, 100, 'B')
            .Trade(7152, T0.AddTicks(1), 415.1m, 3, 'A')
            .Trade(38, T0.AddSeconds(1), 171.000000001m, 7, 'N')
            .ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));
        var trades = ReadAll(reader).Select(r => r.Trade).ToList();

        Assert.Equal(version, reader.Metadata.Version);
        Assert.Equal("XNAS.ITCH", reader.Metadata.Dataset);
        Assert.Equal("trades", reader.Metadata.Schema);
        Assert.Equal("raw_symbol", reader.Metadata.STypeIn);
        Assert.Equal(["AAPL", "MSFT"], reader.Metadata.Symbols);
        Assert.Null(reader.Metadata.End);
        Assert.Equal(["AAPL", "MSFT", "AAPL"], trades.Select(t => t.Symbol));
        Assert.Equal([171.25m, 415.1m, 171.000000001m], trades.Select(t => t.Price));
        Assert.Equal("171.25", trades[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([100m, 3m, 7m], trades.Select(t => t.Size));
        Assert.Equal([AggressorSide.Buy, AggressorSide.Sell, AggressorSide.Unknown], trades.Select(t => t.Side));
        Assert.Equal([T0, T0.AddTicks(1), T0.AddSeconds(1)], trades.Select(t => t.Time));
        Assert.All(trades, t => Assert.Equal(TickSources.Databento, t.Source));
    }

    [Fact]
    public void Read_NanosecondTime_TruncatesTo100Nanoseconds()
    {
        var ns = (ulong)DbnFileWriter.Nanos(T0) + 199;
        var bytes = new DbnFileWriter().Map("AAPL", 1).TradeRaw(1, ns, DbnFileWriter.Fixed(1m), 1).ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));

        Assert.Equal(T0.AddTicks(1), Assert.Single(ReadAll(reader)).Trade.Time);
    }

    [Theory]
    [InlineData(0x20, "1s")]
    [InlineData(0x21, "1m")]
    [InlineData(0x22, "1h")]
    [InlineData(0x23, "1d")]
    public void Read_OhlcvRecords_BecomeClosedCandlesOfTheirTimeframe(byte rtype, string timeframe)
    {
        var schema = "ohlcv-" + timeframe;
        var bytes = new DbnFileWriter(schema, 3).Map("ESM4", 5602).Bar(rtype, 5602, T0, 5200.25m, 5201m, 5199.5m, 5200.75m, 1234).ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));
        var bar = Assert.Single(ReadAll(reader)).Bar!;

        Assert.Equal(schema, reader.Metadata.Schema);
        Assert.Equal(new Candle("ESM4", Timeframe.Parse(timeframe), T0, 5200.25m, 5201m, 5199.5m, 5200.75m, 1234m, 0, true), bar);
    }

    [Fact]
    public void Read_UndefinedAndNonPositivePrices_AreInvalidWithAReason()
    {
        var bytes = new DbnFileWriter()
            .Map("AAPL", 1)
            .TradeRaw(1, (ulong)DbnFileWriter.Nanos(T0), DbnFileWriter.UndefinedPrice, 1)
            .TradeRaw(1, (ulong)DbnFileWriter.Nanos(T0), 0, 1)
            .TradeRaw(1, ulong.MaxValue, DbnFileWriter.Fixed(1m), 1)
            .BarRaw(0x21, 1, (ulong)DbnFileWriter.Nanos(T0), 1, DbnFileWriter.UndefinedPrice, 1, 1, 1)
            .ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));
        var records = ReadAll(reader);

        Assert.All(records, r => Assert.Equal(DbnRecordKind.Invalid, r.Kind));
        Assert.Equal(
            [TickRejection.NonPositivePrice, TickRejection.NonPositivePrice, TickRejection.MissingTime, TickRejection.NonPositivePrice],
            records.Select(r => r.Problem));
        Assert.Contains("undefined price", records[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MappingIntervals_ResolveByDateAndUnmappedIdsByNumber()
    {
        var bytes = new DbnFileWriter()
            .Map("OLD", 9, 20240101, 20240304)
            .Map("NEW", 9, 20240304, 20240401)
            .Trade(9, T0.AddDays(-1), 1m, 1)
            .Trade(9, T0, 1m, 1)
            .Trade(77, T0, 1m, 1)
            .ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));

        Assert.Equal(["OLD", "NEW", "77"], ReadAll(reader).Select(r => r.Trade.Symbol));
    }

    [Fact]
    public void Read_LiveRecordsWithTsOut_MapSymbolsAndSkipTheSendTime()
    {
        var bytes = new DbnFileWriter("mixed", 2) { TsOut = true }
            .Message(0x17, "Heartbeat", T0)
            .SymbolMapping(42, "ESM4", T0)
            .Trade(42, T0, 5200.5m, 2)
            .Message(0x15, "Unknown symbol", T0)
            .ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));
        var records = ReadAll(reader);

        Assert.True(reader.Metadata.TsOut);
        Assert.Equal([DbnRecordKind.System, DbnRecordKind.SymbolMapping, DbnRecordKind.Trade, DbnRecordKind.Error], records.Select(r => r.Kind));
        Assert.Equal("Heartbeat", records[0].Text);
        Assert.Equal("ESM4", records[2].Trade.Symbol);
        Assert.Equal(5200.5m, records[2].Trade.Price);
        Assert.Equal("Unknown symbol", records[3].Text);
    }

    [Fact]
    public void Read_RecordOfAnotherSchema_IsOtherAndSkipsItsLength()
    {
        var other = new byte[64];
        other[0] = 16; // 64 bytes
        other[1] = 0xA0; // mbo
        var bytes = new DbnFileWriter().Map("AAPL", 1).Raw(other).Trade(1, T0, 2m, 1).ToArray();

        using var reader = new DbnReader(new MemoryStream(bytes));

        Assert.Equal([DbnRecordKind.Other, DbnRecordKind.Trade], ReadAll(reader).Select(r => r.Kind));
    }

    public static TheoryData<string, byte[]> BadFiles()
    {
        var good = new DbnFileWriter().Map("AAPL", 1).Trade(1, T0, 1m, 1).ToArray();
        var metadata = new DbnFileWriter().Map("AAPL", 1).Metadata();
        var version1 = (byte[])good.Clone();
        version1[3] = 1;
        var zeroLength = new DbnFileWriter().Map("AAPL", 1).Raw([0, 0, 0, 0]).ToArray();
        return new()
        {
            { "the file is empty", [] },
            { "not a DBN file (it does not start with 'DBN')", "time,symbol,price\n"u8.ToArray() },
            { "DBN version 1 is not supported (versions 2 and 3 are)", version1 },
            { "the DBN metadata is truncated", metadata[..60] },
            { "the file ends inside the DBN record", good[..^5] },
            { "has an impossible length of 0 bytes", zeroLength },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_ThrowsInvalidDataWithOneLineReason(string expected, byte[] bytes)
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            using var reader = new DbnReader(new MemoryStream(bytes));
            ReadAll(reader);
        });

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Open_BadFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.dbn");
        File.WriteAllText(path, "hello");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => DbnReader.Open(path));

            Assert.Equal($"cannot read '{path}': not a DBN file (too short for its header)", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<DbnRecord> ReadAll(DbnReader reader)
    {
        var records = new List<DbnRecord>();
        while (reader.Read(out var record))
        {
            records.Add(record);
        }

        return records;
    }
}
