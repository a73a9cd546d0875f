namespace QuantPulse.Storage.Internal;

/// <summary>The statements of the <c>signals</c> table (parameters: the column names in PascalCase, <c>@From</c>, <c>@To</c>, <c>@Asset</c>).</summary>
internal sealed record SignalSql(string Insert, string Get, string Range);

/// <summary>The statements of the <c>trades</c> table.</summary>
internal sealed record TradeSql(string Upsert, string Get, string Open, string Range);

/// <summary>The queries of the <c>candles</c> table (writes are bulk and backend-specific).</summary>
internal sealed record CandleSql(string Range, string Latest);

/// <summary>The query of the <c>ticks</c> table (writes are bulk and backend-specific).</summary>
internal sealed record TickSql(string Range);
