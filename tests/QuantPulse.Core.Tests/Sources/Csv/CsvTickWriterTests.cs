using System.Globalization;
using System.Text;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvTickWriterTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Write_Ticks_WritesReplayFormat()
    {
        var text = new StringWriter();
        using (var writer = new CsvTickWriter(text))
        {
            writer.Write(new Tick("R_100", T0, 1485.30m, 0m, TickSources.Deriv));
            writer.Write(new Tick("BTCUSDT", T0.AddMilliseconds(123), 43250.1m, 0.015m, TickSources.Binance));
            writer.Write(new Tick("EUR,USD", new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1), 1.1m, 2m, TickSources.Csv));
            writer.Write(new Tick("say \"hi\"", T0.AddTicks(10), 7m, 0m, TickSources.Csv));
            Assert.Equal(4, writer.Count);
        }

        Assert.Equal(
            "time,symbol,price,size\n"
            + "2024-01-02T03:04:05Z,R_100,1485.30,0\n"
            + "2024-01-02T03:04:05.123Z,BTCUSDT,43250.1,0.015\n"
            + "2024-01-02T03:04:05.0000001Z,\"EUR,USD\",1.1,2\n"
            + "2024-01-02T03:04:05.000001Z,\"say \"\"hi\"\"\",7,0\n",
            text.ToString());
    }

    [Fact]
    public void Create_NoTicks_WritesHeaderOnlyWithoutByteOrderMark()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (CsvTickWriter.Create(path))
            {
            }

            Assert.Equal(Encoding.ASCII.GetBytes("time,symbol,price,size\n"), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_SymbolWithLineBreak_Throws()
    {
        using var writer = new CsvTickWriter(new StringWriter());

        Assert.Throws<ArgumentException>(() => writer.Write(new Tick("A\nB", T0, 1m, 0m, TickSources.Csv)));
    }

    [Fact]
    public void Write_AfterDispose_Throws()
    {
        var writer = new CsvTickWriter(new StringWriter());
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Write(new Tick("A", T0, 1m, 0m, TickSources.Csv)));
    }

    [Fact]
    public async Task Dispose_LeaveOpen_FlushesAndKeepsStreamOpen()
    {
        using var stream = new MemoryStream();
        await using (var writer = new CsvTickWriter(stream, leaveOpen: true))
        {
            writer.Write(new Tick("A", T0, 1m, 0m, TickSources.Csv));
        }

        Assert.True(stream.CanWrite);
        Assert.Equal("time,symbol,price,size\n2024-01-02T03:04:05Z,A,1,0\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Write_ThenReadBack_RoundTripsEveryTickExactly()
    {
        var simulated = await new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = ["SIM_A", "SIM,B", "SIM \"C\""], Seed = 5, Decimals = 6, TickInterval = TimeSpan.FromTicks(1_234_567),
            Pacing = TickPacing.AsFastAsPossible, StartTime = T0, TicksPerSymbol = 2000,
        }).ReadAsync().ToListAsync();
        var ticks = simulated
            .Select((t, i) => t with { Size = i % 3 == 0 ? 0m : i / 7m, Time = t.Time.ToOffset(TimeSpan.FromHours(i % 5)) })
            .ToList();
        using var stream = new MemoryStream();
        using (var writer = new CsvTickWriter(stream, leaveOpen: true))
        {
            writer.Write(ticks.ToArray());
        }

        stream.Position = 0;
        var back = await new CsvTickSource(stream, new CsvSourceOptions { Source = TickSources.Simulated }).ReadAsync().ToListAsync();

        Assert.Equal(ticks, back);
        Assert.Equal(Format(ticks), Format(back));
    }

    [ReferenceFact]
    public async Task Write_DerivExtract_ReproducesTheFileUpToItsHeader()
    {
        var path = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");
        var ticks = await new CsvTickSource(path).ReadAsync().ToListAsync();
        var text = new StringWriter();
        using (var writer = new CsvTickWriter(text))
        {
            writer.Write(ticks.ToArray());
        }

        var back = await new CsvTickSource(new StringReader(text.ToString())).ReadAsync().ToListAsync();

        Assert.Equal(ticks, back);
        Assert.Equal(Format(ticks), Format(back));
    }

    private static IEnumerable<string> Format(IEnumerable<Tick> ticks) =>
        ticks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Symbol}|{t.Time.UtcTicks}|{t.Price}|{t.Size}"));
}
