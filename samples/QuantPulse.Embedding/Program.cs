using QuantPulse.Candles;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;

// The README's embedding example, on a finite simulated market replayed as fast as possible.
// Every tick here is simulated (symbol SIM_V100, source "simulated"): these are not real prices.
var source = new SimulatedMarketSource(new SimulatedSourceOptions
{
    Symbols = ["SIM_V100"],
    Seed = 42,
    TicksPerSymbol = 3_600,
    Pacing = TickPacing.AsFastAsPossible,
});
var pipeline = new MarketPipelineBuilder(source)
    .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
    .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14))
    .OnCandle(c => Console.WriteLine(
        $"{c.Candle.Symbol} {c.Candle.Timeframe} {c.Candle.OpenTime:u} close={c.Candle.Close} ema20={c.Indicators?["ema_20"]:F2} rsi14={c.Indicators?["rsi_14"]:F1}"))
    .Build();
await pipeline.RunAsync(CancellationToken.None);
