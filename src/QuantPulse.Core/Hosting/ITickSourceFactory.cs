using QuantPulse.Sources;

namespace QuantPulse.Hosting;

/// <summary>Creates one kind of tick source from configuration; registered under a stable <see cref="Id"/>.</summary>
/// <remarks>
/// Factories are singletons resolved from dependency injection and take their settings from the options system
/// (register one with <c>AddTickSource</c>). The host asks every registered factory whether it
/// <see cref="IsEnabled"/> and merges the sources of those that are.
/// </remarks>
public interface ITickSourceFactory
{
    /// <summary>The stable identifier, such as <c>simulated</c>, <c>csv</c>, <c>deriv</c> or <c>binance</c>.</summary>
    string Id { get; }

    /// <summary>Whether configuration switches this source on.</summary>
    bool IsEnabled { get; }

    /// <summary>The symbols configuration names for this source (listed before their first tick); empty when it names none.</summary>
    IReadOnlyCollection<string> Symbols { get; }

    /// <summary>
    /// Whether the source may stream symbols beyond <see cref="Symbols"/> (a recording whose file names them); false
    /// when it streams exactly those, so a stored open trade on a symbol no source streams can be expired.
    /// </summary>
    bool StreamsOtherSymbols { get; }

    /// <summary>Creates a new source (a source is read once; a restarted pipeline gets a new one).</summary>
    /// <returns>The source.</returns>
    ITickSource Create();
}
