using QuantPulse.Model;

namespace QuantPulse.Sources;

/// <summary>One input a source refused: which source, why, and where.</summary>
/// <param name="Source">The source's <see cref="ITickSource.Name"/>.</param>
/// <param name="Reason">The counted reason (see <see cref="TickSourceStatistics.Rejected"/>).</param>
/// <param name="Message">A one-line description, such as <c>line 17: price 'abc' is not a number</c>.</param>
/// <param name="LineNumber">The 1-based line of a file input (the header is line 1), or <c>null</c> for other inputs.</param>
public sealed record SourceRejection(string Source, TickRejection Reason, string Message, long? LineNumber);
