using System.Globalization;

namespace QuantPulse.Cli.Commands;

/// <summary>Counted nouns for summary lines.</summary>
internal static class Words
{
    /// <summary><c>1 candle</c>, <c>2 candles</c>.</summary>
    public static string Count(long n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
