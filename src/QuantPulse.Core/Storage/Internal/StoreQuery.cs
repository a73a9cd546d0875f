namespace QuantPulse.Storage.Internal;

/// <summary>How the parts of a <see cref="StoreFilter"/> become query values.</summary>
internal static class StoreQuery
{
    /// <summary>A range bound as stored (UTC microseconds), or null when unbounded.</summary>
    public static DateTimeOffset? Bound(DateTimeOffset? time) => time is { } t ? StorageTime.Truncate(t) : null;

    /// <summary>A strategy folded to upper case, compared with the column's <c>UPPER</c> (ASCII case on every backend).</summary>
    public static string? Folded(string? strategy) => strategy?.ToUpperInvariant();
}
