using QuantPulse.CircuitLoad;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class LoadCommandTests
{
    [Theory]
    [InlineData("--circuits", "50")]
    [InlineData("--url", "ftp://127.0.0.1/")]
    [InlineData("--url", "http://127.0.0.1:1/", "--circuits", "0")]
    [InlineData("--url", "http://127.0.0.1:1/", "--seconds", "soon")]
    [InlineData("--url", "http://127.0.0.1:1/", "--pages", "5")]
    [InlineData("--url")]
    public async Task RunAsync_BadOptions_ExitsWithTwoBeforeConnecting(params string[] args)
    {
        Assert.Equal(2, await LoadCommand.RunAsync(args));
    }

    [Fact]
    public async Task RunAsync_NoHostListening_ExitsWithTwo()
    {
        // Port 1 on loopback: nothing listens, so the page cannot be loaded and no circuit opens.
        Assert.Equal(2, await LoadCommand.RunAsync(["--url", "http://127.0.0.1:1/", "--circuits", "1", "--open-timeout", "30"]));
    }
}
