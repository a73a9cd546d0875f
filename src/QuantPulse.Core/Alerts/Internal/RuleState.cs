using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Alerts.Internal;

/// <summary>A rule and what it remembers between ticks or candles: the previous comparison, its last firing, its history.</summary>
internal abstract class RuleState(AlertRule rule)
{
    private bool _spent;
    private long _lastFired = long.MinValue;
    private long _lastBar = long.MinValue;

    public AlertRule Rule { get; } = rule;

    public static RuleState Create(AlertRule rule) => rule.Condition switch
    {
        <= AlertCondition.CrossingDown when rule.Indicator is null => new PriceRule(rule),
        <= AlertCondition.CrossingDown => new IndicatorRule(rule),
        AlertCondition.MovingUpPct or AlertCondition.MovingDownPct => new MovingRule(rule),
        AlertCondition.VolumeSpike => new VolumeRule(rule),
        _ => new PairRule(rule),
    };

    public virtual void OnTick(in Tick tick, ICollection<AlertTrigger> output)
    {
    }

    public virtual void OnCandle(ClosedCandle closed, ICollection<AlertTrigger> output)
    {
    }

    /// <summary>Applies expiry, cooldown and frequency, then adds the trigger.</summary>
    protected void Fire(double value, double threshold, DateTimeOffset time, DateTimeOffset? candleOpen, ICollection<AlertTrigger> output)
    {
        var rule = Rule;
        if (_spent || (rule.Expires is { } expires && time >= expires))
        {
            return;
        }

        var now = time.UtcTicks;
        if (_lastFired != long.MinValue && now - _lastFired < rule.Cooldown.Ticks)
        {
            return;
        }

        if (rule.Frequency == AlertFrequency.OncePerBar)
        {
            var bar = rule.Interval.BucketStartTicks((candleOpen ?? time).UtcTicks);
            if (bar == _lastBar)
            {
                return;
            }

            _lastBar = bar;
        }

        _lastFired = now;
        _spent = rule.Frequency == AlertFrequency.Once;
        var message = string.Create(CultureInfo.InvariantCulture, $"{rule.Describe()}: {value:G10}");
        output.Add(new AlertTrigger(rule.Id, rule.Name, rule.Symbol, rule.Condition, value, threshold, time, candleOpen, message));
    }

    /// <summary>Whether a candle is one this rule reads: its interval, with ticks in it (gap fills are skipped).</summary>
    protected bool Reads(Candle candle) => candle.Timeframe == Rule.Interval && !candle.IsGapFill;

    /// <summary>The comparison of a value with its reference, remembered for crossings.</summary>
    protected struct Comparison
    {
        private double _previous;

        public Comparison() => _previous = double.NaN;

        /// <summary>Takes the next difference (value − reference) and says whether the condition holds.</summary>
        public bool Step(AlertCondition condition, double difference)
        {
            var previous = _previous;
            _previous = difference;
            return condition switch
            {
                AlertCondition.GreaterThan => difference > 0,
                AlertCondition.LessThan => difference < 0,
                AlertCondition.CrossingUp => previous < 0 && difference >= 0,
                AlertCondition.CrossingDown => previous > 0 && difference <= 0,
                _ => (previous < 0 && difference >= 0) || (previous > 0 && difference <= 0),
            };
        }

        /// <summary>Forgets the previous difference (the value is missing), so no crossing spans the gap.</summary>
        public void Reset() => _previous = double.NaN;
    }

    /// <summary>A fixed-length window of the latest values.</summary>
    protected sealed class Window(int length)
    {
        private readonly double[] _values = new double[length];
        private int _next;

        public int Count { get; private set; }

        public bool IsFull => Count == _values.Length;

        /// <summary>The oldest value held.</summary>
        public double Oldest => _values[IsFull ? _next : 0];

        public void Add(double value)
        {
            _values[_next] = value;
            _next = (_next + 1) % _values.Length;
            Count = Math.Min(Count + 1, _values.Length);
        }

        public double Mean()
        {
            var sum = 0.0;
            for (var i = 0; i < Count; i++)
            {
                sum += _values[i];
            }

            return sum / Count;
        }

        /// <summary>The sample standard deviation (n − 1) around <paramref name="mean"/>.</summary>
        public double StandardDeviation(double mean)
        {
            var sum = 0.0;
            for (var i = 0; i < Count; i++)
            {
                var d = _values[i] - mean;
                sum += d * d;
            }

            return Math.Sqrt(sum / (Count - 1));
        }
    }
}

/// <summary>A price compared with a level on every tick.</summary>
internal sealed class PriceRule(AlertRule rule) : RuleState(rule)
{
    private readonly double _level = rule.Level ?? 0;
    private Comparison _comparison = new();

    public override void OnTick(in Tick tick, ICollection<AlertTrigger> output)
    {
        var price = (double)tick.Price;
        if (_comparison.Step(Rule.Condition, price - _level))
        {
            Fire(price, _level, tick.Time, null, output);
        }
    }
}

