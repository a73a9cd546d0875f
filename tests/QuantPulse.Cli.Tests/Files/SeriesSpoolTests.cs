using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Tests.Files;

public class SeriesSpoolTests
{
    [Fact]
    public void WriteTo_InMemory_SeriesInKeyOrderRowsInAppendOrder()
    {
        using var spool = new SeriesSpool<string>(StringComparer.Ordinal, memoryBudget: 1000);
        spool.Append("b", "b1\n");
        spool.Append("a", "a1\n");
        spool.Append("b", "b2\n");
        spool.Append("a", "a2\n");

        var output = new StringWriter();
        spool.WriteTo(output);

        Assert.Equal("a1\na2\nb1\nb2\n", output.ToString());
        Assert.Equal(0, spool.SpilledCharacters);
    }

    [Fact]
    public void Append_BeyondTheMemoryBudget_KeepsAtMostTheBudgetAndWritesBackTheSameText()
    {
        const int budget = 50;
        var random = new Random(5);
        var expected = new SortedDictionary<int, System.Text.StringBuilder>();
        using var spool = new SeriesSpool<int>(Comparer<int>.Default, budget);
        for (var i = 0; i < 2000; i++)
        {
            var series = random.Next(7);
            var row = $"series {series} row {i}\n";
            spool.Append(series, row);
            (expected.TryGetValue(series, out var text) ? text : expected[series] = new()).Append(row);
            Assert.True(spool.HeldCharacters <= budget, $"{spool.HeldCharacters} characters held after row {i}");
        }

        var output = new StringWriter();
        spool.WriteTo(output);

        Assert.Equal(string.Concat(expected.Values), output.ToString());
        Assert.True(spool.SpilledCharacters > 0);
    }

    [Fact]
    public void Append_RowLongerThanTheBudget_GoesStraightToDisk()
    {
        using var spool = new SeriesSpool<int>(Comparer<int>.Default, memoryBudget: 4);
        spool.Append(2, "short\n");
        spool.Append(1, "a row longer than the whole budget\n");

        var output = new StringWriter();
        spool.WriteTo(output);

        Assert.Equal("a row longer than the whole budget\nshort\n", output.ToString());
        Assert.Equal(0, spool.HeldCharacters);
    }
}
