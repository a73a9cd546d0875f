using System.Globalization;
using System.Text.RegularExpressions;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// Reads query parameters with the API's rules and remembers the first bad one, so the endpoint answers one
/// <c>400 application/problem+json</c> whose <c>detail</c> names it.
/// </summary>
internal sealed partial class ApiArguments(HttpRequest request)
{
    /// <summary>The default of <c>limit</c>.</summary>
    public const int DefaultLimit = 500;

    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The first problem found, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether a symbol is well-formed: 1–40 letters, digits, <c>_ . : -</c>, starting with a letter or digit.</summary>
    public static bool IsSymbol(string? text) => text is not null && SymbolPattern().IsMatch(text);

    /// <summary>A required or optional symbol parameter.</summary>
    public string? Symbol(string name, bool required, string? value = null)
    {
        value ??= request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return required ? Fail($"'{name}' is required.") : null;
        }

        return IsSymbol(value) ? value : Fail($"'{name}' is not a valid symbol (1 to 40 letters, digits, '_', '.', ':' or '-').");
    }

    /// <summary>A timeframe parameter (<c>1m</c>, <c>5m</c>, …).</summary>
    public Timeframe Timeframe(string name, string fallback = "1m")
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            text = fallback;
        }

        return Model.Timeframe.TryParse(text, out var timeframe)
            ? timeframe
            : Fail<Timeframe>($"'{name}' is not a timeframe; use one of {string.Join(", ", Model.Timeframe.All)}.");
    }

    /// <summary>An instant given as ISO-8601 or Unix seconds.</summary>
    public DateTimeOffset Time(string name, DateTimeOffset fallback)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds is >= 0 and <= 253_402_300_799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : Fail<DateTimeOffset>($"'{name}' is out of range (Unix seconds from 0 to 253402300799).");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : Fail<DateTimeOffset>($"'{name}' is not a time; use ISO-8601 (2026-01-02T03:04:05Z) or Unix seconds.");
    }

    /// <summary>The <c>from</c>/<c>to</c> pair, checked for order.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(DateTimeOffset from, DateTimeOffset to)
    {
        var start = Time("from", from);
        var end = Time("to", to);
        if (Error is null && end < start)
        {
            Fail($"'to' ({ApiJson.Time(end)}) is before 'from' ({ApiJson.Time(start)}).");
        }

        return (start, end);
    }

    /// <summary>The <c>limit</c> parameter: default 500, 1 to 10,000.</summary>
    public int Limit()
    {
        var text = request.Query["limit"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : Fail<int>($"'limit' must be a whole number from 1 to {MaxLimit}.");
    }

    /// <summary>A boolean parameter.</summary>
    public bool Flag(string name, bool fallback)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : Fail<bool>($"'{name}' must be true or false.");
    }

    /// <summary>A parameter restricted to a set of words (case-insensitive); null when absent.</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        return match ?? Fail($"'{name}' must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>A free-text filter (a strategy ID): at most 64 characters.</summary>
    public string? Text(string name)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length <= 64 && IsSymbol(text) ? text : Fail($"'{name}' is not a valid name.");
    }

    /// <summary>The 400 answer for <see cref="Error"/>.</summary>
    public IResult Problem() => BadRequest(Error ?? "The request is invalid.");

    /// <summary>A 400 problem with a detail.</summary>
    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    /// <summary>The 404 problem for a symbol the host does not know.</summary>
    public static IResult UnknownSymbol(string symbol) =>
        Results.Problem(detail: $"Unknown symbol '{symbol}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown symbol");

    private string? Fail(string message) => Fail<string?>(message);

    private T Fail<T>(string message)
    {
        Error ??= message;
        return default!;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();
}
