using QuantPulse.Alerts.Internal;
using QuantPulse.Model;

namespace QuantPulse.Alerts;

/// <summary>Evaluates alert rules on the pipeline's ticks and closed candles, in stream order.</summary>
/// <remarks>
/// <para>
/// <see cref="Evaluate(MarketBatch, ICollection{AlertTrigger})"/> walks a <see cref="MarketBatch"/> the way the stream happened: each closed candle just
/// before the tick that closed it, each tick after. Rules remember their previous values, cooldowns and bars in
/// market time, so the same ticks fire the same triggers whatever the batching or pacing.
/// </para>
/// <para>
/// A tick allocates nothing unless a rule fires. <see cref="Evaluate(MarketBatch, ICollection{AlertTrigger})"/> runs on one thread (the pipeline's);
/// <see cref="SetRules"/> may be called from any thread and takes effect at the next batch. A rule that is unchanged
/// by <see cref="SetRules"/> keeps its state (its previous price, its history, whether a <c>once</c> rule has fired).
/// </para>
/// </remarks>
public sealed class AlertEngine
{
    private readonly Lock _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private Snapshot? _cachedSnapshot;
    private string? _cachedSymbol;
    private SymbolRules? _cachedRules;

    /// <summary>Creates an engine with no rules.</summary>
    public AlertEngine()
    {
    }

    /// <summary>Creates an engine with <paramref name="rules"/>.</summary>
    /// <param name="rules">The rules; disabled ones are ignored.</param>
    /// <exception cref="ArgumentException">A rule is invalid.</exception>
    public AlertEngine(IEnumerable<AlertRule> rules) => SetRules(rules);

    /// <summary>The enabled rules evaluated.</summary>
    public IReadOnlyList<AlertRule> Rules => Volatile.Read(ref _snapshot).Rules;

    /// <summary>Replaces the rules; rules equal to current ones keep their state.</summary>
    /// <param name="rules">The rules; disabled ones are ignored.</param>
    /// <exception cref="ArgumentException">A rule is invalid (the message names the rule and the field).</exception>
    public void SetRules(IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            var previous = new Dictionary<AlertRule, RuleState>();
            foreach (var state in _snapshot.States)
            {
                previous.TryAdd(state.Rule, state);
            }

            var states = new List<RuleState>();
            foreach (var rule in rules)
            {
                if (!rule.Enabled)
                {
                    continue;
                }

                if (rule.Validate() is { } problem)
                {
                    throw new ArgumentException($"Alert rule '{rule.Name}' ({rule.Id}): {problem}", nameof(rules));
                }

                states.Add(previous.Remove(rule, out var kept) ? kept : RuleState.Create(rule));
            }

            Volatile.Write(ref _snapshot, new Snapshot(states));
        }
    }

    /// <summary>Evaluates a batch's candles and ticks in stream order.</summary>
    /// <param name="batch">The batch, after the indicator stage when indicator rules are used.</param>
    /// <param name="triggers">Receives the triggers, in order.</param>
    public void Evaluate(MarketBatch batch, ICollection<AlertTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(triggers);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.States.Length == 0)
        {
            return;
        }

        var ticks = batch.Ticks.Span;
        var candles = batch.Candles;
        var next = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            for (; next < candles.Count && candles[next].Position <= i; next++)
            {
                OnCandle(snapshot, candles[next], triggers);
            }

            OnTick(snapshot, in ticks[i], triggers);
        }

        for (; next < candles.Count; next++)
        {
            OnCandle(snapshot, candles[next], triggers);
        }
    }

    /// <summary>Evaluates the price rules of one tick.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="triggers">Receives the triggers.</param>
    public void Evaluate(in Tick tick, ICollection<AlertTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        OnTick(Volatile.Read(ref _snapshot), in tick, triggers);
    }

    /// <summary>Evaluates the candle rules of one closed candle.</summary>
    /// <param name="candle">The candle, with its indicator values when indicator rules are used.</param>
    /// <param name="triggers">Receives the triggers.</param>
    public void Evaluate(ClosedCandle candle, ICollection<AlertTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(candle);
        ArgumentNullException.ThrowIfNull(triggers);
        OnCandle(Volatile.Read(ref _snapshot), candle, triggers);
    }

    private void OnTick(Snapshot snapshot, in Tick tick, ICollection<AlertTrigger> triggers)
    {
        var rules = Find(snapshot, tick.Symbol);
        if (rules is null)
        {
            return;
        }

        var states = rules.Ticks;
        for (var i = 0; i < states.Length; i++)
        {
            states[i].OnTick(in tick, triggers);
        }
    }

    private void OnCandle(Snapshot snapshot, ClosedCandle candle, ICollection<AlertTrigger> triggers)
    {
        var rules = Find(snapshot, candle.Candle.Symbol);
        if (rules is null)
        {
            return;
        }

        var states = rules.Candles;
        for (var i = 0; i < states.Length; i++)
        {
            states[i].OnCandle(candle, triggers);
        }
    }

    // Consecutive ticks mostly share one symbol string instance; the lookup is skipped for them.
    private SymbolRules? Find(Snapshot snapshot, string symbol)
    {
        if (ReferenceEquals(symbol, _cachedSymbol) && ReferenceEquals(snapshot, _cachedSnapshot))
        {
            return _cachedRules;
        }

        var rules = snapshot.BySymbol.GetValueOrDefault(symbol);
        (_cachedSnapshot, _cachedSymbol, _cachedRules) = (snapshot, symbol, rules);
        return rules;
    }

    private sealed class SymbolRules(RuleState[] ticks, RuleState[] candles)
    {
        public RuleState[] Ticks { get; } = ticks;

        public RuleState[] Candles { get; } = candles;
    }

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([]);

        public Snapshot(IReadOnlyList<RuleState> states)
        {
            States = [.. states];
            Rules = [.. states.Select(s => s.Rule)];
            var symbols = states.SelectMany(s => s.Rule.OtherSymbol is { } other && s.Rule.Condition == AlertCondition.PairZScore
                    ? new[] { (Symbol: s.Rule.Symbol, State: s), (Symbol: other, State: s) }
                    : [(s.Rule.Symbol, s)])
                .GroupBy(x => x.Symbol, StringComparer.Ordinal);
            BySymbol = symbols.ToDictionary(
                g => g.Key,
                g => new SymbolRules([.. g.Where(x => x.State.Rule.IsOnTicks).Select(x => x.State)], [.. g.Where(x => !x.State.Rule.IsOnTicks).Select(x => x.State)]),
                StringComparer.Ordinal);
        }

        public RuleState[] States { get; }

        public AlertRule[] Rules { get; }

        public Dictionary<string, SymbolRules> BySymbol { get; }
    }
}
