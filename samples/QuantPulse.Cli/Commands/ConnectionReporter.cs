using System.Globalization;
using QuantPulse.Sources;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// Tells the user on standard error when a live source cannot reach its venue: each failed connection or lost
/// connection with the delay before the next attempt, at most one line per <see cref="ReportInterval"/> (the lines
/// held back are counted in the next), and one line when the source is live again.
/// </summary>
/// <remarks>
/// Status changes arrive on the source's threads; writes are serialised here and the caller disposes the
/// subscription before it writes anything else.
/// </remarks>
internal sealed class ConnectionReporter(TextWriter error, string prefix, Uri endpoint) : IObserver<ConnectionStatus>
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastReport;
    private int _heldBack;
    private int _attempts;
    private string? _lastReason;

    /// <summary>The least time between two reports of failed attempts.</summary>
    public static TimeSpan ReportInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Why the last connection failed or ended, if one did.</summary>
    public string? LastReason
    {
        get
        {
            lock (_gate)
            {
                return _lastReason;
            }
        }
    }

    public void OnNext(ConnectionStatus value)
    {
        lock (_gate)
        {
            if (value is { State: ConnectionState.Reconnecting, RetryDelay: { } delay })
            {
                _attempts = value.Attempt;
                _lastReason = OneLine(value.Reason);
                if (_lastReport is { } last && value.Since - last < ReportInterval)
                {
                    _heldBack++;
                    return;
                }

                var heldBack = _heldBack > 0 ? string.Create(CultureInfo.InvariantCulture, $", {_heldBack} more since the last report") : string.Empty;
                error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{prefix}: {endpoint}: {_lastReason}; retrying in {delay.TotalSeconds:0.0} s (failure {value.Attempt}{heldBack})"));
                _lastReport = value.Since;
                _heldBack = 0;
            }
            else if (value.State == ConnectionState.Live && _attempts > 0)
            {
                error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{prefix}: {endpoint}: connected again after {Words.Count(_attempts, "failure")}"));
                _attempts = 0;
                _lastReport = null;
                _heldBack = 0;
            }
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    private static string OneLine(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.ReplaceLineEndings(" ").Trim();
}
