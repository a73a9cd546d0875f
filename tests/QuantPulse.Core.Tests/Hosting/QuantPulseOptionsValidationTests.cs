using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

namespace QuantPulse.Tests.Hosting;

/// <summary>Every kind of invalid value in the QuantPulse section: one message, naming the full key, and nothing else blamed.</summary>
public class QuantPulseOptionsValidationTests
{
    private const string Duration = "is not a duration ([d.]hh:mm:ss[.fff], for example 00:00:01).";

    [Theory]
    [InlineData("QuantPulse:Pipeline:BoundedCapacity", "0", "QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.")]
    [InlineData("QuantPulse:Pipeline:BoundedCapacity", "lots", "QuantPulse:Pipeline:BoundedCapacity: 'lots' is not a whole number in range.")]
    [InlineData("QuantPulse:Pipeline:MaxBatchSize", "99999999999", "QuantPulse:Pipeline:MaxBatchSize: '99999999999' is not a whole number in range.")]
    [InlineData("QuantPulse:Pipeline:HeartbeatInterval", "1 second", "QuantPulse:Pipeline:HeartbeatInterval: '1 second' " + Duration)]
    [InlineData("QuantPulse:Pipeline:LogCandles", "yes", "QuantPulse:Pipeline:LogCandles: 'yes' is not true or false.")]
    [InlineData("QuantPulse:Storage:Provider", "Mongo", "QuantPulse:Storage:Provider: 'Mongo' is not one of Sqlite, Postgres.")]
    [InlineData("QuantPulse:Storage:Provider", "7", "QuantPulse:Storage:Provider: '7' is not one of Sqlite, Postgres.")]
    [InlineData("QuantPulse:Storage:FlushInterval", "abc", "QuantPulse:Storage:FlushInterval: 'abc' " + Duration)]
    [InlineData("QuantPulse:Storage:MaxRetryAttempts", "many", "QuantPulse:Storage:MaxRetryAttempts: 'many' is not a whole number in range.")]
    [InlineData("QuantPulse:Storage:BatchSize", "0", "QuantPulse:Storage:BatchSize: BatchSize ('0') must be greater than or equal to '1'.")]
    [InlineData("QuantPulse:Sources:Simulated:TickInterval", "abc", "QuantPulse:Sources:Simulated:TickInterval: 'abc' " + Duration)]
    [InlineData("QuantPulse:Sources:Simulated:Volatility", "high", "QuantPulse:Sources:Simulated:Volatility: 'high' is not a number.")]
    [InlineData("QuantPulse:Sources:Simulated:StartPrice", "cheap", "QuantPulse:Sources:Simulated:StartPrice: 'cheap' is not a number.")]
    [InlineData("QuantPulse:Sources:Simulated:Seed", "1.5", "QuantPulse:Sources:Simulated:Seed: '1.5' is not a whole number in range.")]
    [InlineData("QuantPulse:Sources:Simulated:Symbols", "SIM_X", "QuantPulse:Sources:Simulated:Symbols: 'SIM_X' is a single value, but this is a list: set its items as QuantPulse:Sources:Simulated:Symbols:0, QuantPulse:Sources:Simulated:Symbols:1, … (QuantPulse__…__0 in the environment).")]
    [InlineData("QuantPulse:Sources:Csv:Pacing", "Slow", "QuantPulse:Sources:Csv:Pacing: 'Slow' is not one of Paced, AsFastAsPossible.")]
    [InlineData("QuantPulse:Sources:Deriv:AppId", "public", "QuantPulse:Sources:Deriv:AppId: 'public' is not a whole number in range.")]
    [InlineData("QuantPulse:Sources:Alpaca:Feed", "nasdaq", "QuantPulse:Sources:Alpaca:Feed: 'nasdaq' is not one of Iex, Sip, Test, Crypto.")]
    [InlineData("QuantPulse:Candles:Timeframes:0", "2m", "QuantPulse:Candles:Timeframes: '2m' is not a timeframe (1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d).")]
    [InlineData("QuantPulse:Candles:HistoryLength", "0", "QuantPulse:Candles:HistoryLength must be between 1 and 1000000.")]
    [InlineData("QuantPulse:Candles:FillGaps", "sometimes", "QuantPulse:Candles:FillGaps: 'sometimes' is not true or false.")]
    [InlineData("QuantPulse:Signals:StopLossMode", "Pips", "QuantPulse:Signals:StopLossMode: 'Pips' is not one of Atr, Percent.")]
    [InlineData("QuantPulse:Signals:MinRiskReward", "x", "QuantPulse:Signals:MinRiskReward: 'x' is not a number.")]
    [InlineData("QuantPulse:Simulator:LevelAnchor", "Candle", "QuantPulse:Simulator:LevelAnchor: 'Candle' is not one of Fill, Signal.")]
    [InlineData("QuantPulse:Simulator:Expiry", "soon", "QuantPulse:Simulator:Expiry: 'soon' " + Duration)]
    [InlineData("QuantPulse:Strategies:0:Id", "macd-magic", null)] // the strategy catalog's own message
    [InlineData("QuantPulse:DataDirectory", " ", "QuantPulse:DataDirectory must name a folder (default: data, beside the application).")]
    public void Options_OneInvalidValue_FailWithOneMessageNamingTheKey(string key, string value, string? expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve((key, value)));

