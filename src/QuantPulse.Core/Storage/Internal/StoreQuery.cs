namespace QuantPulse.Storage.Internal;

/// <summary>How the parts of a <see cref="StoreFilter"/> or a range read become query values.</summary>
internal static class StoreQuery
{
    /// <summary>A range bound as stored (UTC microseconds), or null when unbounded.</summary>
    public static DateTimeOffset? Bound(DateTimeOffset? time) => time is { } t ? StorageTime.Truncate(t) : null;

    /// <summary>A strategy folded to upper case, compared with the column's <c>UPPER</c> (ASCII case on every backend).</summary>
    public static string? Folded(string? strategy) => strategy?.ToUpperInvariant();

    /// <summary>
    /// The plain-SQL condition of a range read in one run scope: <paramref name="time"/> from <paramref name="from"/>
    /// (inclusive) to <paramref name="to"/> (exclusive), both as stored, and the asset when one is given.
    /// </summary>
    public static (string Where, (string Name, object? Value)[] Values) Range(
        StoreDb db, RunTag tag, string time, DateTimeOffset from, DateTimeOffset to, string? asset)
    {
        var where = $"run_scope = @scope AND {time} >= @first AND {time} < @end";
        (string, object?)[] values = [("scope", tag.Scope), ("first", db.Sql.Time(from)), ("end", db.Sql.Time(to))];
        return asset is null ? (where, values) : (where + " AND asset = @asset", [.. values, ("asset", asset)]);
    }
}
