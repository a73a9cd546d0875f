using QuantPulse.Indicators;

namespace QuantPulse.Tests.Testing;

/// <summary>Compares a batch result with columns of the seeded indicator fixture (<see cref="SeededFixtures.Indicators"/>).</summary>
public static class FixtureAssert
{
    public static void Matches<T>(IReadOnlyList<IndicatorPoint<T>> actual, params (string Column, Func<T, double?> Select)[] columns)
        where T : struct
    {
        foreach (var (column, select) in columns)
        {
            SeriesAssert.Matches(
                SeededFixtures.Indicators.Column(column), actual, select, Tolerance.Relative9, nullsMustMatch: true, $"{SeededFixtures.IndicatorsFile} {column}");
        }
    }
}
