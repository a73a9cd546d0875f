using QuantPulse.Cli.Commands;
using QuantPulse.Sources;

namespace QuantPulse.Cli.Tests.Commands;

public class ConnectionReporterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 26, 13, 52, 0, TimeSpan.Zero);
    private static readonly Uri Endpoint = new("ws://venue.test/v3");

    private static ConnectionStatus Retry(int attempt, double seconds, double delay, string reason = "refused") =>
        new(ConnectionState.Reconnecting, attempt, T0.AddSeconds(seconds)) { RetryDelay = TimeSpan.FromSeconds(delay), Reason = reason };

    [Fact]
    public void OnNext_FailuresWithinTheInterval_OneLineThenACountInTheNext()
    {
        using var error = new StringWriter { NewLine = "\n" };
        var reporter = new ConnectionReporter(error, "quantpulse record", Endpoint);

        reporter.OnNext(new ConnectionStatus(ConnectionState.Connecting, 0, T0));
        reporter.OnNext(Retry(1, 0, 0.9));
        reporter.OnNext(Retry(2, 1, 1.8));
        reporter.OnNext(Retry(3, 3, 3.6, "timed\r\nout"));
        reporter.OnNext(Retry(4, 7, 7.2));
        reporter.OnNext(Retry(5, 14.5, 14.4, "reset"));
        reporter.OnNext(new ConnectionStatus(ConnectionState.Live, 0, T0.AddSeconds(29)));
        reporter.OnNext(Retry(1, 40, 1));

        Assert.Equal(
            [
                "quantpulse record: ws://venue.test/v3: refused; retrying in 0.9 s (failure 1)",
                "quantpulse record: ws://venue.test/v3: reset; retrying in 14.4 s (failure 5, 3 more since the last report)",
                "quantpulse record: ws://venue.test/v3: connected again after 5 failures",
                "quantpulse record: ws://venue.test/v3: refused; retrying in 1.0 s (failure 1)",
            ],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("refused", reporter.LastReason);
    }

    [Fact]
    public void OnNext_LiveWithoutTrouble_SaysNothing()
    {
        using var error = new StringWriter();
        var reporter = new ConnectionReporter(error, "quantpulse record", Endpoint);

        reporter.OnNext(new ConnectionStatus(ConnectionState.Connecting, 0, T0));
        reporter.OnNext(new ConnectionStatus(ConnectionState.Backfilling, 0, T0));
        reporter.OnNext(new ConnectionStatus(ConnectionState.Live, 0, T0));
        reporter.OnNext(new ConnectionStatus(ConnectionState.Stopped, 0, T0));

        Assert.Empty(error.ToString());
        Assert.Null(reporter.LastReason);
    }
}
