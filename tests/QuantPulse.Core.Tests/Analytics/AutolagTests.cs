using System.Globalization;
using QuantPulse.Analytics;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Analytics;

/// <summary>
/// AIC/BIC lag selection against statsmodels 0.13.5 <c>adfuller(autolag=…)</c> and <c>coint(autolag=…)</c>:
/// TestData/autolag_expected.csv, written by TestData/autolag_reference.py from the simulated series in
/// TestData/autolag_series.csv (and from macrodata when ../shared/reference is present).
/// </summary>
public class AutolagTests
{
    private const double Tolerance = 1e-6;

    private static readonly Lazy<Dictionary<string, double[]>> Simulated = new(ReadSimulated);

    public static TheoryData<int> SimulatedRows => RowNumbers("simulated");

    public static TheoryData<int> MacrodataRows => RowNumbers("macrodata");

    [Theory]
    [MemberData(nameof(SimulatedRows))]
    public void Test_SimulatedSeriesAutolag_MatchesStatsmodels(int row) => Check(Expected()[row], Simulated.Value);

    [ReferenceTheory]
    [MemberData(nameof(MacrodataRows))]
    public void Test_MacrodataAutolag_MatchesStatsmodels(int row)
    {
        var expected = Expected()[row];
        Check(expected, new Dictionary<string, double[]> { [expected.Series] = StatsmodelsData.Column("macrodata.csv", expected.Series) });
    }

    [Fact]
    public void Test_AicAndBicDisagree_EachPicksStatsmodelsLag()
    {
        // The fixture holds at least one series where the two criteria choose different lags, so the test above
        // can tell them apart.
        var b = Expected().Where(e => e.Kind == "adf" && e.Series == "b" && e.Regression == "c").ToList();
        Assert.NotEqual(b.Single(e => e.Criterion == LagCriterion.Aic).Lags, b.Single(e => e.Criterion == LagCriterion.Bic).Lags);
        foreach (var e in b)
        {
            Assert.Equal(e.Lags, AugmentedDickeyFuller.Test(Simulated.Value["b"], AdfRegression.Constant, e.Criterion).Lags);
        }
    }

    private static void Check(ExpectedRow e, Dictionary<string, double[]> data)
    {
        if (e.Kind == "coint")
        {
            var eg = EngleGranger.Test(data["b"], data["a"], e.Criterion);
            Assert.Equal(e.Lags, eg.Lags);
            Assert.Equal(e.Statistic, eg.Statistic, Tolerance);
            Assert.Equal(e.PValue, eg.PValue, Tolerance);
            AssertCritical(e, eg.Critical);
            return;
        }

        Assert.True(AugmentedDickeyFuller.TryParse(e.Regression, out var regression));
        var adf = AugmentedDickeyFuller.Test(data[e.Series], regression, e.Criterion);
        Assert.Equal(e.Lags, adf.Lags);
        Assert.Equal(e.Nobs, adf.Nobs);
        Assert.Equal(e.Statistic, adf.Statistic, Tolerance);
        Assert.Equal(e.PValue, adf.PValue, Tolerance);
        AssertCritical(e, adf.Critical);
    }

    private static void AssertCritical(ExpectedRow e, CriticalValues critical)
    {
        Assert.Equal(e.Critical[0], critical.OnePercent, Tolerance);
        Assert.Equal(e.Critical[1], critical.FivePercent, Tolerance);
        Assert.Equal(e.Critical[2], critical.TenPercent, Tolerance);
    }

    private static TheoryData<int> RowNumbers(string source)
    {
        var data = new TheoryData<int>();
        var rows = Expected();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Source == source)
            {
                data.Add(i);
            }
        }

        return data;
    }

    private static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "Analytics", "TestData", file);

    private static List<ExpectedRow> Expected() =>
    [
        .. File.ReadAllLines(TestData("autolag_expected.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c => new ExpectedRow(
            c[0],
            c[1],
            c[2],
            c[3],
            c[4] == "aic" ? LagCriterion.Aic : LagCriterion.Bic,
            int.Parse(c[5], CultureInfo.InvariantCulture),
            Number(c[6]),
            Number(c[7]),
            c[8].Length == 0 ? 0 : int.Parse(c[8], CultureInfo.InvariantCulture),
            [Number(c[9]), Number(c[10]), Number(c[11])])),
    ];

    private static Dictionary<string, double[]> ReadSimulated()
    {
        var lines = File.ReadAllLines(TestData("autolag_series.csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return header.Select((name, i) => (name, values: rows.Select(r => Number(r[i])).ToArray())).ToDictionary(p => p.name, p => p.values);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private sealed record ExpectedRow(string Kind, string Series, string Source, string Regression, LagCriterion Criterion, int Lags, double Statistic, double PValue, int Nobs, double[] Critical);
}
