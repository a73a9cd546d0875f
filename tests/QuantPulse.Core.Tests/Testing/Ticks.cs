using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>Builds timestamped ticks for scripted tests.</summary>
public static class Ticks
{
    /// <summary>The day every scripted time falls on (the <see cref="ManualTimeProvider"/> default start).</summary>
    public static readonly DateTimeOffset Day = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The instant <paramref name="time"/> (<c>hh:mm:ss[.fffffff]</c>) on <see cref="Day"/>, UTC.</summary>
    public static DateTimeOffset At(string time) => Day + TimeSpan.Parse(time, CultureInfo.InvariantCulture);

    public static Tick Trade(string time, decimal price, decimal size = 1m, string symbol = "R_100") =>
        new(symbol, At(time), price, size, "test");

    public static Tick Trade(DateTimeOffset time, decimal price, decimal size = 1m, string symbol = "R_100") =>
        new(symbol, time, price, size, "test");

    /// <summary>
    /// A reproducible random walk over <paramref name="symbols"/>: irregular spacing, quiet stretches of several
    /// minutes, repeated timestamps, and now and then a tick that arrives a little (or a lot) out of order.
    /// </summary>
    public static Tick[] RandomWalk(int seed, int count, DateTimeOffset start, params string[] symbols)
    {
        var random = new Random(seed);
        var ticks = new Tick[count];
        var prices = symbols.Select(_ => 1000m).ToArray();
        var time = start;
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            time += roll switch
            {
                < 2 => TimeSpan.FromMinutes(random.Next(2, 12)),
                < 10 => TimeSpan.Zero,
                _ => TimeSpan.FromMilliseconds(random.Next(1, 20_000)),
            };
            var s = random.Next(symbols.Length);
            prices[s] = Math.Max(1m, prices[s] + (random.Next(-50, 51) * 0.01m));
            var stamp = roll switch
            {
                >= 97 => time - TimeSpan.FromSeconds(random.Next(1, 90)),
                _ => time,
            };
            ticks[i] = new Tick(symbols[s], stamp, prices[s], random.Next(0, 5) * 0.5m, "test");
        }

        return ticks;
    }
}
