namespace QuantPulse.Trading.Alpaca;

/// <summary>Alpaca could not be asked, or answered with an error that is not an order rejection.</summary>
public sealed class AlpacaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlpacaException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public AlpacaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AlpacaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status, when there was an answer.</summary>
    public int? StatusCode { get; init; }
}
