using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>What an upload did.</summary>
/// <param name="Accepted">Rows stored (zero when any row was rejected).</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="Errors">The first <see cref="CandleUpload.MaxListedErrors"/> rejections, by row.</param>
/// <param name="Stored">Whether anything was written.</param>
public sealed record CandleUploadResult(int Accepted, int Rejected, IReadOnlyList<CandleUploadError> Errors, bool Stored);
