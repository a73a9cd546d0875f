namespace QuantPulse.Tests.Testing;

/// <summary>
/// The project's own indicator fixtures under <c>Indicators/TestData</c>, written by
/// <c>generate_indicators_seeded.py</c> (committed beside them).
/// </summary>
public static class SeededFixtures
{
    public const string IndicatorsFile = "indicators.seeded.csv";

    public const string SessionFile = "session.seeded.csv";

    private static readonly Lazy<TableFile> IndicatorsTable = new(() => Load(IndicatorsFile));

    private static readonly Lazy<TableFile> SessionTable = new(() => Load(SessionFile));

    /// <summary>420 seeded daily candles with a rising start, a flat stretch and a gap, and every indicator's columns.</summary>
    public static TableFile Indicators => IndicatorsTable.Value;

    /// <summary>80 seeded hourly candles over four UTC days, some without volume, with the session indicators' columns.</summary>
    public static TableFile Session => SessionTable.Value;

    private static TableFile Load(string name) =>
        TableFile.Load(Path.Combine(AppContext.BaseDirectory, "Indicators", "TestData", name));
}
