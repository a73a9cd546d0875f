using BenchmarkDotNet.Attributes;
using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Benchmarks;

/// <summary>Nanoseconds per closed candle for each indicator's incremental update (one operation = one Next).</summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int CandleCount = 20_000;
    private Candle[] _candles = [];
    private double?[] _row = [];
    private IndicatorSet _set = null!;

    [GlobalSetup]
    public void Setup()
    {
        _candles = MarketData.Candles(CandleCount);
        _set = new IndicatorSet([IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14)]);
        _row = new double?[_set.Columns.Count];
    }

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Ema20() => Run(new Ema(20));

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Sma20() => Run(new Sma(20));

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Rsi14() => Run(new Rsi(14));

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Atr14() => Run(new Atr(14));

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Macd12_26_9() => Run(new Macd(12, 26, 9))?.Macd;

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? Bollinger20_2() => Run(new BollingerBands(20, 2))?.Middle;

    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? StdDev20() => Run(new StandardDeviation(20))?.StdDev;

    /// <summary>EMA, RSI and ATR together through IndicatorSet.Update (what the indicator stage runs per candle).</summary>
    [Benchmark(OperationsPerInvoke = CandleCount)]
    public double? IndicatorSet_EmaRsiAtr()
    {
        _set.Reset();
        var candles = _candles;
        for (var i = 0; i < candles.Length; i++)
        {
            _set.Update(candles[i], _row);
        }

        return _row[0];
    }

    private T? Run<T>(IIndicator<T> indicator)
        where T : struct
    {
        var candles = _candles;
        T? last = null;
        for (var i = 0; i < candles.Length; i++)
        {
            last = indicator.Next(candles[i]);
        }

        return last;
    }
}
