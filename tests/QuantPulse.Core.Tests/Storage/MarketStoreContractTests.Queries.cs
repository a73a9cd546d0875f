using QuantPulse.Model;
using QuantPulse.Storage;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage;

/// <summary>The filtered, paged reads of signals and trades, and tick batches larger than one statement.</summary>
public abstract partial class MarketStoreContractTests
{
    [Fact]
    public async Task Signals_Query_FiltersByAssetStrategyTypeAndHalfOpenRangeInTheStore()
    {
        await Store.Signals.SaveAsync(
        [
            Signal("before", at: T0.AddTicks(-10)),
            Signal("first", at: T0),
            Signal("sell", at: T0.AddMinutes(1), type: SignalType.Sell),
            Signal("btc", asset: "BTCUSDT", at: T0.AddMinutes(1)),
            Signal("macd", at: T0.AddMinutes(2), strategy: "macd-cross"),
            Signal("end", at: T0.AddMinutes(3)),
        ]);
        var range = new SignalStoreFilter { From = T0, To = T0.AddMinutes(3) };

        Assert.Equal(["macd", "sell", "btc", "first"], await SignalIds(range));
        Assert.Equal(["macd", "sell", "first"], await SignalIds(range with { Asset = "R_100" }));
        Assert.Equal(["macd"], await SignalIds(range with { Strategy = "MACD-Cross" }));
        Assert.Equal(["sell", "btc", "first"], await SignalIds(range with { Strategy = "ema-rsi" }));
        Assert.Equal(["sell"], await SignalIds(range with { Type = SignalType.Sell }));
        Assert.Equal(["end", "macd", "sell", "btc", "first", "before"], await SignalIds(new SignalStoreFilter()));
        Assert.Equal(["end", "macd"], await SignalIds(new SignalStoreFilter { From = T0.AddMinutes(2) }));
        Assert.Empty(await SignalIds(range with { Asset = "R_100", Type = SignalType.Sell, Strategy = "macd-cross" }));
    }

