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
    /// (inclusive) to <paramref name="to"/> (exclusive), both as stored, and the asset when one is given. In a join,
    /// <paramref name="table"/> is the alias that qualifies the columns (<c>t.</c>); otherwise it is empty.
    /// </summary>
    public static (string Where, (string Name, object? Value)[] Values) Range(
        StoreDb db, RunTag tag, string time, DateTimeOffset from, DateTimeOffset to, string? asset, string table = "")
    {
        var where = $"{table}run_scope = @scope AND {table}{time} >= @first AND {table}{time} < @end";
        (string, object?)[] values = [("scope", tag.Scope), ("first", db.Sql.Time(from)), ("end", db.Sql.Time(to))];
        return asset is null ? (where, values) : (where + $" AND {table}asset = @asset", [.. values, ("asset", asset)]);
    }
}
