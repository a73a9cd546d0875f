namespace QuantPulse.Signals;

/// <summary>The kind of value a strategy parameter takes.</summary>
public enum StrategyParameterType
{
    /// <summary>A whole number, such as a period.</summary>
    Integer = 0,

    /// <summary>Any number in range, such as a multiplier or an RSI level.</summary>
    Number = 1,

    /// <summary>A switch: <c>true</c> or <c>false</c>, carried as 1 or 0.</summary>
    Boolean = 2,
}
