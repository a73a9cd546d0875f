namespace QuantPulse.Storage.Internal;

/// <summary>
/// A mapped row that writes itself: its table, its columns in the order the migrations create them, and its values in
/// that order, spelled out by hand so the bulk writers bind them by position without reflection or code generated at
/// run time (which a trimmed, ahead-of-time compiled build does not have).
/// </summary>
/// <typeparam name="TSelf">The row type.</typeparam>
internal interface IStoredRow<TSelf>
    where TSelf : IStoredRow<TSelf>
{
    /// <summary>The table and its columns, in the order <see cref="WriteTo"/> writes the values.</summary>
    static abstract StoredTable Table { get; }

    /// <summary>Writes this row's values to <paramref name="values"/>, one call per column of <see cref="Table"/>, in order.</summary>
    void WriteTo(IColumnValues values);
}

/// <summary>A table written by a bulk writer: its name and its columns, in order.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The column names.</param>
internal sealed record StoredTable(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>The columns as a quoted, comma-separated SQL list.</summary>
    public string ColumnList { get; } = string.Join(", ", Columns.Select(c => "\"" + c + "\""));
}

/// <summary>Receives one row's values, column by column, each typed as the domain holds it.</summary>
internal interface IColumnValues
{
    void Text(string? value);

    /// <summary>JSON text (a <c>jsonb</c> column on PostgreSQL, text on SQLite).</summary>
    void Json(string value);

    void Time(DateTimeOffset? value);

    void Decimal(decimal? value);

    void Double(double? value);

    void Integer(int value);
}
