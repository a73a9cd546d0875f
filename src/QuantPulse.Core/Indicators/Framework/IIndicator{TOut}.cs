using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>An incremental indicator whose value on each closed candle is a <typeparamref name="TOut"/>.</summary>
/// <typeparam name="TOut">The value type: <see cref="double"/> or a small record struct such as <see cref="MacdValue"/>.</typeparam>
/// <remarks>See <see cref="IIndicator"/> for the forward-only and bad-input rules.</remarks>
public interface IIndicator<TOut> : IIndicator
    where TOut : struct
{
    /// <summary>The value after the last accepted candle; <c>null</c> during warm-up.</summary>
    TOut? Current { get; }

    /// <summary>Applies one closed candle and returns the new value.</summary>
    /// <param name="closed">A closed candle of the indicator's series.</param>
    /// <returns>
    /// The value on <paramref name="closed"/>, or <c>null</c> during warm-up. When the candle is rejected
    /// (see <see cref="IIndicator.Status"/>) nothing changes and <see cref="Current"/> is returned.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="closed"/> is null.</exception>
    TOut? Next(Candle closed);
}
