using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Options of an <see cref="IndicatorBlock"/>, fixed when the block is built.</summary>
/// <remarks>
/// <para>The block copies these values at construction; changing the options object later has no effect.</para>
/// <list type="table">
///   <listheader><term>Option</term><description>Default</description></listheader>
///   <item><term><see cref="Indicators"/></term><description>empty: candles pass with an empty <see cref="IndicatorValues"/></description></item>
///   <item><term><see cref="BoundedCapacity"/></term><description>64 batches (input and output together)</description></item>
///   <item><term><see cref="CancellationToken"/></term><description><see cref="CancellationToken.None"/></description></item>
/// </list>
/// </remarks>
public sealed class IndicatorBlockOptions
{
    /// <summary>The default <see cref="BoundedCapacity"/>.</summary>
    public const int DefaultBoundedCapacity = 64;

    private readonly IReadOnlyList<IndicatorSpec> _indicators = [];
    private readonly int _boundedCapacity = DefaultBoundedCapacity;

    /// <summary>The indicators computed on every series, in column order.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<IndicatorSpec> Indicators
    {
        get => _indicators;
        init => _indicators = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>How many batches the block holds, waiting or processed, before <c>SendAsync</c> waits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(BoundedCapacity));
            _boundedCapacity = value;
        }
    }

    /// <summary>Aborts the block: buffered batches are dropped and <see cref="Dataflow.MarketBatchBlock.Completion"/> ends as canceled.</summary>
    public CancellationToken CancellationToken { get; init; }
}
