namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>
/// The decimals an instrument quotes with, read from its tick prices (a trade's entry, a signal's entry, the last
/// price): the most decimals any of them carries once trailing zeros are dropped. Computed levels such as a stop loss
/// or take profit carry many more; they are shown rounded to this precision.
/// </summary>
internal static class PricePrecision
{
    /// <summary>The most decimals shown, whatever the prices carry.</summary>
    public const int MaxDecimals = 6;

    /// <summary>The decimals shown when no tick price of the asset is known.</summary>
    public const int DefaultDecimals = 2;

    /// <summary>The decimals one tick price carries, trailing zeros dropped, at most <see cref="MaxDecimals"/>.</summary>
    public static int Of(decimal price) => Math.Min((int)(price / 1.000000000000000000000000000000000m).Scale, MaxDecimals);

    /// <summary>The decimals of the asset: the most any of its tick prices carries.</summary>
    public static int Of(IEnumerable<decimal> tickPrices) =>
        tickPrices.Select(Of).DefaultIfEmpty(DefaultDecimals).Max();

    /// <summary>The decimals of each asset from its tick prices.</summary>
    public static IReadOnlyDictionary<string, int> ByAsset(IEnumerable<(string Asset, decimal Price)> tickPrices) =>
        tickPrices.GroupBy(p => p.Asset, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of(g.Select(p => p.Price)), StringComparer.Ordinal);

    /// <summary>The decimals of <paramref name="asset"/> in <paramref name="byAsset"/>, or the default.</summary>
    public static int For(IReadOnlyDictionary<string, int> byAsset, string asset) =>
        byAsset.TryGetValue(asset, out var decimals) ? decimals : DefaultDecimals;
}
