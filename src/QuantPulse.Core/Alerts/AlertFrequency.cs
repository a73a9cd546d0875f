namespace QuantPulse.Alerts;

/// <summary>How often a rule may fire while its condition keeps holding.</summary>
public enum AlertFrequency
{
    /// <summary>Fires once, then the rule is disabled.</summary>
    Once,

    /// <summary>Fires at most once per bar of the rule's <see cref="AlertRule.Interval"/>.</summary>
    OncePerBar,

    /// <summary>Fires every time the condition holds (subject to the cooldown).</summary>
    EveryTime,
}
