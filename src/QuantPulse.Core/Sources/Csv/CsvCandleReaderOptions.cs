using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Settings of <see cref="CsvCandleReader"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="Symbol"/></term><description><c>null</c>: the <c>symbol</c> column, else the file name without extension</description></item>
/// <item><term><see cref="Timeframe"/></term><description><c>null</c>: inferred from the most common spacing</description></item>
/// <item><term><see cref="SkipMalformedRows"/></term><description><c>false</c>: the first malformed row is an error</description></item>
/// </list>
/// </remarks>
public sealed class CsvCandleReaderOptions
{
    private readonly string? _symbol;
    private readonly Timeframe? _timeframe;

    /// <summary>The symbol of every bar of a file without a <c>symbol</c> column (ignored when the column exists).</summary>
    /// <exception cref="ArgumentException">Empty or white space.</exception>
    public string? Symbol
    {
        get => _symbol;
        init => _symbol = SourceOptionGuards.OptionalSymbol(value, nameof(Symbol));
    }

    /// <summary>The bars' timeframe, when known; <c>null</c> infers it (see <see cref="CsvCandleFile.Timeframe"/>).</summary>
    /// <exception cref="ArgumentException">The default (invalid) <see cref="Model.Timeframe"/>.</exception>
    public Timeframe? Timeframe
    {
        get => _timeframe;
        init
        {
            if (value is { IsValid: false })
            {
                throw new ArgumentException("The timeframe is not valid; use Timeframe.Parse or a static member.", nameof(Timeframe));
            }

            _timeframe = value;
        }
    }

    /// <summary>
    /// Whether malformed rows are skipped and listed in <see cref="CsvCandleFile.Errors"/> instead of failing the read.
    /// </summary>
    public bool SkipMalformedRows { get; init; }
}
