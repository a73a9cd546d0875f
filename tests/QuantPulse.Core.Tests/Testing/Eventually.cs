namespace QuantPulse.Tests.Testing;

/// <summary>Waits for a condition that another thread makes true; reaching the bound means a hang, not slowness.</summary>
public static class Eventually
{
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<bool> condition, string? what = null)
    {
        using var hang = new CancellationTokenSource(HangTimeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(1, hang.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Condition not met within {HangTimeout}: {what ?? "(unnamed)"}");
            }
        }
    }
}
