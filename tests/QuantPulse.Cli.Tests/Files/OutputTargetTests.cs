using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Files;
using QuantPulse.Cli.Tests.Testing;

namespace QuantPulse.Cli.Tests.Files;

public sealed class OutputTargetTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliConsole _console = new(new StringWriter(), new StringWriter());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DisposeAsync_NotCompleted_DeletesTheFile()
    {
        var path = _temp.File("out.csv");
        await File.WriteAllTextAsync(path, "an older output\n");

        await using (var output = OutputTarget.Open(path, _console))
        {
            await output.Writer.WriteAsync("partial");
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task DisposeAsync_CompletedThroughASymbolicLink_TargetHoldsExactlyTheOutput()
    {
        var (target, link) = await LinkToFileAsync();

        await using (var output = OutputTarget.Open(link, _console))
        {
            await output.Writer.WriteAsync("new\n");
            await output.CompleteAsync();
        }

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("new\n", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task DisposeAsync_NotCompletedThroughASymbolicLink_KeepsTheLinkAndEmptiesItsTarget()
    {
        var (target, link) = await LinkToFileAsync();

        await using (var output = OutputTarget.Open(link, _console))
        {
            await output.Writer.WriteAsync("partial");
        }

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task IsRegularFile_FileOnDisk_TrueAndItsContentKept()
    {
        var path = _temp.File("out.csv");
        await File.WriteAllTextAsync(path, "data\n");
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            Assert.True(OutputTarget.IsRegularFile(stream));
        }

        Assert.Equal("data\n", await File.ReadAllTextAsync(path));
    }

    // The file is probed without emptying it first (an empty one grows to a byte): what completes is exactly what was written.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteAsync_NothingWritten_LeavesAnEmptyFile(bool existed)
    {
        var path = _temp.File("out.csv");
        if (existed)
        {
            await File.WriteAllTextAsync(path, "an older output\n");
        }

        await using (var output = OutputTarget.Open(path, _console))
        {
            await output.CompleteAsync();
        }

        Assert.Equal(0, new FileInfo(path).Length);
    }

    // A recording's file is kept when a second Ctrl+C ends the process before the output completes, so it must
    // never hold an older file's bytes after what was recorded.
    [Fact]
    public async Task OpenRecording_ExistingFile_EmptiedBeforeAnythingIsWritten()
    {
        var path = _temp.File("ticks.csv");
        await File.WriteAllTextAsync(path, "an older and longer recording\n");

        await using var output = OutputTarget.OpenRecording(path, _console);

        Assert.Equal(0, new FileInfo(path).Length);
    }

    // A device (the null device here, /dev/full or a terminal alike) is written to but never truncated or deleted.
    [UnixFact]
    public async Task IsRegularFile_CharacterDevice_False()
    {
        await using var stream = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);

        Assert.False(OutputTarget.IsRegularFile(stream));
    }

    [Fact]
    public async Task Open_SymbolicLinkToAnInput_RefusedAndTheInputIsUntouched()
    {
        var input = _temp.File("ticks.csv");
        await File.WriteAllTextAsync(input, "time,symbol,price\n2024-01-02T00:00:00Z,X,1\n");
        var link = _temp.File("out.csv");
        File.CreateSymbolicLink(link, input);

        var error = Assert.Throws<UsageException>(() => OutputTarget.Open(link, _console, input));

        Assert.Equal($"--output: '{link}' is the same file as '{input}'; write to another file", error.Message);
        Assert.Equal("time,symbol,price\n2024-01-02T00:00:00Z,X,1\n", await File.ReadAllTextAsync(input));
        Assert.Equal(input, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public async Task Open_ExistingFileThatIsNoInput_Replaced()
    {
        var input = _temp.File("ticks.csv");
        await File.WriteAllTextAsync(input, "time,symbol,price\n");
        var path = _temp.File("out.csv");
        await File.WriteAllTextAsync(path, "an older and longer output\n");

        await using (var output = OutputTarget.Open(path, _console, input))
        {
            await output.Writer.WriteAsync("new\n");
            await output.CompleteAsync();
        }

        Assert.Equal("new\n", await File.ReadAllTextAsync(path));
        Assert.Equal("time,symbol,price\n", await File.ReadAllTextAsync(input));
    }

    // A file holding an older, longer output, and a symbolic link to it.
    private async Task<(string Target, string Link)> LinkToFileAsync()
    {
        var target = _temp.File("target.csv");
        await File.WriteAllTextAsync(target, "an older and longer output\n");
        var link = _temp.File("link.csv");
        File.CreateSymbolicLink(link, target);
        return (target, link);
    }
}
