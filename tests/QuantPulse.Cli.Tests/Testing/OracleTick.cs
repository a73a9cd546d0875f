namespace QuantPulse.Cli.Tests.Testing;

/// <summary>One tick as <see cref="TickGroupBy"/> reads it.</summary>
public sealed record OracleTick(DateTimeOffset Time, string Symbol, decimal Price, decimal Size);
