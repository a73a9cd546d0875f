namespace QuantPulse.Tests.Testing;

/// <summary>What a fake venue does to its connections at a step of its scripted market.</summary>
public enum DisruptionKind
{
    /// <summary>The venue closes the connection (close frame): everything sent before it arrives.</summary>
    Close,

    /// <summary>The venue resets the connection: whatever the client has not read yet is lost.</summary>
    Abort,

    /// <summary>The venue stops sending and answering, keeping the connection open.</summary>
    Stall,

    /// <summary>The venue sends the given messages, then goes on.</summary>
    Garbage,
}

/// <summary>A disruption of a fake venue's script.</summary>
/// <param name="AtStep">The market step at which it happens.</param>
/// <param name="Kind">What happens.</param>
/// <param name="MissedSteps">How many steps the market moves on while the client is away.</param>
/// <param name="Messages">For garbage: the messages (text, or binary frames).</param>
/// <param name="AfterYielded">Wait until the reader has reported this many ticks, so the disruption hits a client in mid-stream.</param>
public sealed record Disruption(int AtStep, DisruptionKind Kind, int MissedSteps = 0, IReadOnlyList<(string Text, bool Binary)>? Messages = null, int AfterYielded = 0);
