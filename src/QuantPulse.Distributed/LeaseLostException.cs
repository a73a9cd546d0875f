namespace QuantPulse.Distributed;

/// <summary>A worker found that its lease on a partition expired or passed to another worker; it stops that partition.</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
        : base("A partition lease was lost.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a partition.</summary>
    /// <param name="partition">The partition whose lease was lost.</param>
    public LeaseLostException(int partition)
        : base($"The lease on partition {partition} was lost; another worker owns it now.")
    {
        Partition = partition;
    }

    /// <summary>The partition whose lease was lost.</summary>
    public int Partition { get; }
}