/// <summary>An indicator compared with a level or another indicator on every closed candle.</summary>
internal sealed class IndicatorRule(AlertRule rule) : RuleState(rule)
{
    private Comparison _comparison = new();

    public override void OnCandle(ClosedCandle closed, ICollection<AlertTrigger> output)
    {
        var candle = closed.Candle;
        if (!Reads(candle))
        {
            return;
        }

        var values = closed.Indicators;
        double? value = null, reference = Rule.Level;
        if (values is not null && values.TryGetValue(Rule.Indicator!, out var v))
        {
            value = v;
        }

        if (Rule.OtherIndicator is { } other)
        {
            reference = values is not null && values.TryGetValue(other, out var r) ? r : null;
        }

        if (value is not { } x || reference is not { } y)
        {
            _comparison.Reset();
            return;
        }

        if (_comparison.Step(Rule.Condition, x - y))
        {
            Fire(x, y, candle.CloseTime, candle.OpenTime, output);
        }
    }
}

/// <summary>The close's move in percent over the last N candles.</summary>
internal sealed class MovingRule(AlertRule rule) : RuleState(rule)
{
    private readonly Window _closes = new(rule.Candles!.Value + 1);

    public override void OnCandle(ClosedCandle closed, ICollection<AlertTrigger> output)
    {
        var candle = closed.Candle;
        if (!Reads(candle))
        {
            return;
        }

        var close = (double)candle.Close;
        _closes.Add(close);
        if (!_closes.IsFull)
        {
            return;
        }

        var move = ((close / _closes.Oldest) - 1) * 100;
        var percent = Rule.Percent!.Value;
        if (Rule.Condition == AlertCondition.MovingUpPct ? move >= percent : move <= -percent)
        {
            Fire(move, Rule.Condition == AlertCondition.MovingUpPct ? percent : -percent, candle.CloseTime, candle.OpenTime, output);
        }
    }
}

/// <summary>A candle's volume against the mean volume of the N candles before it.</summary>
internal sealed class VolumeRule(AlertRule rule) : RuleState(rule)
{
    private readonly Window _volumes = new(rule.Candles!.Value);

    public override void OnCandle(ClosedCandle closed, ICollection<AlertTrigger> output)
    {
        var candle = closed.Candle;
        if (!Reads(candle))
        {
            return;
        }

        var volume = (double)candle.Volume;
        if (_volumes.IsFull)
        {
            var limit = Rule.Factor!.Value * _volumes.Mean();
            if (limit > 0 && volume > limit)
            {
                Fire(volume, limit, candle.CloseTime, candle.OpenTime, output);
            }
        }

        _volumes.Add(volume);
    }
}

/// <summary>The z-score of the spread b − β·a over the last N candle pairs aligned by open time.</summary>
/// <remarks>
/// Each leg's closes wait in a queue until the other leg's candle of the same open time closes; a close whose
/// partner can no longer come (the other leg has moved past it) is dropped. So the pairs, and the z-scores, follow
/// each series' own candles and never the order in which the two series' candles happened to close.
/// </remarks>
internal sealed class PairRule(AlertRule rule) : RuleState(rule)
{
    private const int MaxWaiting = 10_000;
    private readonly Window _spreads = new(rule.Candles!.Value);
    private readonly Queue<(long Open, double Close)> _a = new();
    private readonly Queue<(long Open, double Close)> _b = new();

    public override void OnCandle(ClosedCandle closed, ICollection<AlertTrigger> output)
    {
        var candle = closed.Candle;
        if (!Reads(candle))
        {
            return;
        }

        var leg = string.Equals(candle.Symbol, Rule.Symbol, StringComparison.Ordinal) ? _a : _b;
        leg.Enqueue((candle.OpenTime.UtcTicks, (double)candle.Close));
        if (leg.Count > MaxWaiting)
        {
            leg.Dequeue();
        }

        while (_a.Count > 0 && _b.Count > 0)
        {
            var (aOpen, a) = _a.Peek();
            var (bOpen, b) = _b.Peek();
            if (aOpen != bOpen)
            {
                (aOpen < bOpen ? _a : _b).Dequeue();
                continue;
            }

            _a.Dequeue();
            _b.Dequeue();
            Evaluate(b - (Rule.HedgeRatio * a), new DateTimeOffset(aOpen, TimeSpan.Zero), output);
        }
    }

    private void Evaluate(double spread, DateTimeOffset open, ICollection<AlertTrigger> output)
    {
        _spreads.Add(spread);
        if (!_spreads.IsFull)
        {
            return;
        }

        var mean = _spreads.Mean();
        var sd = _spreads.StandardDeviation(mean);
        var threshold = Rule.Threshold!.Value;
        if (sd > 0 && (spread - mean) / sd is var z && Math.Abs(z) > threshold)
        {
            Fire(z, z > 0 ? threshold : -threshold, open + Rule.Interval.Duration, open, output);
        }
    }
}
