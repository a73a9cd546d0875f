using System.Globalization;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Analytics;

/// <summary>Columns of statsmodels' data sets in <c>../shared/reference/vectors</c> (quoted header, numbers).</summary>
internal static class StatsmodelsData
{
    public static double[] Column(string file, string name)
    {
        var lines = File.ReadAllLines(ReferenceData.PathOf("vectors", file)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        var index = header.IndexOf(name);
        Assert.True(index >= 0, $"{file} has no column {name}");
        return [.. lines.Skip(1).Select(l => double.Parse(l.Split(',')[index], CultureInfo.InvariantCulture))];
    }
}
