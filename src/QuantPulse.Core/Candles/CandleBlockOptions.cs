using System.Collections.ObjectModel;
using QuantPulse.Internal;
using QuantPulse.Model;

namespace QuantPulse.Candles;

/// <summary>Settings of a <see cref="CandleBlock"/>, fixed when the block is constructed.</summary>
/// <remarks>
/// <para>
/// Every property is checked when it is set. The block copies the options in its constructor, so an options
/// object can be shared between blocks; to change a setting, build a new block.
/// </para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="Timeframes"/></term><description><c>[1m]</c> (one or more distinct, valid timeframes)</description></item>
/// <item><term><see cref="HistoryLength"/></term><description>500 (1 to 1,000,000 closed candles per series)</description></item>
/// <item><term><see cref="FillGaps"/></term><description><c>false</c></description></item>
/// <item><term><see cref="MaxGapFill"/></term><description>100,000 (1 to 10,000,000 flat candles per gap)</description></item>
/// <item><term><see cref="DuplicatePolicy"/></term><description><see cref="DuplicateTickPolicy.KeepAll"/></description></item>
/// <item><term><see cref="BoundedCapacity"/></term><description>64 batches (at least 1; never unbounded)</description></item>
/// <item><term><see cref="CancellationToken"/></term><description><see cref="CancellationToken.None"/></description></item>
/// </list>
/// </remarks>
public sealed class CandleBlockOptions
{
    private const int MaxHistoryLength = 1_000_000;
    private const int MaxGapFillLimit = 10_000_000;

    private readonly IReadOnlyList<Timeframe> _timeframes = Array.AsReadOnly([Timeframe.OneMinute]);
    private readonly int _historyLength = 500;
    private readonly int _maxGapFill = 100_000;
    private readonly int _boundedCapacity = 64;
    private readonly DuplicateTickPolicy _duplicatePolicy = DuplicateTickPolicy.KeepAll;

    /// <summary>The timeframes built for every symbol, kept shortest first.</summary>
    /// <remarks>The list is copied when set; changing the caller's list afterwards has no effect.</remarks>
    /// <exception cref="ArgumentNullException">The value is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The list is empty or holds the default (invalid) timeframe.</exception>
    /// <exception cref="ArgumentException">A timeframe appears twice.</exception>
    public IReadOnlyList<Timeframe> Timeframes
    {
        get => _timeframes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var copy = new Timeframe[value.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = value[i];
                if (!copy[i].IsValid)
                {
                    throw new ArgumentOutOfRangeException(nameof(Timeframes), "The default Timeframe is not a valid timeframe.");
                }
            }

            if (copy.Length == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Timeframes), "At least one timeframe is required.");
            }

            Array.Sort(copy);
            for (var i = 1; i < copy.Length; i++)
            {
                if (copy[i] == copy[i - 1])
                {
                    throw new ArgumentException($"Timeframe {copy[i]} appears more than once.", nameof(Timeframes));
                }
            }

            _timeframes = new ReadOnlyCollection<Timeframe>(copy);
        }
    }

    /// <summary>How many closed candles each (symbol, timeframe) series keeps for <see cref="CandleBlock.GetHistory"/>.</summary>
    /// <remarks>The buffer is a ring: when it is full the oldest candle makes room for the newest.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 1,000,000.</exception>
    public int HistoryLength
    {
        get => _historyLength;
        init => _historyLength = OptionGuard.InRange(value, 1, MaxHistoryLength, nameof(HistoryLength));
    }

    /// <summary>
    /// Whether a bucket without ticks produces a flat candle (open = high = low = close = the previous close,
    /// zero volume, <see cref="Candle.TickCount"/> 0). Off by default: empty buckets produce no candle.
    /// </summary>
    /// <remarks>Filling starts after the first candle of a series; there is no previous close before it.</remarks>
    public bool FillGaps { get; init; }

    /// <summary>
    /// With <see cref="FillGaps"/>, the most flat candles one gap may produce per series. A longer gap (a
    /// weekend on one-second candles, a clock jump) fills only its most recent buckets and counts the rest in
    /// <see cref="CandleStatistics.GapCandlesSkipped"/>, so a single bad timestamp cannot exhaust memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 10,000,000.</exception>
    public int MaxGapFill
    {
        get => _maxGapFill;
        init => _maxGapFill = OptionGuard.InRange(value, 1, MaxGapFillLimit, nameof(MaxGapFill));
    }

    /// <summary>How a tick that is not newer than the previous tick of its symbol is treated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="DuplicateTickPolicy"/>.</exception>
    public DuplicateTickPolicy DuplicatePolicy
    {
        get => _duplicatePolicy;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(DuplicatePolicy), value, "Unknown duplicate policy.");
            }

            _duplicatePolicy = value;
        }
    }

    /// <summary>
    /// How many batches the block holds, waiting and processed together; when full, <c>SendAsync</c> waits
    /// (back-pressure) instead of dropping.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 (unbounded is not allowed).</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init => _boundedCapacity = OptionGuard.InRange(value, 1, int.MaxValue, nameof(BoundedCapacity));
    }

    /// <summary>Aborts the block: buffered batches are dropped and <see cref="CandleBlock.Completion"/> ends as canceled.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>A copy that the block keeps for itself.</summary>
    internal CandleBlockOptions Clone() => (CandleBlockOptions)MemberwiseClone();
}
