namespace QuantPulse.CircuitLoad;

/// <summary>Many circuits of one page, opened a few at a time; each counts as open once it has rendered.</summary>
public sealed class CircuitSet : IAsyncDisposable
{
    private readonly List<CircuitClient> _clients = [];
    private readonly Lock _gate = new();

    /// <summary>The open circuits.</summary>
    public IReadOnlyList<CircuitClient> Clients
    {
        get
        {
            lock (_gate)
            {
                return [.. _clients];
            }
        }
    }

    /// <summary>How many circuits are live.</summary>
    public int Live => Clients.Count(c => c.IsLive);

    /// <summary>
    /// Opens <paramref name="count"/> circuits, <paramref name="parallel"/> at a time; each must start, receive a render
    /// batch and a JavaScript call (the chart) within <paramref name="timeout"/>, or <see cref="CircuitException"/> says which did not.
    /// </summary>
    public async Task OpenAsync(HttpClient http, Uri page, int count, int parallel, TimeSpan timeout)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        var tasks = Enumerable.Range(0, count).Select(async n =>
        {
            await gate.WaitAsync();
            try
            {
                using var limit = new CancellationTokenSource(timeout);
                var client = await CircuitClient.OpenAsync(http, page, limit.Token);
                lock (_gate)
                {
                    _clients.Add(client);
                }

                while (client.RenderBatches == 0 || client.JSCalls == 0)
                {
                    if (client.Failure is { } failure)
                    {
                        throw new CircuitException($"circuit {n + 1} of {page} ended before it rendered: {failure}");
                    }

                    try
                    {
                        await Task.WhenAny(client.Ended, Task.Delay(100, limit.Token));
                    }
                    catch (OperationCanceledException)
                    {
                        throw new CircuitException($"circuit {n + 1} of {page} did not render within {timeout.TotalSeconds:F0} s ({client.RenderBatches} render batches, {client.JSCalls} JS calls).");
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new CircuitException($"circuit {n + 1} of {page} could not be opened within {timeout.TotalSeconds:F0} s.");
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
    }

    /// <summary>Totals over every circuit now.</summary>
    public CircuitTotals Snapshot()
    {
        var clients = Clients;
        return new CircuitTotals(
            clients.Sum(c => c.RenderBatches),
            clients.Sum(c => c.RenderBatchBytes),
            clients.Sum(c => c.JSCalls),
            [.. clients.Select(c => c.RenderBatches)]);
    }

    /// <summary>How many circuits received no render batch since <paramref name="since"/>.</summary>
    public int Stalled(CircuitTotals since)
    {
        ArgumentNullException.ThrowIfNull(since);
        var clients = Clients;
        return clients.Where((c, i) => i >= since.PerCircuit.Count || c.RenderBatches <= since.PerCircuit[i]).Count();
    }

    /// <summary>Why circuits ended, one line each.</summary>
    public IEnumerable<string> Failures() =>
        Clients.Where(c => c.Failure is not null).Select(c => $"{c.Page} ({c.CircuitId?[..Math.Min(8, c.CircuitId.Length)]}…): {c.Failure}");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync();
        }
    }
}

/// <summary>Counts over a set of circuits at one moment.</summary>
public sealed record CircuitTotals(long Batches, long Bytes, long JSCalls, IReadOnlyList<long> PerCircuit);
