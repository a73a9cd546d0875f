using System.Globalization;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>The <c>runs</c> row of one start of a live host.</summary>
internal static class LiveRun
{
    public const string Command = "live";

    /// <summary>A new run id (<c>live-20261206T120000.000Z-1a2b3c4d</c>) and the settings that shape the run's rows.</summary>
    public static RunRecord Describe(QuantPulseOptions options, IEnumerable<ITickSourceFactory> sources, DateTimeOffset now)
    {
        var id = string.Create(
            CultureInfo.InvariantCulture,
            $"{Command}-{now.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}-{Guid.NewGuid().ToString("N")[..8]}");
        var parameters = string.Join(
            "; ",
            "sources " + string.Join(",", sources.Where(f => f.IsEnabled).Select(f => f.Id)),
            "timeframes " + string.Join(",", options.Candles.Timeframes),
            "strategies " + string.Join(",", options.Strategies.Select(s => s.Id)));
        return new RunRecord(id, now, Command, parameters, null, RunStatus.Running);
    }
}
