using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Settings of a <see cref="CsvTickSource"/>.</summary>
/// <remarks>
/// <para>Each range check runs when the property is set; the source copies the values when it is created.</para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="Pacing"/></term><description><see cref="TickPacing.AsFastAsPossible"/></description></item>
/// <item><term><see cref="Speed"/></term><description>1 (recorded speed)</description></item>
/// <item><term><see cref="Symbol"/></term><description><c>null</c>: the file must have a <c>symbol</c> column</description></item>
/// <item><term><see cref="Source"/></term><description><see cref="TickSources.Csv"/></description></item>
/// <item><term><see cref="OnRejected"/></term><description><c>null</c></description></item>
/// </list>
/// </remarks>
public sealed class CsvSourceOptions
{
    private readonly TickPacing _pacing = TickPacing.AsFastAsPossible;
    private readonly double _speed = 1.0;
    private readonly string? _symbol;
    private readonly string _source = TickSources.Csv;

    /// <summary>Whether the replay waits for the recorded gaps between ticks or hands ticks out at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public TickPacing Pacing
    {
        get => _pacing;
        init => _pacing = SourceOptionGuards.DefinedPacing(value, nameof(Pacing));
    }

    /// <summary>With <see cref="TickPacing.Paced"/>: how many recorded seconds pass per second of the clock (2 = twice as fast).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a positive finite number.</exception>
    public double Speed
    {
        get => _speed;
        init
        {
            if (!(value > 0.0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(Speed), value, "The speed factor must be a positive finite number.");
            }

            _speed = value;
        }
    }

    /// <summary>The symbol of every tick of a file without a <c>symbol</c> column (ignored when the column exists).</summary>
    /// <exception cref="ArgumentException">Empty or white space.</exception>
    public string? Symbol
    {
        get => _symbol;
        init => _symbol = SourceOptionGuards.OptionalSymbol(value, nameof(Symbol));
    }

    /// <summary>
    /// The <see cref="Model.Tick.Source"/> given to every tick. Replaying a recording of the simulated market?
    /// Set <see cref="TickSources.Simulated"/> so its ticks stay marked as simulated.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or white space.</exception>
    public string Source
    {
        get => _source;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Source));
            _source = value;
        }
    }

    /// <summary>Called for each rejected row, on the reading thread, after it is counted and before reading goes on.</summary>
    public Action<SourceRejection>? OnRejected { get; init; }
}
