using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Tests.CommandLine;

public class ArgumentParserTests
{
    private static readonly OptionSpec[] Options =
    [
        new("--input", "PATH", "Input", Required: true),
        new("--timeframe", "TF", "Timeframe", Repeatable: true),
        new("--output", "PATH", "Output"),
        new("--quiet", null, "Flag"),
    ];

    [Fact]
    public void Parse_RepeatedOption_KeepsEveryValueInOrder()
    {
        var parsed = ArgumentParser.Parse(["--timeframe", "1m", "--input", "a.csv", "--timeframe=5m", "--timeframe", "1h"], Options);

        Assert.Equal(["1m", "5m", "1h"], parsed.Values("--timeframe"));
        Assert.Equal("a.csv", parsed.Value("--input"));
    }

    [Fact]
    public void Parse_DifferentOptions_GivenKeepsCommandLineOrder()
    {
        var parsed = ArgumentParser.Parse(["--timeframe", "5m", "--input", "a.csv", "--quiet", "--timeframe=1m"], Options);

        Assert.Equal(
            [new("--timeframe", "5m"), new("--input", "a.csv"), new("--quiet", string.Empty), new("--timeframe", "1m")],
            parsed.Given);
    }

    [Fact]
    public void Parse_FlagAndDashValueAndEqualsForm_Accepted()
    {
        var parsed = ArgumentParser.Parse(["--input=x=y.csv", "--output", "-", "--quiet"], Options);

        Assert.Equal("x=y.csv", parsed.Value("--input"));
        Assert.Equal("-", parsed.Value("--output"));
        Assert.True(parsed.Has("--quiet"));
        Assert.False(parsed.Has("--timeframe"));
        Assert.Empty(parsed.Values("--timeframe"));
        Assert.Null(parsed.Value("--timeframe"));
    }

    [Theory]
    [InlineData(new[] { "--input", "a", "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--input", "a", "--bogus=1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--input", "a", "-x" }, "unknown option '-x'")]
    [InlineData(new[] { "--input", "a", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "--input", "a", "--" }, "unexpected argument '--'")]
    [InlineData(new[] { "--input" }, "option --input needs a value (PATH)")]
    [InlineData(new[] { "--input", "--quiet" }, "option --input needs a value (PATH)")]
    [InlineData(new[] { "--input", "a", "--output", "b", "--output", "c" }, "option --output is given more than once")]
    [InlineData(new[] { "--input", "a", "--quiet=yes" }, "option --quiet takes no value")]
    [InlineData(new[] { "--output", "b" }, "missing required option --input PATH")]
    public void Parse_BadArguments_ThrowsUsageExceptionNamingProblem(string[] args, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => ArgumentParser.Parse(args, Options));

        Assert.Equal(expected, ex.Message);
    }
}
