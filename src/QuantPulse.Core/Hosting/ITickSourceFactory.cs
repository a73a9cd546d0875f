using QuantPulse.Sources;

namespace QuantPulse.Hosting;

/// <summary>Creates one kind of tick source from configuration; registered under a stable <see cref="Id"/>.</summary>
/// <remarks>
/// Factories are singletons resolved from dependency injection and take their settings from the options system.
/// The host asks every registered factory whether it <see cref="IsEnabled"/> and merges the sources of those that are.
/// </remarks>
public interface ITickSourceFactory
{
    /// <summary>The stable identifier, such as <c>simulated</c>, <c>csv</c>, <c>deriv</c> or <c>binance</c>.</summary>
    string Id { get; }

    /// <summary>Whether configuration switches this source on.</summary>
    bool IsEnabled { get; }

    /// <summary>Creates a new source (a source is read once; a restarted pipeline gets a new one).</summary>
    /// <returns>The source.</returns>
    ITickSource Create();
}
