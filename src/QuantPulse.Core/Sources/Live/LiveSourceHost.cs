using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>
/// The life cycle shared by the live sources: start on first read, run connection sessions in a reconnect loop with
/// backoff, stop when the reader stops, end the tick stream with an error when the source gives up.
/// </summary>
internal sealed class LiveSourceHost : IAsyncDisposable
{
    private readonly LiveFeed _feed;
    private readonly ReconnectOptions _reconnect;
    private readonly Func<SessionContext, CancellationToken, Task> _runSession;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _readers;

    public LiveSourceHost(LiveFeed feed, ReconnectOptions reconnect, Random random, Func<SessionContext, CancellationToken, Task> runSession)
    {
        _feed = feed;
        _reconnect = reconnect;
        _random = random;
        _runSession = runSession;
    }

    /// <summary>Starts the connection (once) and yields the buffered ticks until cancelled or the source ends.</summary>
    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _readers, 1) != 0)
        {
            throw new InvalidOperationException($"{_feed.Name}: a live source can be read only once; create a new source to read again.");
        }

        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        _run = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        try
        {
            var reader = _feed.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    _feed.MarkConsumed(item);
                    yield return item.Tick;
                }
            }
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        if (_run is { } run)
        {
            await run.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await ReconnectLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Whatever ends the loop is handed to the reader, who sees the source fault; nothing is swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            // The last attempt number stays: a stop reports how far the reconnection had got, not a reset counter.
            _feed.Publish(failure is null ? ConnectionState.Stopped : ConnectionState.Failed, _feed.Status.Attempt, reason: failure?.Message);
            _feed.Complete(failure);
        }
    }

    private async Task ReconnectLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_reconnect, _random);
        var session = new SessionContext();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Reset(backoff.Failures);
            string reason;
            try
            {
                await _runSession(session, cancellationToken).ConfigureAwait(false);
                reason = session.EndReason ?? "the venue closed the connection";
            }
            catch (Exception ex) when (IsConnectionError(ex, cancellationToken))
            {
                reason = session.EndReason ?? ex.Message;
            }

            var now = _feed.Time.GetUtcNow();
            if (session.ConnectedAt is { } connectedAt)
            {
                _feed.Connection.RecordConnectionLost();
                LiveSourceLog.ConnectionLost(_feed.Logger, _feed.Name, (long)(now - connectedAt).TotalMilliseconds, reason);
            }
            else
            {
                _feed.Connection.RecordConnectFailure();
                LiveSourceLog.ConnectFailed(_feed.Logger, _feed.Name, session.Endpoint, backoff.Failures + 1, reason);
            }

            if (session.LiveSince is { } liveSince && now - liveSince >= _reconnect.HealthyPeriod)
            {
                backoff.Reset();
            }

            backoff.RecordFailure();
            if (backoff.IsExhausted)
            {
                LiveSourceLog.GaveUp(_feed.Logger, _feed.Name, backoff.Failures);
                throw new IOException($"{_feed.Name}: gave up after {backoff.Failures} consecutive connection failures; last: {reason}");
            }

            var delay = backoff.NextDelay();

            // The timer exists before anyone hears of the delay, so a clock moved on hearing it always wakes us.
            var wait = Task.Delay(delay, _feed.Time, cancellationToken);
            _feed.Publish(ConnectionState.Reconnecting, backoff.Failures, delay, reason);
            LiveSourceLog.RetryScheduled(_feed.Logger, _feed.Name, (long)delay.TotalMilliseconds, backoff.Failures);
            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>Failures of the network or the venue, worth a retry; anything else is a bug and faults the source.</summary>
    internal static bool IsConnectionError(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        WebSocketException or IOException or HttpRequestException or TimeoutException => true,
        _ => false,
    };
}
