using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>The bars of a CSV file, as read by <see cref="CsvCandleReader"/>: an immutable snapshot.</summary>
public sealed class CsvCandleFile
{
    internal CsvCandleFile(
        string name,
        IReadOnlyList<string> columns,
        IReadOnlyList<CsvCandleRow> rows,
        Timeframe? timeframe,
        TimeSpan? spacing,
        IReadOnlyList<string> errors)
    {
        Name = name;
        Columns = columns;
        Rows = rows;
        Candles = [.. rows.Select(r => r.Candle)];
        Timeframe = timeframe;
        Spacing = spacing;
        Errors = errors;
    }

    /// <summary>The file's name, as used in messages.</summary>
    public string Name { get; }

    /// <summary>The header cells, unchanged (a byte order mark removed).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<CsvCandleRow> Rows { get; }

    /// <summary>The candles of <see cref="Rows"/>, in file order.</summary>
    public IReadOnlyList<Candle> Candles { get; }

    /// <summary>
    /// The bars' timeframe: the one configured, else the supported timeframe equal to <see cref="Spacing"/>;
    /// <c>null</c> when neither is known (weekly bars, a single bar), in which case the candles carry the default,
    /// invalid <see cref="Model.Timeframe"/> and only their prices and times are meaningful.
    /// </summary>
    public Timeframe? Timeframe { get; }

    /// <summary>
    /// The most common positive distance between consecutive bars of the same symbol (the shortest among equally
    /// common ones), or <c>null</c> when no symbol has two bars in increasing time.
    /// </summary>
    public TimeSpan? Spacing { get; }

    /// <summary>With <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>: one message per skipped row, such as <c>line 17: close 'abc' is not a number</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
