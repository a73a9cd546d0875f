using QuantPulse.Indicators;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

/// <summary>Describing and registering an indicator from outside the catalog.</summary>
public class IndicatorDescriptorTests
{
    private static readonly IndicatorParameter Period = new("Period", IndicatorParameterType.Integer, 5, 2, 50, "Window.");

    [Theory]
    [InlineData("")]
    [InlineData("1ST")]
    [InlineData("MY EMA")]
    [InlineData("EMA(3)")]
    public void Create_MalformedId_Throws(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => Describe(id, [Period]));

        Assert.Equal("id", ex.ParamName);
    }

    [Fact]
    public void Create_RepeatedParameterOrDefaultOutsideRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => Describe("T-DUP", [Period, Period with { Name = "period" }]));
        Assert.Throws<ArgumentException>(() => Describe("T-RANGE", [Period with { Default = 60 }]));
    }

    [Fact]
    public void Register_MultiColumnDescriptor_SetWritesEveryColumnAndNullsDuringWarmUp()
    {
        var descriptor = IndicatorDescriptor.Create<Sma, double>(
            "T-DOUBLE-SMA",
            "Doubled SMA",
            "An SMA written twice, the second time doubled.",
            [Period],
            spec => new Sma(spec.GetInt32("Period")),
            spec => ["t_sma_" + spec.GetInt32("Period"), "t_sma2_" + spec.GetInt32("Period")],
            static (in double value, Span<double?> columns) =>
            {
                columns[0] = value;
                columns[1] = 2 * value;
            });
        Assert.True(IndicatorCatalog.Register(descriptor));
        Assert.False(IndicatorCatalog.Register(descriptor));
        var candles = TestCandles.RandomWalk(5);
        var set = new IndicatorSet([IndicatorSpec.Parse("t-double-sma(3)"), IndicatorSpec.Sma(3)]);

        var rows = candles.Select(c => set.Next(c)).ToArray();

        Assert.Equal(["t_sma_3", "t_sma2_3", "sma_3"], set.Columns);
        Assert.All(rows[..2], r => Assert.Equal([null, null, null], Enumerable.Range(0, 3).Select(i => r[i])));
        Assert.All(rows[2..], r => Assert.Equal([r[2], 2 * r[2], r[2]], Enumerable.Range(0, 3).Select(i => r[i])));
        Assert.Contains(descriptor, IndicatorCatalog.All);
        Assert.DoesNotContain(descriptor, IndicatorCatalog.BuiltIn);
    }

    [Fact]
    public void Register_ColumnOfAnotherIndicator_IsRefused()
    {
        var clash = IndicatorDescriptor.Create("T-CLASH", "Clash", "Writes ema_20.", [], _ => new Ema(20), _ => "ema_20");

        var ex = Assert.Throws<ArgumentException>(() => IndicatorCatalog.Register(clash));

        Assert.Contains("'ema_20', which EMA already produces", ex.Message, StringComparison.Ordinal);
        Assert.False(IndicatorCatalog.TryGet("T-CLASH", out _));
    }

    [Fact]
    public void Register_BuiltInId_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndicatorCatalog.Register(Describe("ema", [Period])));

        Assert.Contains("'ema' is already taken by Exponential moving average", ex.Message, StringComparison.Ordinal);
    }

    private static IndicatorDescriptor Describe(string id, IndicatorParameter[] parameters) =>
        IndicatorDescriptor.Create(id, "Test", "A test indicator.", parameters, spec => new Sma(spec.GetInt32("Period")), spec => "t_" + spec.GetInt32("Period"));
}
