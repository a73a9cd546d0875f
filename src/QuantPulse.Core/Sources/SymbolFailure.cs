namespace QuantPulse.Sources;

/// <summary>A symbol the venue refused (an unknown symbol, for example); the source goes on with the others.</summary>
/// <param name="Symbol">The symbol as configured.</param>
/// <param name="Code">The venue's error code, such as <c>InvalidSymbol</c> or <c>-1121</c>.</param>
/// <param name="Message">The venue's error message.</param>
/// <param name="Time">When the source received the error.</param>
public sealed record SymbolFailure(string Symbol, string Code, string Message, DateTimeOffset Time);
