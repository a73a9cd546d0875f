namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>Waits for a condition the host reaches on its own (a replay finishing), failing after a hang timeout.</summary>
public static class Poll
{
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(90);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var hang = new CancellationTokenSource(HangTimeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, hang.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Not reached within {HangTimeout}: {what}");
            }
        }
    }
}
