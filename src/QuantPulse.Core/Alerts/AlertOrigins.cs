namespace QuantPulse.Alerts;

/// <summary>The values of <see cref="AlertRule.Origin"/>.</summary>
public static class AlertOrigins
{
    /// <summary>Declared in <c>QuantPulse:Alerts:Rules</c>; the configuration wins at each start.</summary>
    public const string Configuration = "configuration";

    /// <summary>Created at run time (API or dashboard).</summary>
    public const string Api = "api";
}
