using System.Text;
using Microsoft.Extensions.Configuration;
using QuantPulse.Indicators;

namespace QuantPulse.Tests.Indicators;

public class IndicatorOptionsTests
{
    private const string Json = """
        {
          "QuantPulse": {
            "Indicators": [
              { "Id": "EMA", "Params": { "Period": 20 } },
              { "Id": "atr", "Params": { "Period": 10, "Seeding": "TradingView" } },
              { "Id": "BB", "Params": { "period": 20, "K": 2.5 } },
              { "Id": "MACD" }
            ]
          }
        }
        """;

    [Fact]
    public void ToSpec_BoundFromJsonConfiguration_GivesSpecs()
    {
        var options = Bind(Json);

        var specs = options.Select(o => o.ToSpec()).ToArray();

        Assert.Equal(
            [IndicatorSpec.Ema(20), IndicatorSpec.Atr(10, AtrSeeding.TradingView), IndicatorSpec.BollingerBands(20, 2.5), IndicatorSpec.Macd()],
            specs);
    }

    [Fact]
    public void TryToSpec_UnknownParameter_ReportsIt()
    {
        var options = Bind("""{ "QuantPulse": { "Indicators": [ { "Id": "RSI", "Params": { "Length": 14 } } ] } }""").Single();

        Assert.False(options.TryToSpec(out var spec, out var error));

        Assert.Null(spec);
        Assert.Equal("Indicator RSI has no parameter 'Length'. Its parameters are: Period.", error);
        Assert.Equal(error, Assert.Throws<ArgumentException>(options.ToSpec).Message);
    }

    [Theory]
    [InlineData("", "Unknown indicator ID ''")]
    [InlineData("ICHIMOKU", "Unknown indicator ID 'ICHIMOKU'")]
    public void TryToSpec_UnknownId_ReportsKnownIds(string id, string message)
    {
        var options = new IndicatorOptions { Id = id };

        Assert.False(options.TryToSpec(out _, out var error));

        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains("Known IDs: EMA", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryToSpec_ValueOutOfRange_ReportsRange()
    {
        var options = new IndicatorOptions { Id = "STDEV", Params = { ["Period"] = "1" } };

        Assert.False(options.TryToSpec(out _, out var error));

        Assert.Equal("Parameter 'Period' of STDEV must be between 2 and 100000; got 1.", error);
    }

    private static List<IndicatorOptions> Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var options = new List<IndicatorOptions>();
        configuration.GetSection("QuantPulse:Indicators").Bind(options);
        return options;
    }
}
