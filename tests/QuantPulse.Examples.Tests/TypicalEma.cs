using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Examples;

/// <summary>An EMA of the typical price (High + Low + Close) / 3, started at the first candle.</summary>
public sealed class TypicalEma(int period) : IIndicator<double>, IIndicatorDefinition
{
    private CandleGate _gate; // the forward-only and bad-candle rules every indicator shares
    public static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create(
        "TPEMA",
        "Typical-price EMA",
        "EMA of (High + Low + Close) / 3, started at the first candle.",
        [new IndicatorParameter("Period", IndicatorParameterType.Integer, 10, 1, 1000, "The EMA period.")],
        spec => new TypicalEma(spec.GetInt32("Period")),
        spec => $"tpema_{spec.GetInt32("Period")}");
    public int Period { get; } = period;
    public string Name => $"TPEMA({Period})";
    public int WarmUpPeriod => 1;
    public bool IsReady => Current.HasValue;
    public long Samples => _gate.Samples;
    public long OutOfOrderCount => _gate.OutOfOrder;
    public long InvalidCount => _gate.Invalid;
    public IndicatorStatus Status => _gate.Status;
    public double? Current { get; private set; }

    public double? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            var typical = (bar.High + bar.Low + bar.Close) / 3;
            Current = Current is { } previous ? previous + (2.0 / (Period + 1) * (typical - previous)) : typical;
            _gate.Settle(ready: true);
        }

        return Current;
    }

    public void Reset() => (_gate, Current) = (default, null);
}
