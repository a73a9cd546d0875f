using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>A tick in the buffer, with the index of its symbol so the reader can track per-symbol progress cheaply.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Symbol">The index in the source's <see cref="SymbolTable"/>.</param>
internal readonly record struct FeedItem(Tick Tick, int Symbol);
