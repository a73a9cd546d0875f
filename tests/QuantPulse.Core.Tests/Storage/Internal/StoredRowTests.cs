using LinqToDB.Mapping;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Tests.Storage.Internal;

/// <summary>The columns and values the bulk writers take from a row by hand are the ones its linq2db mapping names.</summary>
public sealed class StoredRowTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void WriteTo_SignalRow_MappedColumnsAndValuesInOrder() => AssertMatchesMapping(new SignalRow
    {
        RunScope = "scope", Id = "s1", RunId = "run", Asset = "R_100", Timestamp = T0, Type = "BUY", Confidence = 0.5,
        EntryPrice = 100.5m, StopLoss = 99m, TakeProfit = 102.25m, RrRatio = 1.5, Strategy = "ema-rsi", Confirmations = "[\"x\"]",
    });

    [Fact]
    public void WriteTo_TradeRowClosed_MappedColumnsAndValuesInOrder() => AssertMatchesMapping(new TradeRow
    {
        RunScope = "scope", Id = "t1", RunId = "run", SignalId = "s1", Asset = "R_100", EntryPrice = 100.5m, StopLoss = 99m,
        TakeProfit = 102.25m, OpenTime = T0, CloseTime = T0.AddMinutes(3), Result = "WIN", DurationSeconds = 180,
        MovementPercentage = 1.74, ClosePrice = 102.25m,
    });

    [Fact]
    public void WriteTo_TradeRowOpen_NullsWhereTheMappingHasThem() => AssertMatchesMapping(new TradeRow
    {
        RunScope = "", Id = "t2", RunId = "", SignalId = "s2", Asset = "R_10", EntryPrice = 1m, StopLoss = 0.5m, TakeProfit = 2m, OpenTime = T0,
    });

    [Fact]
    public void WriteTo_CandleRow_MappedColumnsAndValuesInOrder() => AssertMatchesMapping(new CandleRow
    {
        Symbol = "R_100", Timeframe = "1m", OpenTime = T0, Open = 1m, High = 2m, Low = 0.5m, Close = 1.5m, Volume = 10m, Ticks = 3, Source = "upload",
    });

    private static void AssertMatchesMapping<T>(T row)
        where T : class, IStoredRow<T>
    {
        var descriptor = new MappingSchema().GetEntityDescriptor(typeof(T));
        var values = new Recorder();

        row.WriteTo(values);

        Assert.Equal(descriptor.Name.Name, T.Table.Name);
        Assert.Equal(descriptor.Columns.Select(c => c.ColumnName), T.Table.Columns);
        Assert.Equal(descriptor.Columns.Select(c => c.MemberAccessor.GetValue(row)), values.Values);
        Assert.Equal(descriptor.Columns.Select(c => c.DataType == LinqToDB.DataType.BinaryJson), values.IsJson);
    }

    private sealed class Recorder : IColumnValues
    {
        public List<object?> Values { get; } = [];

        public List<bool> IsJson { get; } = [];

        public void Text(string? value) => Add(value);

        public void Json(string value) => Add(value, json: true);

        public void Time(DateTimeOffset? value) => Add(value);

        public void Decimal(decimal? value) => Add(value);

        public void Double(double? value) => Add(value);

        public void Integer(int value) => Add(value);

        private void Add(object? value, bool json = false)
        {
            Values.Add(value);
            IsJson.Add(json);
        }
    }
}
