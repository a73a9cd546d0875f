namespace QuantPulse.Sources.Live;

/// <summary>The outcome of <see cref="WebSocketConnection.ReceiveAsync"/>.</summary>
/// <param name="Length">The message length in bytes, or -1 when the peer closed the connection.</param>
/// <param name="IsBinary">Whether the message was a binary frame (neither venue sends any).</param>
/// <param name="Oversized">Whether the message exceeded the size limit and was discarded.</param>
internal readonly record struct ReceivedMessage(int Length, bool IsBinary, bool Oversized)
{
    public bool IsClose => Length < 0;
}
