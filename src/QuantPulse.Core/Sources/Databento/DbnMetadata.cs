namespace QuantPulse.Sources.Databento;

/// <summary>The metadata header at the start of every DBN file or live stream.</summary>
/// <param name="Version">The DBN version (2 or 3).</param>
/// <param name="Dataset">The dataset code, such as <c>XNAS.ITCH</c> or <c>GLBX.MDP3</c>.</param>
/// <param name="Schema">The schema name (<c>trades</c>, <c>ohlcv-1m</c>, …), or <c>mixed</c>.</param>
/// <param name="Start">The start of the query, or null when undefined.</param>
/// <param name="End">The end of the query, or null when undefined.</param>
/// <param name="STypeIn">The input symbology (<c>raw_symbol</c>, <c>parent</c>, …), or <c>mixed</c>.</param>
/// <param name="STypeOut">The output symbology (normally <c>instrument_id</c>).</param>
/// <param name="TsOut">Whether every record carries the gateway's send time after its body.</param>
/// <param name="Symbols">The symbols asked for.</param>
public sealed record DbnMetadata(
    int Version,
    string Dataset,
    string Schema,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string STypeIn,
    string STypeOut,
    bool TsOut,
    IReadOnlyList<string> Symbols);
