using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Alerts;

/// <summary>
/// An alert rule as configuration (<c>QuantPulse:Alerts:Rules:N</c>) and the API's JSON spell it: names for the
/// condition, interval and frequency, the cooldown in seconds. See docs/alerts.md for the fields each condition takes.
/// </summary>
public sealed class AlertRuleOptions
{
    /// <summary>The rule's name (required in configuration, where it identifies the rule across restarts).</summary>
    public string? Name { get; set; }

    /// <summary>The symbol (for a pair, the leg <c>a</c>).</summary>
    public string? Symbol { get; set; }

    /// <summary>The condition: <c>greater_than</c>, <c>less_than</c>, <c>crossing</c>, <c>crossing_up</c>, <c>crossing_down</c>, <c>moving_up_pct</c>, <c>moving_down_pct</c>, <c>volume_spike</c> or <c>pair_zscore</c>.</summary>
    public string? Condition { get; set; }

    /// <summary>See <see cref="AlertRule.Level"/>.</summary>
    public double? Level { get; set; }

    /// <summary>See <see cref="AlertRule.Indicator"/>.</summary>
    public string? Indicator { get; set; }

    /// <summary>See <see cref="AlertRule.OtherIndicator"/>.</summary>
    public string? OtherIndicator { get; set; }

    /// <summary>See <see cref="AlertRule.OtherSymbol"/>.</summary>
    public string? OtherSymbol { get; set; }

    /// <summary>See <see cref="AlertRule.Percent"/>.</summary>
    public double? Percent { get; set; }

    /// <summary>See <see cref="AlertRule.Factor"/>.</summary>
    public double? Factor { get; set; }

    /// <summary>See <see cref="AlertRule.Threshold"/>.</summary>
    public double? Threshold { get; set; }

    /// <summary>See <see cref="AlertRule.Candles"/>.</summary>
    public int? Candles { get; set; }

    /// <summary>See <see cref="AlertRule.HedgeRatio"/>. Default 1.</summary>
    public double? HedgeRatio { get; set; }

    /// <summary>The candle timeframe (<c>1m</c>, <c>5m</c>…). Default <c>1m</c>.</summary>
    public string? Interval { get; set; }

    /// <summary><c>once</c>, <c>once_per_bar</c> (default) or <c>every_time</c>.</summary>
    public string? Frequency { get; set; }

    /// <summary>The least time between two triggers, in seconds of market time. Default 0.</summary>
    public double? CooldownSeconds { get; set; }

    /// <summary>When the rule stops firing (market time), or null for never.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Whether the rule is evaluated. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Converts to a rule and checks it.</summary>
    /// <param name="origin">The rule's origin (see <see cref="AlertOrigins"/>).</param>
    /// <param name="rule">The rule.</param>
    /// <param name="error">The first problem, in one line naming the field.</param>
    /// <returns>Whether the options make a valid rule.</returns>
    public bool TryToRule(string origin, out AlertRule rule, out string? error)
    {
        rule = new AlertRule();
        if (!AlertNames.TryParse(Condition, out AlertCondition condition))
        {
            error = $"'condition' must be one of {string.Join(", ", AlertNames.ConditionNames)}.";
            return false;
        }

        var interval = Timeframe.OneMinute;
        if (Interval is not null && !Timeframe.TryParse(Interval, out interval))
        {
            error = $"'interval' must be one of {string.Join(", ", Timeframe.All)}.";
            return false;
        }

        var frequency = AlertFrequency.OncePerBar;
        if (Frequency is not null && !AlertNames.TryParse(Frequency, out frequency))
        {
            error = $"'frequency' must be one of {string.Join(", ", AlertNames.FrequencyNames)}.";
            return false;
        }

        if (CooldownSeconds is { } seconds && !(double.IsFinite(seconds) && seconds is >= 0 and <= 31_536_000))
        {
            error = "'cooldown_seconds' must be from 0 to 31536000 (a year).";
            return false;
        }

        rule = new AlertRule
        {
            Name = Name?.Trim() ?? string.Empty,
            Symbol = Symbol?.Trim() ?? string.Empty,
            Condition = condition,
            Level = Level,
            Indicator = Empty(Indicator),
            OtherIndicator = Empty(OtherIndicator),
            OtherSymbol = Empty(OtherSymbol),
            Percent = Percent,
            Factor = Factor,
            Threshold = Threshold,
            Candles = Candles,
            HedgeRatio = HedgeRatio ?? 1,
            Interval = interval,
            Frequency = frequency,
            Cooldown = TimeSpan.FromSeconds(CooldownSeconds ?? 0),
            Expires = Expires?.ToUniversalTime(),
            Enabled = Enabled ?? true,
            Origin = origin,
        };
        if (rule.Name.Length == 0)
        {
            rule = rule with { Name = rule.Describe() is var d && d.Length <= AlertRule.MaxNameLength ? d : d[..AlertRule.MaxNameLength] };
        }

        error = rule.Validate();
        return error is null;
    }

    /// <summary>The options that describe <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The options.</returns>
    public static AlertRuleOptions From(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new AlertRuleOptions
        {
            Name = rule.Name,
            Symbol = rule.Symbol,
            Condition = AlertNames.Of(rule.Condition),
            Level = rule.Level,
            Indicator = rule.Indicator,
            OtherIndicator = rule.OtherIndicator,
            OtherSymbol = rule.OtherSymbol,
            Percent = rule.Percent,
            Factor = rule.Factor,
            Threshold = rule.Threshold,
            Candles = rule.Candles,
            HedgeRatio = rule.HedgeRatio,
            Interval = rule.Interval.Name,
            Frequency = AlertNames.Of(rule.Frequency),
            CooldownSeconds = rule.Cooldown.TotalSeconds,
            Expires = rule.Expires,
            Enabled = rule.Enabled,
        };
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Symbol} {Condition}");
}
