using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Examples;

/// <summary>The custom indicator of docs/indicators.md, plugged in from outside the library.</summary>
public class TypicalEmaTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle Bar(int day, decimal high, decimal low, decimal close) =>
        new("X", Timeframe.OneDay, Start.AddDays(day), close, high, low, close, 1m, 1, IsClosed: true);

    [Fact]
    public void AddIndicator_ConfiguredById_ValidatesAndBuildsItsColumns()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["QuantPulse:Indicators:0:Id"] = "tpema",
                ["QuantPulse:Indicators:0:Params:Period"] = "3",
                ["QuantPulse:Indicators:1:Id"] = "EMA",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddQuantPulse(configuration).AddIndicator<TypicalEma>().AddIndicator<TypicalEma>();
        using var provider = services.BuildServiceProvider();

        var specs = provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value.Indicators.Select(i => i.ToSpec()).ToArray();

        Assert.Equal("TPEMA(3)", specs[0].ToString());
        Assert.Equal(["tpema_3", "ema_20"], new IndicatorSet(specs).Columns);
        Assert.Same(TypicalEma.Descriptor, Assert.Single(provider.GetServices<IndicatorDescriptor>()));
    }

    [Fact]
    public void IndicatorSet_ParsedSpec_WritesTheEmaOfTheTypicalPrice()
    {
        IndicatorCatalog.Register(TypicalEma.Descriptor);
        var set = new IndicatorSet([IndicatorSpec.Parse("TPEMA(3)")]);

        var values = new[] { Bar(0, 12m, 6m, 9m), Bar(1, 15m, 9m, 12m), Bar(1, 99m, 1m, 50m), Bar(2, 9m, 3m, 3m) }
            .Select(c => set.Next(c)["tpema_3"])
            .ToArray();

        // Typical prices 9, 12, (repeated day: refused), 5; k = 2 / (3 + 1) = 0.5.
        Assert.Equal([9, 10.5, 10.5, 7.75], values);
        Assert.Equal(1, set.Indicators[0].OutOfOrderCount);
    }

    [Fact]
    public void Register_OtherDescriptorWithSameId_IsRefused()
    {
        IndicatorCatalog.Register(TypicalEma.Descriptor);
        var impostor = IndicatorDescriptor.Create("tpema", "Other", "Other.", [], _ => new TypicalEma(2), _ => "other");

        var error = Assert.Throws<ArgumentException>(() => IndicatorCatalog.Register(impostor));

        Assert.Contains("'tpema' is already taken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_IndicatorsPage_ShowsThisExampleVerbatim()
    {
        var code = Repository.Read("tests", "QuantPulse.Examples.Tests", "TypicalEma.cs");
        var docs = Repository.Read("docs", "indicators.md");
        var example = code[code.IndexOf("public sealed class", StringComparison.Ordinal)..].TrimEnd();

        Assert.Contains(example, docs, StringComparison.Ordinal);
        Assert.True(example.Split('\n').Length < 40, "The example must stay under 40 lines.");
    }
}
