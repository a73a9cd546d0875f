using System.Globalization;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// What a command that replays a tick file reports about the file on standard error: malformed rows or unusable DBN
/// records (skipped), late
/// ticks and ticks the candle stage refused (a size its candle's volume cannot hold, a time it cannot bucket). Each
/// kind is one line, and the command still succeeds.
/// </summary>
internal sealed class TickFileProblems(string command)
{
    private string? _firstRejection;

    /// <summary>What one rejected item of the file is called: <c>malformed row</c> (CSV) or <c>unusable record</c> (DBN).</summary>
    public string RejectedItem { get; set; } = "malformed row";

    /// <summary>Source options that send every rejected row here (the source reports them on its reading thread).</summary>
    public CsvSourceOptions SourceOptions => new() { OnRejected = Add };

    /// <summary>Writes one line per kind of problem the replay met, if any.</summary>
    public async Task ReportAsync(TextWriter error, TickSourceStatistics source, CandleStatistics candles, Timeframe shortest)
    {
        var prefix = $"{CliApp.ToolName} {command}: ";
        if (source.TotalRejected > 0)
        {
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix}skipped {Words.Count(source.TotalRejected, RejectedItem)} (first: {Volatile.Read(ref _firstRejection)})"));
        }

        if (candles.LateTicks > 0)
        {
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix}ignored {Words.Count(candles.LateTicks, "late tick")}: their {shortest} bucket had already closed (ticks must be in time order per symbol)"));
        }

        if (candles.InvalidTicks > 0)
        {
            await error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix}ignored {Words.Count(candles.InvalidTicks, "tick")} whose size would overflow its candle's volume, or timed in the last day of year 9999"));
        }
    }

    /// <summary>Records a rejected row or record (the first one is quoted in the report).</summary>
    public void Add(SourceRejection rejection) => Interlocked.CompareExchange(ref _firstRejection, rejection.Message, null);
}
