using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// The UTF-8 time cells of consecutive rows parsed as <see cref="CsvTime.TryParseTrimmed{T}"/> parses them, the
/// <c>yyyy-MM-ddTHH</c> prefix of an ISO time parsed once per hour and reused. Not thread-safe.
/// </summary>
internal sealed class Utf8TimeCells
{
    private readonly byte[] _hourPrefix = new byte[CsvTime.IsoHourLength]; // the last ISO yyyy-MM-ddTHH seen ...
    private long _hourTicks;                                              // ... and the start of that hour

    /// <summary>Parses a trimmed time cell into UTC ticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // The per-row hot path: compiled with the runtime's code inlined, not precompiled.
    public bool TryParse(ReadOnlySpan<byte> text, out long ticks)
    {
        if (text.Length < 16 || text[4] != (byte)'-')
        {
            return CsvTime.TryParseTrimmed(text, out ticks);
        }

        var prefix = text[..CsvTime.IsoHourLength];
        if (!prefix.SequenceEqual(_hourPrefix))
        {
            if (!CsvTime.TryParseIsoHour(text, out var hourTicks))
            {
                ticks = 0;
                return false;
            }

            prefix.CopyTo(_hourPrefix);
            _hourTicks = hourTicks;
        }

        return CsvTime.TryParseIsoAfterHour(text, _hourTicks, out ticks);
    }
}
