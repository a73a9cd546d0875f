using System.Globalization;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Trading;

namespace QuantPulse.Dashboard.Trading;

/// <summary>Where the terminal's prices come from.</summary>
internal enum TerminalFeedMode
{
    /// <summary>The symbol's live feed is delivering.</summary>
    Live,

    /// <summary>The symbol itself is on the simulated market.</summary>
    Simulated,

    /// <summary>The symbol's live feed failed: the view shows the simulated market instead.</summary>
    Fallback,

    /// <summary>No feed at all: neither the symbol's nor a simulated one has ticked within the stale time.</summary>
    Stale,
}

/// <summary>What the terminal shows for the symbol the user picked.</summary>
/// <param name="Symbol">The symbol picked.</param>
/// <param name="Shown">The symbol charted and traded: <paramref name="Symbol"/>, or a simulated one in a fallback.</param>
/// <param name="Mode">Where the prices come from.</param>
/// <param name="Reason">Why the live feed is not used (empty when it is).</param>
internal sealed record TerminalView(string Symbol, string Shown, TerminalFeedMode Mode, string Reason)
{
    /// <summary>Whether the prices shown are simulated.</summary>
    public bool IsSimulated => Mode is TerminalFeedMode.Simulated or TerminalFeedMode.Fallback;

    /// <summary>The mode as the page's <c>feed-state</c> names it: live, simulated, fallback or stale.</summary>
    public string Name => Mode switch
    {
        TerminalFeedMode.Live => "live",
        TerminalFeedMode.Simulated => "simulated",
        TerminalFeedMode.Fallback => "fallback",
        _ => "stale",
    };

    /// <summary>Whether a broker may take orders in this view: every broker on a live feed, only the paper book on a simulated one, none on a stale one.</summary>
    /// <param name="externalBroker">Whether the broker sends orders to a real venue.</param>
    /// <returns>True when orders are allowed.</returns>
    public bool Allows(bool externalBroker) => Mode == TerminalFeedMode.Live || (IsSimulated && !externalBroker);
}

/// <summary>The source kind and state serving a symbol.</summary>
/// <param name="Kind">The source kind (<see cref="TickSources"/>).</param>
/// <param name="State">What the source is doing.</param>
internal readonly record struct FeedSource(string Kind, SourceState State);

/// <summary>
/// The terminal's mock fallback: when the live feed of the terminal's symbol fails (its source failed or is
/// reconnecting, or no tick arrived within the stale time), the view switches to the simulated market; it switches
/// back as soon as the source is up and a fresh tick arrived. Evaluated on every call from the source states and the
/// <see cref="FeedWatch"/>'s arrival times, so it needs no timer of its own.
/// </summary>
internal sealed class TerminalFeed
{
    private readonly FeedWatch _watch;
    private readonly Func<string, FeedSource?> _sourceOf;
    private readonly Func<IReadOnlyList<string>> _simulatedSymbols;

    /// <summary>Creates the fallback logic.</summary>
    /// <param name="watch">Arrival times of the ticks.</param>
    /// <param name="staleAfter">A feed without a tick for longer is stale.</param>
    /// <param name="sourceOf">The source serving a symbol, or null when none is known.</param>
    /// <param name="simulatedSymbols">The simulated market's symbols, in the order they are preferred.</param>
    public TerminalFeed(FeedWatch watch, TimeSpan staleAfter, Func<string, FeedSource?> sourceOf, Func<IReadOnlyList<string>> simulatedSymbols)
    {
        _watch = watch;
        StaleAfter = staleAfter;
        _sourceOf = sourceOf;
        _simulatedSymbols = simulatedSymbols;
    }

    /// <summary>The stale time.</summary>
    public TimeSpan StaleAfter { get; }

    /// <summary>The host's fallback: sources from the <see cref="SourceMonitor"/>, ticks from the terminal broker's watch.</summary>
    public static TerminalFeed Create(TerminalBroker terminal, SourceMonitor sources, LiveMarketState state)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(state);
        return new TerminalFeed(
            terminal.Feed,
            terminal.StaleAfter,
            symbol =>
            {
                var kind = sources.GetConfiguredSymbols().GetValueOrDefault(symbol) ?? state.GetPrice(symbol)?.Source;
                return kind is null ? null : new FeedSource(kind, sources.GetState(kind));
            },
            () => [.. sources.GetConfiguredSymbols().Where(s => s.Value == TickSources.Simulated).Select(s => s.Key).Order(StringComparer.Ordinal)]);
    }

    /// <summary>What the terminal shows for <paramref name="symbol"/> now.</summary>
    /// <param name="symbol">The symbol picked.</param>
    /// <returns>The view.</returns>
    public TerminalView Resolve(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var source = _sourceOf(symbol);
        if (source?.Kind == TickSources.Simulated)
        {
            return _watch.IsStale(symbol, StaleAfter)
                ? new TerminalView(symbol, symbol, TerminalFeedMode.Stale, NoTick(symbol))
                : new TerminalView(symbol, symbol, TerminalFeedMode.Simulated, string.Empty);
        }

        var reason = source?.State switch
        {
            SourceState.Failed => $"the {source.Value.Kind} feed failed",
            SourceState.Reconnecting => $"the {source.Value.Kind} feed is reconnecting",
            _ when _watch.IsStale(symbol, StaleAfter) => NoTick(symbol),
            _ => null,
        };
        if (reason is null)
        {
            return new TerminalView(symbol, symbol, TerminalFeedMode.Live, string.Empty);
        }

        var simulated = _simulatedSymbols().FirstOrDefault(s => !_watch.IsStale(s, StaleAfter));
        return simulated is null
            ? new TerminalView(symbol, symbol, TerminalFeedMode.Stale, reason + "; no simulated market is running")
            : new TerminalView(symbol, simulated, TerminalFeedMode.Fallback, reason);
    }

    private string NoTick(string symbol) =>
        string.Create(CultureInfo.InvariantCulture, $"no {symbol} tick within {StaleAfter.TotalSeconds:0.###} s");
}
