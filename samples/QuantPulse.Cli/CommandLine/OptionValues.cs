using System.Numerics;
using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Cli.CommandLine;

/// <summary>Typed option values; every failure is a <see cref="UsageException"/> naming the option and the text.</summary>
internal static class OptionValues
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static long Integer(string option, string text, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // A whole number too long for 64 bits is out of range, not malformed.
            if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                throw new UsageException($"{option}: '{text}' is not a whole number");
            }

            throw new UsageException(big.Sign > 0 && max == long.MaxValue ? $"{option}: {text} is too large (at most {max})"
                : big.Sign < 0 && min == long.MinValue ? $"{option}: {text} is too small (at least {min})"
                : OutOfRange(option, text, min, max));
        }

        return value < min || value > max ? throw new UsageException(OutOfRange(option, value.ToString(CultureInfo.InvariantCulture), min, max)) : value;
    }

    /// <summary>A positive decimal number.</summary>
    public static decimal PositiveDecimal(string option, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{option}: '{text}' is not a number");
        }

        return value > 0 ? value : throw new UsageException($"{option}: {text} is not positive");
    }

    /// <summary>A number in (0, <paramref name="max"/>].</summary>
    public static double PositiveDouble(string option, string text, double max)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new UsageException($"{option}: '{text}' is not a number");
        }

        return value > 0 && value <= max
            ? value
            : throw new UsageException($"{option}: {text} is outside (0, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double Number(string option, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw new UsageException($"{option}: '{text}' is not a number");
        }

        return value >= min && value <= max
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is outside {min}..{max}"));
    }

    /// <summary>A positive whole number of milliseconds, seconds, minutes or hours: <c>500ms</c>, <c>1s</c>, <c>2m</c>, <c>1h</c>.</summary>
    public static TimeSpan Duration(string option, string text)
    {
        var unitStart = 0;
        while (unitStart < text.Length && char.IsAsciiDigit(text[unitStart]))
        {
            unitStart++;
        }

        var unit = text[unitStart..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            _ => TimeSpan.Zero,
        };
        var limit = unit == TimeSpan.Zero ? 0 : TimeSpan.MaxValue.Ticks / unit.Ticks / 2;
        if (unitStart > 0 && unit != TimeSpan.Zero && BigInteger.Parse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture) > limit)
        {
            throw new UsageException($"{option}: '{text}' is too long (at most {limit}{text[unitStart..]})");
        }

        if (unitStart == 0 || unit == TimeSpan.Zero
            || !long.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0)
        {
            throw new UsageException($"{option}: '{text}' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)");
        }

        return unit * count;
    }

    /// <summary>
    /// An ISO-8601 date or date-time (<c>2024-01-02</c>, <c>2024-01-02T00:00:00Z</c>, an offset, or no zone for
    /// UTC), after the Unix epoch.
    /// </summary>
    public static DateTimeOffset Time(string option, string text)
    {
        var isIsoDate = text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';
        if (!isIsoDate || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new UsageException($"{option}: '{text}' is not an ISO-8601 time (e.g. 2024-01-02T00:00:00Z)");
        }

        return value > DateTimeOffset.UnixEpoch
            ? value
            : throw new UsageException($"{option}: {text} is not after 1970-01-01T00:00:00Z");
    }

    /// <summary>
    /// The symbols of every value of a repeatable comma-separated option, in order: at least one, none empty, none
    /// listed twice, none with a quote or a control character.
    /// </summary>
    public static IReadOnlyList<string> Symbols(string option, IReadOnlyList<string> values)
    {
        if (values.All(string.IsNullOrWhiteSpace))
        {
            throw new UsageException($"{option}: no symbols given (e.g. {option} R_100,R_10)");
        }

        var symbols = List(option, values);
        var duplicate = symbols.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"{option}: '{duplicate.Key}' is listed twice");
        }

        if (symbols.FirstOrDefault(s => s.Any(char.IsControl) || s.Contains('"', StringComparison.Ordinal)) is { } bad)
        {
            throw new UsageException($"{option}: '{bad}' contains a quote or a control character");
        }

        return symbols;
    }

    /// <summary>A candle timeframe: <c>1s</c>, <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>1h</c>, <c>4h</c> or <c>1d</c> (minutes in lower case).</summary>
    public static Timeframe Timeframe(string option, string text) =>
        Model.Timeframe.TryParse(text, out var timeframe)
            ? timeframe
            : throw new UsageException($"{option}: '{text}' is not a timeframe (use {string.Join(", ", Model.Timeframe.All)})");

    /// <summary>An absolute URL with one of the given schemes (<c>ws</c>, <c>wss</c>; <c>http</c>, <c>https</c>).</summary>
    public static Uri Url(string option, string text, params string[] schemes)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !schemes.Contains(url.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException($"{option}: '{text}' is not a {string.Join(" or ", schemes.Select(s => s + "://"))} URL");
        }

        return url;
    }

    /// <summary>The comma-separated items of every value of a repeatable option, in order; empty items are errors.</summary>
    public static IReadOnlyList<string> List(string option, IReadOnlyList<string> values)
    {
        var items = new List<string>();
        foreach (var value in values)
        {
            foreach (var item in value.Split(','))
            {
                var trimmed = item.Trim();
                if (trimmed.Length == 0)
                {
                    throw new UsageException($"{option}: '{value}' has an empty item");
                }

                items.Add(trimmed);
            }
        }

        return items;
    }

    private static string OutOfRange(string option, string text, long min, long max) =>
        max == long.MaxValue ? $"{option}: {text} is below the minimum {min}" : $"{option}: {text} is outside {min}..{max}";
}
