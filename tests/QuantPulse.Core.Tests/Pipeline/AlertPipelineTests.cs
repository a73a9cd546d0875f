using QuantPulse.Alerts;
using QuantPulse.Candles;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Pipeline;

public class AlertPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly AlertRule[] Rules =
    [
        new() { Id = 1, Name = "cross", Symbol = "SIM_A", Condition = AlertCondition.Crossing, Level = 1000, Frequency = AlertFrequency.EveryTime },
        new() { Id = 2, Name = "above", Symbol = "SIM_B", Condition = AlertCondition.GreaterThan, Level = 1000, Frequency = AlertFrequency.OncePerBar, Interval = Timeframe.FiveMinutes },
        new() { Id = 3, Name = "up", Symbol = "SIM_A", Condition = AlertCondition.MovingUpPct, Percent = 0.3, Candles = 3 },
        new() { Id = 4, Name = "down", Symbol = "SIM_B", Condition = AlertCondition.MovingDownPct, Percent = 0.3, Candles = 3, Interval = Timeframe.FiveMinutes },
        new() { Id = 5, Name = "rsi", Symbol = "SIM_A", Condition = AlertCondition.Crossing, Indicator = "rsi_5", Level = 50 },
        new() { Id = 6, Name = "ema", Symbol = "SIM_B", Condition = AlertCondition.CrossingUp, Indicator = "ema_3", OtherIndicator = "ema_8" },
        new() { Id = 7, Name = "pair", Symbol = "SIM_A", OtherSymbol = "SIM_B", Condition = AlertCondition.PairZScore, Threshold = 1.5, Candles = 10, Frequency = AlertFrequency.EveryTime },
        new() { Id = 8, Name = "cooled", Symbol = "SIM_B", Condition = AlertCondition.LessThan, Level = 1000, Frequency = AlertFrequency.EveryTime, Cooldown = TimeSpan.FromMinutes(7) },
    ];

    [Fact]
    public async Task RunAsync_RecordedFileFastAndPaced_FireTheSameTriggers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"quantpulse-alerts-{Guid.NewGuid():N}.csv");
        try
        {
            await RecordAsync(path);

            var fast = await RunAsync(new CsvTickSource(path, Replay(TickPacing.AsFastAsPossible)), clock: null, maxBatchSize: 512);
            var oneByOne = await RunAsync(new CsvTickSource(path, Replay(TickPacing.AsFastAsPossible)), clock: null, maxBatchSize: 1);
            var clock = new ManualTimeProvider(Ticks.Day.AddDays(30));
            var paced = await RunAsync(new CsvTickSource(path, Replay(TickPacing.Paced, speed: 600), clock), clock, maxBatchSize: 512);

            // Every rule fired, and the runs took different paths (paced batches are small, some candles closed by the clock).
            Assert.Equal(Rules.Select(r => r.Id), fast.Triggers.Select(t => t.RuleId).Distinct().Order());
            Assert.True(paced.Batches > fast.Batches * 4, $"paced {paced.Batches} batches, fast {fast.Batches}");
            Assert.Equal(fast.Triggers, oneByOne.Triggers);
            Assert.Equal(Sorted(fast.Triggers), Sorted(paced.Triggers));

            // Tick rules see the ticks in the same order however they are batched.
            Assert.Equal(fast.Triggers.Where(t => t.CandleOpenTime is null), paced.Triggers.Where(t => t.CandleOpenTime is null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Candles of different series may close in another order when the clock closes them; each series' own order stays.
    private static List<AlertTrigger> Sorted(IEnumerable<AlertTrigger> triggers) =>
        [.. triggers.OrderBy(t => t.Time).ThenBy(t => t.RuleId).ThenBy(t => t.Symbol, StringComparer.Ordinal)];

    private static CsvSourceOptions Replay(TickPacing pacing, double speed = 1) =>
        new() { Pacing = pacing, Speed = speed, Source = TickSources.Simulated };

    // Two hours of two simulated symbols around 1000, with a quiet stretch of 12 minutes in each hour.
    private static async Task RecordAsync(string path)
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = ["SIM_A", "SIM_B"],
            Seed = 11,
            TicksPerSymbol = 2 * 60 * 20,
            TickInterval = TimeSpan.FromSeconds(3),
            StartTime = Ticks.Day,
            Volatility = 2.0,
            Pacing = TickPacing.AsFastAsPossible,
        });
        await using var writer = CsvTickWriter.Create(path);
        await foreach (var tick in source.ReadAsync())
        {
            if ((int)(tick.Time - Ticks.Day).TotalMinutes % 60 is < 20 or >= 32)
            {
                writer.Write(tick);
            }
        }
    }

    private static async Task<(List<AlertTrigger> Triggers, int Batches)> RunAsync(ITickSource source, ManualTimeProvider? clock, int maxBatchSize)
    {
        var triggers = new List<AlertTrigger>();
        var batches = 0;
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions
            {
                MaxBatchSize = maxBatchSize,
                CloseCandlesAtEnd = true,
                HeartbeatInterval = TimeSpan.FromMilliseconds(50),
                TimeProvider = clock ?? TimeProvider.System,
            })
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
            .WithIndicators(IndicatorSpec.Rsi(5), IndicatorSpec.Ema(3), IndicatorSpec.Ema(8))
            .WithAlerts(new AlertEngine(Rules), triggers.Add)
            .OnBatch(_ => batches++)
            .Build();

        var run = pipeline.RunAsync();
        if (clock is not null)
        {
            await clock.AdvanceUntilAsync(run, TimeSpan.FromMilliseconds(20));
        }

        await run.WaitAsync(Timeout);
        return (triggers, batches);
    }
}
