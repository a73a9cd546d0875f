using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>Ways a candle's prices can be impossible.</summary>
public enum BadPrices
{
    ZeroLow,
    NegativeClose,
    AllZero,
    HighBelowLow,
    OpenAboveHigh,
    CloseBelowLow,
}

/// <summary>Builds closed candles for indicator tests.</summary>
public static class TestCandles
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Candle At(DateTimeOffset openTime, decimal open, decimal high, decimal low, decimal close, string symbol = "TEST") =>
        new(symbol, Timeframe.OneDay, openTime, open, high, low, close, 0m, 1, IsClosed: true);

    /// <summary>A deterministic random walk of valid daily candles on a 0.01 grid.</summary>
    public static Candle[] RandomWalk(int count, int seed = 7, decimal start = 100m, string symbol = "TEST", Timeframe? timeframe = null)
    {
        var tf = timeframe ?? Timeframe.OneDay;
        var random = new Random(seed);
        var candles = new Candle[count];
        var close = start;
        for (var i = 0; i < count; i++)
        {
            var open = Round(close * (1 + (decimal)((random.NextDouble() - 0.5) * 0.004)));
            var next = Round(open * (1 + (decimal)((random.NextDouble() - 0.5) * 0.04)));
            var high = Round(Math.Max(open, next) * (1 + (decimal)(random.NextDouble() * 0.01)));
            var low = Round(Math.Min(open, next) * (1 - (decimal)(random.NextDouble() * 0.01)));
            candles[i] = new Candle(
                symbol, tf, Start + (tf.Duration * i), open, high, low, next, random.Next(1, 1000), 10, IsClosed: true);
            close = next;
        }

        return candles;
    }

    /// <summary>A copy of <paramref name="template"/> at <paramref name="openTime"/> with impossible prices.</summary>
    public static Candle WithBadPrices(Candle template, DateTimeOffset openTime, BadPrices kind) => kind switch
    {
        BadPrices.ZeroLow => template with { OpenTime = openTime, Low = 0m },
        BadPrices.NegativeClose => template with { OpenTime = openTime, Close = -1m, Low = -1m },
        BadPrices.AllZero => template with { OpenTime = openTime, Open = 0m, High = 0m, Low = 0m, Close = 0m },
        BadPrices.HighBelowLow => template with { OpenTime = openTime, High = template.Low - 1m },
        BadPrices.OpenAboveHigh => template with { OpenTime = openTime, Open = template.High + 1m },
        BadPrices.CloseBelowLow => template with { OpenTime = openTime, Close = template.Low - 0.01m },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static decimal ParsePrice(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.ToEven);
}
