using QuantPulse.Model;

namespace QuantPulse.Sources.Databento;

/// <summary>One record of a DBN stream, decoded.</summary>
/// <param name="Kind">What the record holds.</param>
/// <param name="RType">The record type byte of its header.</param>
/// <param name="InstrumentId">The instrument id of its header.</param>
/// <param name="TsEvent">The <c>ts_event</c> of its header, in nanoseconds since 1970 (0 for an invalid record).</param>
/// <param name="Trade">The trade, when <paramref name="Kind"/> is <see cref="DbnRecordKind.Trade"/>.</param>
/// <param name="Bar">The closed bar, when <paramref name="Kind"/> is <see cref="DbnRecordKind.Bar"/>.</param>
/// <param name="Text">The message of a system or error record, or why an invalid record cannot be used.</param>
/// <param name="Problem">Why an invalid record cannot be used, as a rejection reason.</param>
public readonly record struct DbnRecord(
    DbnRecordKind Kind,
    byte RType,
    uint InstrumentId,
    long TsEvent,
    Tick Trade,
    Candle? Bar,
    string? Text,
    TickRejection Problem);
