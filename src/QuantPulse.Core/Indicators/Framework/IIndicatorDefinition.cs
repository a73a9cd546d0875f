namespace QuantPulse.Indicators;

/// <summary>
/// An indicator class that carries its own catalog entry, so a host can register it by type:
/// <c>services.AddQuantPulse(configuration).AddIndicator&lt;Midpoint&gt;()</c>.
/// </summary>
public interface IIndicatorDefinition
{
    /// <summary>The indicator's catalog entry, built with <see cref="IndicatorDescriptor.Create{TIndicator, TValue}"/>.</summary>
    static abstract IndicatorDescriptor Descriptor { get; }
}
