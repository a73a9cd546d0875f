namespace QuantPulse.Indicators;

/// <summary>The value of <see cref="DonchianChannels"/> or <see cref="KeltnerChannels"/> on one candle.</summary>
/// <param name="Upper">The upper band.</param>
/// <param name="Middle">The centre line.</param>
/// <param name="Lower">The lower band.</param>
public readonly record struct ChannelValue(double Upper, double Middle, double Lower);
