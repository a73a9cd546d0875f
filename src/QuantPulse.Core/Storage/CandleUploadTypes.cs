using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>The symbol and timeframe of uploaded rows that do not carry their own.</summary>
/// <param name="Symbol">The symbol, or null when every row must name one.</param>
/// <param name="Timeframe">The timeframe, or null when every row must name one.</param>
public sealed record CandleUploadDefaults(string? Symbol = null, Timeframe? Timeframe = null);

/// <summary>A rejected upload row.</summary>
/// <param name="Row">The CSV line number (the header is line 1), or the JSON element's 1-based position.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record CandleUploadError(long Row, string Reason);

/// <summary>An accepted upload row.</summary>
/// <param name="Row">The row, numbered as in <see cref="CandleUploadError.Row"/>.</param>
/// <param name="Candle">The closed candle it holds.</param>
public sealed record CandleUploadRow(long Row, Candle Candle);

/// <summary>What <see cref="CandleUpload"/> read: the accepted rows, how many were rejected and the first reasons.</summary>
public sealed class CandleUploadBatch
{
    internal CandleUploadBatch(IReadOnlyList<CandleUploadRow> accepted, int rejected, IReadOnlyList<CandleUploadError> errors, string? refusal)
    {
        Accepted = accepted;
        Rejected = rejected;
        Errors = errors;
        Refusal = refusal;
    }

    /// <summary>The rows that passed every check, in input order.</summary>
    public IReadOnlyList<CandleUploadRow> Accepted { get; }

    /// <summary>How many rows were rejected.</summary>
    public int Rejected { get; }

    /// <summary>The first <see cref="CandleUpload.MaxListedErrors"/> rejections, by row.</summary>
    public IReadOnlyList<CandleUploadError> Errors { get; }

    /// <summary>Why the whole input was refused (no usable header, not a JSON array), or null.</summary>
    public string? Refusal { get; }

    internal static CandleUploadBatch Refused(string reason) => new([], 0, [new CandleUploadError(1, reason)], reason);
}
