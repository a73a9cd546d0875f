namespace QuantPulse.Tests.Testing;

/// <summary>
/// Waits for a condition that another thread, a server or a process makes true. The bound only turns a hang into a
/// failure: reaching it means a hang, never slowness, and no test measures time with it.
/// </summary>
public static class Eventually
{
    /// <summary>The bound for a condition on in-process state.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The default bound for a condition that asks a host or a server (it may still be starting or replaying).</summary>
    public static readonly TimeSpan ServerHangTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Waits until <paramref name="condition"/> on in-process state holds, checking it every millisecond.</summary>
    public static Task TrueAsync(Func<bool> condition, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), what ?? "(unnamed)", HangTimeout, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking it every <paramref name="interval"/> (20 ms unless
    /// given) for at most <paramref name="hangTimeout"/> (<see cref="ServerHangTimeout"/> unless given); a failure
    /// names <paramref name="what"/> and adds what <paramref name="state"/> says about the processes involved.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? hangTimeout = null, TimeSpan? interval = null, Func<string>? state = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var bound = hangTimeout ?? ServerHangTimeout;
        using var hang = new CancellationTokenSource(bound);
        while (!await condition())
        {
            try
            {
                await Task.Delay(interval ?? TimeSpan.FromMilliseconds(20), hang.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Not reached within {bound}: {what}{(state is null ? string.Empty : "\n" + state())}");
            }
        }
    }
}
