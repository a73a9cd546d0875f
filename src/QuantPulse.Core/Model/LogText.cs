using System.Globalization;
using System.Text;

namespace QuantPulse.Model;

/// <summary>How values appear in log messages: times as ISO-8601 UTC, failures as one line without a stack trace.</summary>
/// <remarks>
/// Log arguments are formatted here, not by the logger, because structured formatters (the JSON console) write an
/// argument's invariant <c>ToString()</c>, which for a <see cref="DateTimeOffset"/> is <c>12/06/2026 00:10:00 +00:00</c>.
/// </remarks>
internal static class LogText
{
    /// <summary>The time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> in UTC.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The exception's type and message, then those of its inner exceptions, on one line.</summary>
    public static string Error(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } && e.InnerException is not null)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(e.GetType().Name).Append(": ").Append(e.Message.ReplaceLineEndings(" ").Trim());
        }

        return text.ToString();
    }
}
