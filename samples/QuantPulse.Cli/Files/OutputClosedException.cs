namespace QuantPulse.Cli.Files;

/// <summary>Standard output was closed by its reader (a pipe into <c>head</c>, say): the command stops quietly.</summary>
internal sealed class OutputClosedException : IOException
{
    public OutputClosedException()
        : base("standard output was closed")
    {
    }

    public OutputClosedException(string message)
        : base(message)
    {
    }

    public OutputClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputClosedException(Exception innerException)
        : base("standard output was closed", innerException)
    {
    }
}