    [Fact]
    public async Task Signals_Query_PagesNewestFirstWithTiesByIdDescending()
    {
        await Store.Signals.SaveAsync([Signal("a", at: T0), Signal("c", at: T0.AddMinutes(1)), Signal("b", at: T0.AddMinutes(1)), Signal("d", at: T0.AddMinutes(2))]);

        Assert.Equal(["d", "c"], await SignalIds(new SignalStoreFilter { Limit = 2 }));
        Assert.Equal(["b", "a"], await SignalIds(new SignalStoreFilter { Offset = 2, Limit = 2 }));
        Assert.Equal(["a"], await SignalIds(new SignalStoreFilter { Offset = 3, Limit = 2 }));
        Assert.Empty(await SignalIds(new SignalStoreFilter { Offset = 4, Limit = 2 }));
        Assert.Empty(await SignalIds(new SignalStoreFilter { Limit = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Signals.QueryAsync(new SignalStoreFilter { Offset = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Signals.QueryAsync(new SignalStoreFilter { From = T0, To = T0.AddTicks(-10) }));
    }

    [Fact]
    public async Task Trades_Query_FiltersByResultStatusAssetAndOpenTime()
    {
        var win = Closed(OpenTrade("win", at: T0), TradeResult.Win, TimeSpan.FromMinutes(5), 0.5, 1243.70m);
        var loss = Closed(OpenTrade("loss", at: T0.AddMinutes(1)), TradeResult.Loss, TimeSpan.FromMinutes(5), -0.4, 1230.00m);
        await Store.Trades.UpsertAsync(
        [
            win, loss,
            OpenTrade("open", at: T0.AddMinutes(2)),
            OpenTrade("btc", asset: "BTCUSDT", at: T0.AddMinutes(3)),
            OpenTrade("late", at: T0.AddMinutes(10)),
        ]);
        var range = new TradeStoreFilter { From = T0, To = T0.AddMinutes(10) };

        Assert.Equal(["btc", "open", "loss", "win"], await TradeIds(range));
        Assert.Equal(["open", "loss", "win"], await TradeIds(range with { Asset = "R_100" }));
        Assert.Equal(["win"], await TradeIds(range with { Result = TradeResult.Win }));
        Assert.Equal(["btc", "open"], await TradeIds(range with { Open = true }));
        Assert.Equal(["late", "btc", "open"], await TradeIds(new TradeStoreFilter { Open = true }));
        Assert.Equal(["loss", "win"], await TradeIds(range with { Open = false }));
        Assert.Empty(await TradeIds(range with { Open = true, Result = TradeResult.Loss }));
        Assert.Equal(win, (await Store.Trades.QueryAsync(range with { Result = TradeResult.Win }))[0]);
    }

    [Fact]
    public async Task Trades_Query_ByStrategy_UsesTheSignalThatOpenedTheTrade()
    {
        await Store.Signals.SaveAsync([Signal("s-ema", at: T0), Signal("s-macd", at: T0, strategy: "macd-cross")]);
        await Store.Trades.UpsertAsync(
        [
            OpenTrade("ema", at: T0.AddMinutes(1), signalId: "s-ema"),
            OpenTrade("macd", at: T0.AddMinutes(2), signalId: "s-macd"),
            OpenTrade("orphan", at: T0.AddMinutes(3), signalId: "s-missing"),
        ]);

        Assert.Equal(["macd"], await TradeIds(new TradeStoreFilter { Strategy = "MACD-CROSS" }));
        Assert.Equal(["ema"], await TradeIds(new TradeStoreFilter { Strategy = "ema-rsi" }));
        Assert.Empty(await TradeIds(new TradeStoreFilter { Strategy = "missing" }));

        // Another run's signal with the same id does not lend its strategy to the shared scope's trade.
        await Store.ForRun("run-1", RunScope.Own).Signals.SaveAsync([Signal("s-missing", strategy: "macd-cross")]);
        Assert.Equal(["macd"], await TradeIds(new TradeStoreFilter { Strategy = "macd-cross" }));
    }

    [Fact]
    public async Task Trades_Query_PagesNewestFirstWithTiesByIdDescending()
    {
        await Store.Trades.UpsertAsync([OpenTrade("a", at: T0), OpenTrade("c", at: T0.AddMinutes(1)), OpenTrade("b", at: T0.AddMinutes(1))]);

        Assert.Equal(["c", "b"], await TradeIds(new TradeStoreFilter { Limit = 2 }));
        Assert.Equal(["a"], await TradeIds(new TradeStoreFilter { Offset = 2, Limit = 2 }));
        Assert.Empty(await TradeIds(new TradeStoreFilter { Offset = 3 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Trades.QueryAsync(new TradeStoreFilter { Limit = -1 }));
    }

    [Fact]
    public async Task Ticks_SaveBatchLongerThanOneStatementThenOverlappingRetry_StoresEveryTickOnce()
    {
        var ticks = Enumerable.Range(0, 1234).Select(i => Tick(T0.AddMilliseconds(i / 3), 100m + (i * 0.01m))).ToArray();

        await Store.Ticks.SaveAsync(ticks.AsMemory(0, 700));
        await Store.Ticks.SaveAsync(ticks);

        var read = await Store.Ticks.GetRangeAsync("R_100", T0, T0.AddSeconds(1));
        Assert.Equal(ticks, read);
    }

    [Fact]
    public async Task Ticks_SaveLargeBatchWithOneSymbolStoredBefore_StoresEveryTickOnce()
    {
        // Long enough for PostgreSQL to write it as two halves; the symbol stored before lands in one half or across
        // the cut, so one or both halves meet stored keys. Pairs of ticks share an instant (seq 0 and 1).
        string[] symbols = ["R_10", "R_50", "R_100"];
        var ticks = Enumerable.Range(0, 9000).Select(i => Tick(T0.AddMilliseconds(i / 6), 1m + (i * 0.001m), symbols[i % 3])).ToArray();
        var before = ticks.Where(t => t.Symbol == "R_50").ToArray();

        await Store.Ticks.SaveAsync(before);
        await Store.Ticks.SaveAsync(ticks);
        await Store.Ticks.SaveAsync(ticks);

        foreach (var symbol in symbols)
        {
            Assert.Equal(ticks.Where(t => t.Symbol == symbol), await Store.Ticks.GetRangeAsync(symbol, T0, T0.AddSeconds(2)));
        }
    }

    [Fact]
    public async Task Ticks_SaveCancelled_StoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Ticks.SaveAsync(new[] { Tick(T0, 1m) }, cancelled.Token));

        Assert.Empty(await Store.Ticks.GetRangeAsync("R_100", T0, T0.AddSeconds(1)));
    }

    private async Task<string[]> SignalIds(SignalStoreFilter filter) => [.. (await Store.Signals.QueryAsync(filter)).Select(s => s.Id)];

    private async Task<string[]> TradeIds(TradeStoreFilter filter) => [.. (await Store.Trades.QueryAsync(filter)).Select(t => t.Id)];
}
