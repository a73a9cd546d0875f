namespace QuantPulse.Indicators;

/// <summary>The kind of value an indicator parameter takes.</summary>
public enum IndicatorParameterType
{
    /// <summary>A whole number, such as a period.</summary>
    Integer = 0,

    /// <summary>Any number in range, such as a band multiplier.</summary>
    Number = 1,

    /// <summary>One of a fixed list of names (<see cref="IndicatorParameter.Choices"/>), stored as its index.</summary>
    Choice = 2,
}
