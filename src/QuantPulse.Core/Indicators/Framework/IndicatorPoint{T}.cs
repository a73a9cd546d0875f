namespace QuantPulse.Indicators;

/// <summary>One value of a batch-computed indicator series.</summary>
/// <typeparam name="T">The indicator's value type.</typeparam>
/// <param name="Time">The open time of the candle the value belongs to.</param>
/// <param name="Value">The value, or <c>null</c> during warm-up.</param>
public readonly record struct IndicatorPoint<T>(DateTimeOffset Time, T? Value)
    where T : struct;
