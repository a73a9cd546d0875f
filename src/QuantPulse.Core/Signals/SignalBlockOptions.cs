using QuantPulse.Internal;

namespace QuantPulse.Signals;

/// <summary>Settings of a <see cref="SignalBlock"/>, fixed when the block is built.</summary>
/// <remarks>
/// <para>Each property is checked when it is set; the block keeps its own copy, so later changes have no effect.</para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="RiskReward"/></term><description>a new <see cref="RiskRewardOptions"/> (1.5 ATR stop, 3 ATR target, minimum ratio 1.5)</description></item>
/// <item><term><see cref="MinConfidence"/></term><description>0 (0 to 1)</description></item>
/// <item><term><see cref="BoundedCapacity"/></term><description>64 batches (1 to 1,000,000)</description></item>
/// <item><term><see cref="CancellationToken"/></term><description><see cref="CancellationToken.None"/></description></item>
/// </list>
/// </remarks>
public sealed class SignalBlockOptions
{
    private readonly RiskRewardOptions _riskReward = new();
    private readonly double _minConfidence;
    private readonly int _boundedCapacity = 64;

    /// <summary>How stop loss and take profit are placed, and the least reward-to-risk ratio a signal must offer.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public RiskRewardOptions RiskReward
    {
        get => _riskReward;
        init => _riskReward = value ?? throw new ArgumentNullException(nameof(RiskReward));
    }

    /// <summary>The least confidence a signal must have; less confident signals are dropped and counted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 1.</exception>
    public double MinConfidence
    {
        get => _minConfidence;
        init => _minConfidence = OptionGuard.InRange(value, 0, 1, nameof(MinConfidence));
    }

    /// <summary>How many batches the block holds, waiting or processed, before <c>SendAsync</c> waits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1,000,000.</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init => _boundedCapacity = OptionGuard.InRange(value, 1, 1_000_000, nameof(BoundedCapacity));
    }

    /// <summary>Aborts the block: buffered batches are dropped and <see cref="Dataflow.MarketBatchBlock.Completion"/> ends as canceled.</summary>
    public CancellationToken CancellationToken { get; init; }
}