        var failure = Assert.Single(ex.Failures);
        Assert.Equal(expected ?? failure, failure);
        Assert.StartsWith(key[..key.LastIndexOf(':')], failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SeveralInvalidValues_ReportEveryKeyOnce()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(
            ("QuantPulse:Storage:Provider", "Mongo"),
            ("QuantPulse:Sources:Simulated:TickInterval", "abc"),
            ("QuantPulse:Pipeline:BoundedCapacity", "0")));

        Assert.Equal(
            [
                "QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.",
                "QuantPulse:Sources:Simulated:TickInterval: 'abc' " + Duration,
                "QuantPulse:Storage:Provider: 'Mongo' is not one of Sqlite, Postgres.",
            ],
            ex.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_ValidValuesInAnyCase_Bind()
    {
        using var provider = Provider(
            ("QuantPulse:Storage:Provider", "postgres"),
            ("QuantPulse:Storage:ConnectionString", "Host=127.0.0.1"),
            ("QuantPulse:Sources:Simulated:TickInterval", "00:00:00.250"),
            ("QuantPulse:Pipeline:LogCandles", "False"));
        var options = provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;

        Assert.Equal("Postgres", options.Storage.Provider);
        Assert.Equal("Host=127.0.0.1", provider.GetRequiredService<IOptions<PostgresStorageHostOptions>>().Value.ConnectionString);
        Assert.Equal(TimeSpan.FromMilliseconds(250), provider.GetRequiredService<IOptions<SimulatedSourceHostOptions>>().Value.TickInterval);
        Assert.False(options.Pipeline.LogCandles);
    }

    [Fact]
    public void DataDirectory_Default_IsTheDataFolderBesideTheApplication()
    {
        var options = Resolve();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data"), options.DataDirectoryPath);
        Assert.Equal(
            Path.Combine(AppContext.BaseDirectory, "data", "quantpulse.db"),
            new SqliteStorageHostOptions().FullPath(options.DataDirectoryPath));
    }

    [Fact]
    public void StoragePath_Absolute_IsKeptAndRelative_IsUnderTheDataDirectory()
    {
        var root = Path.GetTempPath();
        using var provider = Provider(("QuantPulse:DataDirectory", root), ("QuantPulse:Storage:Path", "sub/q.db"));
        var options = provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;
        var sqlite = provider.GetRequiredService<IOptions<SqliteStorageHostOptions>>().Value;

        Assert.Equal(Path.Combine(root, "sub", "q.db"), sqlite.FullPath(options.DataDirectoryPath));
        var absolute = Path.Combine(root, "elsewhere.db");
        Assert.Equal(absolute, new SqliteStorageHostOptions { Path = absolute }.FullPath(options.DataDirectoryPath));
    }

    private static QuantPulseOptions Resolve(params (string Key, string? Value)[] values)
    {
        using var provider = Provider(values);
        return provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;
    }

    private static ServiceProvider Provider(params (string Key, string? Value)[] values)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddQuantPulse(config).Services.BuildServiceProvider();
    }
}
