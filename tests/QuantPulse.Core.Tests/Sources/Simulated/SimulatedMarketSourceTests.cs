using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Simulated;

public class SimulatedMarketSourceTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_SameSeed_YieldsIdenticalTicks()
    {
        var first = await Fast(seed: 42, ticks: 2000, "SIM_A", "SIM_B").ReadAsync().ToListAsync();
        var second = await Fast(seed: 42, ticks: 2000, "SIM_A", "SIM_B").ReadAsync().ToListAsync();

        Assert.Equal(4000, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(t => t.Price.ToString()), second.Select(t => t.Price.ToString()));
    }

    [Fact]
    public async Task ReadAsync_DifferentSeed_YieldsDifferentPrices()
    {
        var a = await Fast(seed: 42, ticks: 100, "SIM_A").ReadAsync().ToListAsync();
        var b = await Fast(seed: 43, ticks: 100, "SIM_A").ReadAsync().ToListAsync();

        Assert.Equal(a[0].Price, b[0].Price); // both start at the start price
        Assert.True(a.Zip(b).Count(p => p.First.Price != p.Second.Price) > 90);
    }

    [Fact]
    public async Task ReadAsync_KnownSeed_ReproducesPinnedPrices()
    {
        // Pinned output of seed 42: any change here breaks every recorded simulation, so it must be deliberate.
        var ticks = await Fast(seed: 42, ticks: 6, "SIM_V100").ReadAsync().ToListAsync();

        Assert.Equal(PinnedSeed42, ticks.Select(t => t.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ReadAsync_KnownSeedTenDecimals_ReproducesPinnedTenThousandthStep()
    {
        // Ten decimals expose the last bits of the walk: a platform-dependent exp or log would show up here.
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = ["SIM_A", "SIM_B"], Seed = 42, Decimals = 10, Pacing = TickPacing.AsFastAsPossible,
            StartTime = Start, TicksPerSymbol = 10_000,
        });

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal(("SIM_A", 1017.5980321484m), (ticks[^2].Symbol, ticks[^2].Price));
        Assert.Equal(("SIM_B", 996.1838635978m), (ticks[^1].Symbol, ticks[^1].Price));
    }

    [Fact]
    public async Task ReadAsync_Fast_InterleavesSymbolsInOrderOneStepPerInterval()
    {
        var source = Fast(seed: 1, ticks: 3, "SIM_A", "SIM_B", "SIM_C");

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal(9, ticks.Count);
        for (var i = 0; i < ticks.Count; i++)
        {
            Assert.Equal(new[] { "SIM_A", "SIM_B", "SIM_C" }[i % 3], ticks[i].Symbol);
            Assert.Equal(Start.AddSeconds(i / 3), ticks[i].Time);
            Assert.Equal(TimeSpan.Zero, ticks[i].Time.Offset);
            Assert.Equal(TickSources.Simulated, ticks[i].Source);
            Assert.True(ticks[i].IsSimulated);
            Assert.Equal(0m, ticks[i].Size);
            Assert.Equal(TickRejection.None, TickValidator.Validate(ticks[i], Start));
        }

        Assert.Equal(9, source.Statistics.Accepted);
        Assert.Equal(0, source.Statistics.TotalRejected);
    }

    [Fact]
    public async Task ReadAsync_FirstTickOfEachSymbol_IsStartPrice()
    {
        var ticks = await Fast(seed: 5, ticks: 1, "SIM_A", "SIM_B").ReadAsync().ToListAsync();

        Assert.All(ticks, t => Assert.Equal("1000.00", t.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ReadAsync_SymbolAddedAtEnd_DoesNotChangeOtherSymbols()
    {
        var one = await Fast(seed: 9, ticks: 500, "SIM_A").ReadAsync().ToListAsync();
        var two = await Fast(seed: 9, ticks: 500, "SIM_A", "SIM_B").ReadAsync().ToListAsync();

        Assert.Equal(one.Select(t => t.Price), two.Where(t => t.Symbol == "SIM_A").Select(t => t.Price));
        Assert.NotEqual(two.Where(t => t.Symbol == "SIM_A").Select(t => t.Price), two.Where(t => t.Symbol == "SIM_B").Select(t => t.Price));
    }

    [Fact]
    public async Task ReadAsync_Decimals_EveryPriceHasThatScale()
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Seed = 3, Decimals = 3, StartPrice = 12.5m, Pacing = TickPacing.AsFastAsPossible, StartTime = Start, TicksPerSymbol = 500,
        });

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.All(ticks, t => Assert.Equal(3, t.Price.Scale));
        Assert.All(ticks, t => Assert.True(t.Price > 0));
    }

    [Fact]
    public async Task ReadAsync_ManyTicks_LogReturnsHaveConfiguredVolatility()
    {
        const int n = 200_000;
        var interval = TimeSpan.FromSeconds(2);
        const double sigma = 1.0;
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Seed = 11, TickInterval = interval, Volatility = sigma, Decimals = 8,
            Pacing = TickPacing.AsFastAsPossible, StartTime = Start, TicksPerSymbol = n + 1,
        });

        var prices = (await source.ReadAsync().ToListAsync()).Select(t => (double)t.Price).ToArray();
        var returns = new double[n];
        for (var i = 0; i < n; i++)
        {
            returns[i] = Math.Log(prices[i + 1] / prices[i]);
        }

        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        var expectedSd = sigma * Math.Sqrt(interval.TotalSeconds / (365.0 * 86400));

        // Sample standard deviation: standard error sd / sqrt(2n); the mean: sd / sqrt(n). Allow five of each.
        Assert.InRange(sd, expectedSd * (1 - (5 / Math.Sqrt(2.0 * n))), expectedSd * (1 + (5 / Math.Sqrt(2.0 * n))));
        var expectedMean = -0.5 * expectedSd * expectedSd;
        Assert.InRange(mean, expectedMean - (5 * expectedSd / Math.Sqrt(n)), expectedMean + (5 * expectedSd / Math.Sqrt(n)));
    }

    [Fact]
    public void NextNormal_ManyDraws_HasStandardNormalMomentsAndTails()
    {
        const int n = 200_000;
        var walk = new RandomWalk(21, 0, 100m, 1.0, TimeSpan.FromSeconds(1), 2);
        double sum = 0, sumSquares = 0;
        int withinOne = 0, withinTwo = 0;
        for (var i = 0; i < n; i++)
        {
            var z = walk.NextNormal();
            sum += z;
            sumSquares += z * z;
            withinOne += Math.Abs(z) < 1 ? 1 : 0;
            withinTwo += Math.Abs(z) < 2 ? 1 : 0;
        }

        var mean = sum / n;
        var variance = (sumSquares / n) - (mean * mean);
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
        AssertProportion(0.682689492, withinOne, n);
        AssertProportion(0.954499736, withinTwo, n);
    }

    [Fact]
    public async Task ReadAsync_Paced_FirstStepAtOnceThenOnePerInterval()
    {
        var clock = new ManualTimeProvider(Start.AddMinutes(5));
        var source = Paced(clock, "SIM_A", "SIM_B");
        await using var ticks = source.ReadAsync().GetAsyncEnumerator();

        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(("SIM_A", clock.GetUtcNow()), (ticks.Current.Symbol, ticks.Current.Time));
        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(("SIM_B", clock.GetUtcNow()), (ticks.Current.Symbol, ticks.Current.Time));

        var next = ticks.MoveNextAsync();
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next);
        Assert.Equal(("SIM_A", Start.AddMinutes(5).AddSeconds(1)), (ticks.Current.Symbol, ticks.Current.Time));
    }

    [Fact]
    public async Task ReadAsync_PacedAfterLongPause_DropsMissedStepsInsteadOfBursting()
    {
        var clock = new ManualTimeProvider(Start);
        await using var ticks = Paced(clock, "SIM_A").ReadAsync().GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());
        var second = ticks.MoveNextAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await second);
        Assert.Equal(Start.AddSeconds(1), ticks.Current.Time);

        clock.Advance(TimeSpan.FromSeconds(9)); // nobody reads: nine steps are due

        var third = ticks.MoveNextAsync();
        Assert.True(third.IsCompleted); // one step, stamped now ...
        Assert.True(await third);
        Assert.Equal(Start.AddSeconds(10), ticks.Current.Time);
        var fourth = ticks.MoveNextAsync();
        Assert.False(fourth.IsCompleted); // ... and the other eight are dropped
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await fourth);
        Assert.Equal(Start.AddSeconds(11), ticks.Current.Time);
    }

    [Fact]
    public async Task ReadAsync_PacedAndFast_SamePriceSequence()
    {
        var fast = await Fast(seed: 8, ticks: 5, "SIM_A", "SIM_B").ReadAsync().ToListAsync();
        var clock = new ManualTimeProvider(Start);
        var paced = new List<Tick>();
        await using (var ticks = Paced(clock, "SIM_A", "SIM_B", seed: 8, ticks: 5).ReadAsync().GetAsyncEnumerator())
        {
            while (true)
            {
                var next = ticks.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                }

                if (!await next)
                {
                    break;
                }

                paced.Add(ticks.Current);
            }
        }

        Assert.Equal(fast.Select(t => (t.Symbol, t.Price)), paced.Select(t => (t.Symbol, t.Price)));
        Assert.Equal(fast.Select(t => t.Time), paced.Select(t => t.Time));
    }

    [Fact]
    public async Task GetWatermark_Paced_IsNowExceptWhileAStepIsHandedOut()
    {
        var clock = new ManualTimeProvider(Start);
        var source = Paced(clock, "SIM_A", "SIM_B");
        Assert.Equal(Start, source.GetWatermark(clock.GetUtcNow()));

        await using var ticks = source.ReadAsync().GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync()); // SIM_A of the step at Start; SIM_B not handed out yet
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(Start, source.GetWatermark(clock.GetUtcNow()));

        Assert.True(await ticks.MoveNextAsync()); // SIM_B at Start
        Assert.Equal(Start, ticks.Current.Time);
        Assert.True(await ticks.MoveNextAsync()); // the timer already fired: the next step, stamped now
        Assert.Equal(Start.AddMilliseconds(1500), ticks.Current.Time);
        Assert.Equal(Start.AddMilliseconds(1500), source.GetWatermark(clock.GetUtcNow()));
        Assert.True(await ticks.MoveNextAsync());

        var pending = ticks.MoveNextAsync(); // waiting for the timer: nothing is held back
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Start.AddMilliseconds(1700), source.GetWatermark(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await pending);
    }

    [Fact]
    public async Task GetWatermark_Fast_IsTimeOfLastTickHandedOut()
    {
        var source = Fast(seed: 1, ticks: 3, "SIM_A");
        Assert.Null(source.GetWatermark(Start.AddDays(1)));

        await using var ticks = source.ReadAsync().GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(Start, source.GetWatermark(Start.AddDays(1)));
        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(Start.AddSeconds(1), source.GetWatermark(Start.AddDays(1)));
    }

    [Fact]
    public async Task ReadAsync_FastWithoutStartTime_StartsAtClock()
    {
        var clock = new ManualTimeProvider(Start.AddHours(3));
        var source = new SimulatedMarketSource(
            new SimulatedSourceOptions { Pacing = TickPacing.AsFastAsPossible, TicksPerSymbol = 2 }, clock);

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal([Start.AddHours(3), Start.AddHours(3).AddSeconds(1)], ticks.Select(t => t.Time));
        Assert.All(ticks, t => Assert.Equal(SimulatedSourceOptions.DefaultSymbol, t.Symbol));
    }

    [Fact]
    public async Task ReadAsync_FastCancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var source = new SimulatedMarketSource(new SimulatedSourceOptions { Pacing = TickPacing.AsFastAsPossible, StartTime = Start });
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var tick in source.ReadAsync(cts.Token))
            {
                if (++count == 100)
                {
                    await cts.CancelAsync();
                }
            }
        });
        Assert.Equal(100, count);
    }

    [Fact]
    public async Task ReadAsync_PacedCancelledWhileWaiting_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var clock = new ManualTimeProvider(Start);
        await using var ticks = Paced(clock, "SIM_A").ReadAsync(cts.Token).GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());

        var next = ticks.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
    }

    [Fact]
    public async Task ReadAsync_SecondCall_Throws()
    {
        var source = Fast(seed: 1, ticks: 1, "SIM_A");
        await source.ReadAsync().ToListAsync();

        Assert.Throws<InvalidOperationException>(() => source.ReadAsync());
    }

    [Fact]
    public void Constructor_Defaults_AreObviouslySimulated()
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions());

        Assert.Equal(["SIM_V100"], source.Symbols);
        Assert.Equal(TickSources.Simulated, source.Name);
    }

    public static TheoryData<string[]> BadSymbolLists => new() { Array.Empty<string>(), new[] { "SIM_A", "" }, new[] { "SIM_A", "SIM_A" } };

    [Theory]
    [MemberData(nameof(BadSymbolLists))]
    public void Constructor_BadSymbols_ThrowsArgumentException(string[] symbols)
    {
        Assert.Throws<ArgumentException>(() => new SimulatedMarketSource(new SimulatedSourceOptions { Symbols = symbols }));
    }

    [Fact]
    public void Options_OutOfRange_ThrowArgumentOutOfRangeNamingProperty()
    {
        Assert.Equal("TickInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { TickInterval = TimeSpan.Zero }).ParamName);
        Assert.Equal("Volatility", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { Volatility = 0 }).ParamName);
        Assert.Equal("Volatility", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { Volatility = double.NaN }).ParamName);
        Assert.Equal("StartPrice", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { StartPrice = 0 }).ParamName);
        Assert.Equal("Decimals", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { Decimals = 11 }).ParamName);
        Assert.Equal("TicksPerSymbol", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { TicksPerSymbol = 0 }).ParamName);
        Assert.Equal("StartTime", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { StartTime = DateTimeOffset.UnixEpoch }).ParamName);
        Assert.Equal("Pacing", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { Pacing = (TickPacing)7 }).ParamName);
    }

    [Fact]
    public async Task ReadAsync_ResumedSymbol_ContinuesFromLastStoredPriceNotStartPrice()
    {
        var clock = new ManualTimeProvider(Start.AddHours(1));
        var stored = new Tick("SIM_A", Start.AddHours(1).AddSeconds(-1), 1003.03m, 0m, TickSources.Simulated);
        var source = new SimulatedMarketSource(
            new SimulatedSourceOptions { Symbols = ["SIM_A", "SIM_B"], ResumeFrom = _ => ValueTask.FromResult<IReadOnlyList<Tick>>([stored]) },
            clock);
        await using var ticks = source.ReadAsync().GetAsyncEnumerator();

        Assert.True(await ticks.MoveNextAsync());
        var a = ticks.Current;
        Assert.True(await ticks.MoveNextAsync());
        var b = ticks.Current;

        Assert.Equal(("SIM_A", Start.AddHours(1)), (a.Symbol, a.Time));
        Assert.InRange(a.Price, 1003.03m * 0.99m, 1003.03m * 1.01m); // one step away from the stored price
        Assert.NotEqual(1003.03m, a.Price);
        Assert.Equal(1000.00m, b.Price); // nothing stored: the start price
        Assert.Equal(ConnectionState.Live, source.Status.State);
    }

    [Fact]
    public async Task ReadAsync_PacedWithHistory_GeneratesWindowEndingNowThenGoesLive()
    {
        var now = Start.AddDays(1);
        var clock = new ManualTimeProvider(now);
        var source = new SimulatedMarketSource(
            new SimulatedSourceOptions { Symbols = ["SIM_A", "SIM_B"], Seed = 8, History = TimeSpan.FromSeconds(5) }, clock);
        Assert.Equal(ConnectionState.Idle, source.Status.State);
        await using var ticks = source.ReadAsync().GetAsyncEnumerator();

        var history = new List<Tick>();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await ticks.MoveNextAsync());
            Assert.Equal(ConnectionState.Backfilling, source.Status.State);
            history.Add(ticks.Current);
        }

        Assert.Equal(now.AddSeconds(-1), source.GetWatermark(now)); // the last history step
        Assert.True(await ticks.MoveNextAsync()); // the first live step, at once
        Assert.Equal(ConnectionState.Live, source.Status.State);
        Assert.Equal(("SIM_A", now), (ticks.Current.Symbol, ticks.Current.Time));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => now.AddSeconds((i / 2) - 5)), history.Select(t => t.Time));
        Assert.All(history, t => Assert.True(t.IsSimulated));

        // Same generator and seed: history and live are one walk, the same prices a fast run gives.
        var fast = await Fast(seed: 8, ticks: 6, "SIM_A", "SIM_B").ReadAsync().ToListAsync();
        Assert.Equal(fast.Take(11).Select(t => (t.Symbol, t.Price)), history.Append(ticks.Current).Select(t => (t.Symbol, t.Price)));
    }

    [Fact]
    public async Task ReadAsync_PacedResumedWithHistory_GeneratesOnlyFromLastStoredTimeUpToNow()
    {
        var now = Start.AddDays(1);
        var clock = new ManualTimeProvider(now);
        Tick[] stored = [new("SIM_A", now.AddSeconds(-2.5), 1003.03m, 0m, TickSources.Simulated)];
        var source = new SimulatedMarketSource(
            new SimulatedSourceOptions
            {
                Symbols = ["SIM_A", "SIM_B"], History = TimeSpan.FromHours(24), TicksPerSymbol = 1,
                ResumeFrom = _ => ValueTask.FromResult<IReadOnlyList<Tick>>(stored),
            },
            clock);

        var ticks = await source.ReadAsync().ToListAsync();

        var a = ticks.Where(t => t.Symbol == "SIM_A").Select(t => t.Time);
        Assert.Equal([now.AddSeconds(-2), now.AddSeconds(-1), now], a);
        Assert.Equal(86_401, ticks.Count(t => t.Symbol == "SIM_B")); // no stored price: the whole day, then now
        Assert.Equal(now.AddDays(-1), ticks[0].Time);
        Assert.Equal(ConnectionState.Stopped, source.Status.State);
    }

    [Fact]
    public async Task ReadAsync_PacedWithHistory_SameClockSameTicks()
    {
        async Task<List<Tick>> Run() => await new SimulatedMarketSource(
            new SimulatedSourceOptions { Seed = 4, History = TimeSpan.FromMinutes(10), TicksPerSymbol = 1 },
            new ManualTimeProvider(Start)).ReadAsync().ToListAsync();

        var first = await Run();

        Assert.Equal(601, first.Count);
        Assert.Equal(first, await Run());
    }

    [Fact]
    public void Options_HistoryOutOfRange_ThrowsNamingProperty()
    {
        Assert.Equal("History", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { History = TimeSpan.FromSeconds(-1) }).ParamName);
        Assert.Equal("History", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedSourceOptions { History = TimeSpan.FromDays(367) }).ParamName);
    }

    private static readonly string[] PinnedSeed42 = ["1000.00", "1000.03", "1000.20", "1000.36", "1000.46", "1000.51"];

    private static SimulatedMarketSource Fast(long seed, long ticks, params string[] symbols) =>
        new(new SimulatedSourceOptions
        {
            Symbols = symbols, Seed = seed, Pacing = TickPacing.AsFastAsPossible, StartTime = Start, TicksPerSymbol = ticks,
        });

    private static SimulatedMarketSource Paced(ManualTimeProvider clock, string first, string? second = null, long seed = 1, long? ticks = null) =>
        new(
            new SimulatedSourceOptions
            {
                Symbols = second is null ? [first] : [first, second], Seed = seed, Pacing = TickPacing.Paced, TicksPerSymbol = ticks,
            },
            clock);

    private static void AssertProportion(double p, int hits, int n)
    {
        var se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange((double)hits / n, p - (5 * se), p + (5 * se));
    }
}
