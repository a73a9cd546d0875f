using System.Globalization;
using System.Text;

namespace QuantPulse.Tests.Testing;

/// <summary>How far an actual value may be from the expected one: <c>max(Absolute, Relative·|expected|)</c>.</summary>
public readonly record struct Tolerance(double Absolute, double Relative)
{
    /// <summary>1e-9 relative to the expected value (with a 1e-12 floor for values at or near zero).</summary>
    public static Tolerance Relative9 { get; } = new(1e-12, 1e-9);

    public static Tolerance AbsoluteOf(double absolute) => new(absolute, 0);

    public double Allowed(double expected) => Math.Max(Absolute, Relative * Math.Abs(expected));
}

/// <summary>Compares an indicator's output with an expected column.</summary>
public static class SeriesAssert
{
    /// <summary>
    /// Asserts that every expected value is matched within the tolerance. With <paramref name="nullsMustMatch"/>
    /// the warm-up must also agree (null exactly where the expected column is empty); without it only rows with
    /// an expected value are compared (LEAN leaves some early cells empty).
    /// </summary>
    public static void Matches(
        IReadOnlyList<double?> expected,
        IReadOnlyList<double?> actual,
        Tolerance tolerance,
        bool nullsMustMatch,
        string label)
    {
        Assert.Equal(expected.Count, actual.Count);
        var failures = new StringBuilder();
        var failureCount = 0;
        var compared = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            string? problem = null;
            if (e is null)
            {
                if (nullsMustMatch && a is not null)
                {
                    problem = $"expected no value, got {a.Value.ToString("R", CultureInfo.InvariantCulture)}";
                }
            }
            else if (a is null)
            {
                problem = $"expected {e.Value.ToString("R", CultureInfo.InvariantCulture)}, got no value";
            }
            else
            {
                compared++;
                var deviation = Math.Abs(a.Value - e.Value);
                if (!(deviation <= tolerance.Allowed(e.Value)))
                {
                    problem = string.Create(
                        CultureInfo.InvariantCulture, $"expected {e.Value:R}, got {a.Value:R} (|Δ| {deviation:G3})");
                }
            }

            if (problem is not null && failureCount++ < 8)
            {
                failures.Append(CultureInfo.InvariantCulture, $"\n  row {i}: {problem}");
            }
        }

        Assert.True(compared > 0, $"{label}: nothing was compared.");
        Assert.True(failureCount == 0, $"{label}: {failureCount} of {expected.Count} rows differ:{failures}");
    }

    /// <summary>The same as <see cref="Matches"/> for a batch result projected to one field.</summary>
    public static void Matches<T>(
        IReadOnlyList<double?> expected,
        IReadOnlyList<QuantPulse.Indicators.IndicatorPoint<T>> actual,
        Func<T, double?> field,
        Tolerance tolerance,
        bool nullsMustMatch,
        string label)
        where T : struct =>
        Matches(expected, actual.Select(p => p.Value is { } v ? field(v) : null).ToArray(), tolerance, nullsMustMatch, label);
}
