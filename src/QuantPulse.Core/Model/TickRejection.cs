namespace QuantPulse.Model;

/// <summary>Why a source or a block refused a tick. Rejected ticks are counted per reason, never passed on.</summary>
public enum TickRejection
{
    /// <summary>The tick is valid.</summary>
    None = 0,

    /// <summary>The symbol is missing or empty.</summary>
    MissingSymbol,

    /// <summary>The price is zero or negative.</summary>
    NonPositivePrice,

    /// <summary>The size is negative.</summary>
    NegativeSize,

    /// <summary>The timestamp is zero (the Unix epoch or the default value).</summary>
    MissingTime,

    /// <summary>The timestamp lies further in the future than the source allows (a day by default).</summary>
    FutureTime,

    /// <summary>The input could not be parsed (malformed row or message).</summary>
    Malformed,

    /// <summary>The price or size was not a finite number (NaN or infinity in the feed).</summary>
    NotANumber,

    /// <summary>The message was well-formed but of a type the source does not handle.</summary>
    UnknownMessage,

    /// <summary>The tick was already yielded (for example the overlap between a back-fill and the live stream).</summary>
    Duplicate,

    /// <summary>The tick names a symbol the source was not asked for.</summary>
    UnknownSymbol,
}
