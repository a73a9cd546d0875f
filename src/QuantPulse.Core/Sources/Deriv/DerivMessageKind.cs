namespace QuantPulse.Sources.Deriv;

/// <summary>What a Deriv API v3 message turned out to be.</summary>
internal enum DerivMessageKind
{
    /// <summary>Not JSON, not an object, or missing what its type requires.</summary>
    Malformed = 0,

    /// <summary><c>msg_type: "tick"</c> with a <c>tick</c> object.</summary>
    Tick,

    /// <summary><c>msg_type: "history"</c> (the answer to <c>ticks_history</c> with <c>style: "ticks"</c>).</summary>
    History,

    /// <summary><c>msg_type: "ping"</c> (the answer to a keep-alive).</summary>
    Ping,

    /// <summary>Any message with an <c>error</c> object.</summary>
    Error,

    /// <summary>Well-formed, but of a type this source does not use.</summary>
    Unknown,
}
