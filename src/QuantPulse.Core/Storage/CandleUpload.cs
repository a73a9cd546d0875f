using System.Globalization;
using System.Text;
using System.Text.Json;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Storage;

/// <summary>
/// Reads and checks uploaded OHLC bars (CSV text or a JSON array) before they are stored as closed candles; every
/// row is either accepted or rejected with its reason.
/// </summary>
/// <remarks>
/// <para>
/// CSV: a header naming <c>open_time</c> (or <c>time</c>, <c>date</c>, <c>timestamp</c>), <c>open</c>, <c>high</c>,
/// <c>low</c>, <c>close</c>, optionally <c>volume</c>, <c>ticks</c>, <c>symbol</c> and <c>timeframe</c> — the
/// format <c>quantpulse candles</c> and the CSV export write. Files without a <c>symbol</c> or <c>timeframe</c>
/// column take <see cref="CandleUploadDefaults"/>. A row is the file's line number (the header is line 1).
/// </para>
/// <para>
/// JSON: an array of objects with the same names (<c>{"symbol","timeframe","open_time","open","high","low","close",
/// "volume","ticks"}</c>); numbers as JSON numbers or strings. A row is the element's 1-based position.
/// </para>
/// <para>
/// A row is rejected when a cell is missing or not of its type, a price is not positive, the bar is inconsistent
/// (<c>low ≤ open, close ≤ high</c>), the timeframe is unknown, the time is not the start of a bucket of the
/// timeframe or the bucket has not ended by <c>now</c>, the symbol is not 1–40 letters, digits or <c>_ . : -</c>,
/// or the same symbol, timeframe and open time came in an earlier row. Both forms go through the same row checks.
/// </para>
/// </remarks>
public static class CandleUpload
{
    /// <summary>The source stored with uploaded candles (<see cref="ICandleRepository.SaveAsync(IReadOnlyList{Candle}, string, CancellationToken)"/>).</summary>
    public const string Source = "upload";

    /// <summary>How many rejections a result lists (the first ones, by row).</summary>
    public const int MaxListedErrors = 100;

    private const string JsonHeader = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";
    private static readonly string[] JsonFields = ["symbol", "timeframe", "open_time", "open", "high", "low", "close", "volume", "ticks"];

    /// <summary>Reads and checks CSV text.</summary>
    /// <param name="reader">The CSV text (not disposed).</param>
    /// <param name="defaults">Symbol and timeframe of files without those columns.</param>
    /// <param name="now">The present: a bar whose bucket has not ended by then is rejected.</param>
    /// <returns>The accepted candles and the rejections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="defaults"/> is null.</exception>
    public static CandleUploadBatch ReadCsv(TextReader reader, CandleUploadDefaults defaults, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaults);
        return Read(reader, defaults, now, rowOffset: 0, []);
    }

    /// <summary>Reads and checks a JSON array of bars.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <param name="defaults">Symbol and timeframe of elements without those fields.</param>
    /// <param name="now">The present: a bar whose bucket has not ended by then is rejected.</param>
    /// <returns>The accepted candles and the rejections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="defaults"/> is null.</exception>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static CandleUploadBatch ReadJson(Stream json, CandleUploadDefaults defaults, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(defaults);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return CandleUploadBatch.Refused("the body must be a JSON array of bars");
        }

        // Each element becomes a CSV row, so JSON goes through exactly the checks CSV does.
        var text = new StringBuilder(JsonHeader).Append('\n');
        var early = new List<CandleUploadError>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            index++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                early.Add(new CandleUploadError(index, "not a JSON object"));
                text.Append('\n');
                continue;
            }

            for (var i = 0; i < JsonFields.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(Cell(element, JsonFields[i], defaults));
            }

            text.Append('\n');
        }

        using var reader = new StringReader(text.ToString());
        return Read(reader, defaults, now, rowOffset: -1, early);
    }

    /// <summary>Whether a symbol is acceptable: 1 to 40 letters, digits, <c>_ . : -</c>, starting with a letter or digit.</summary>
    /// <param name="symbol">The text.</param>
    /// <returns>Whether it is a symbol.</returns>
    public static bool IsSymbol(string? symbol) =>
        symbol is { Length: >= 1 and <= 40 } && char.IsAsciiLetterOrDigit(symbol[0])
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-');

    private static string Cell(JsonElement element, string name, CandleUploadDefaults defaults)
    {
        if (!element.TryGetProperty(name, out var value) && name == "open_time")
        {
            element.TryGetProperty("time", out value);
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Undefined or JsonValueKind.Null => name switch
            {
                "symbol" => defaults.Symbol ?? string.Empty,
                "timeframe" => defaults.Timeframe?.Name ?? string.Empty,
                _ => string.Empty,
            },
            _ => "(" + value.ValueKind.ToString() + ")",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static CandleUploadBatch Read(TextReader text, CandleUploadDefaults defaults, DateTimeOffset now, int rowOffset, List<CandleUploadError> errors)
    {
        CsvCandleRowReader? opened = null;
        try
        {
            opened = new CsvCandleRowReader(text, "upload", new CsvCandleReaderOptions { Symbol = defaults.Symbol ?? "upload", Timeframe = defaults.Timeframe, SkipMalformedRows = true });
        }
        catch (InvalidDataException ex)
        {
            opened?.Dispose();
            return CandleUploadBatch.Refused(ex.Message.Replace("upload: line 1: ", string.Empty, StringComparison.Ordinal).Replace("upload: ", string.Empty, StringComparison.Ordinal));
        }

        using var reader = opened;
        {
            var header = reader.Columns.Select(c => c.Trim().ToUpperInvariant()).ToList();
            if (!header.Contains("SYMBOL") && defaults.Symbol is null)
            {
                return CandleUploadBatch.Refused("no symbol column: add one or give the symbol (?symbol=)");
            }

            if (!reader.HasTimeframeColumn && defaults.Timeframe is null)
            {
                return CandleUploadBatch.Refused("no timeframe column: add one or give the timeframe (?timeframe=)");
            }

            var ticksColumn = header.IndexOf("TICKS");
            var seen = new Dictionary<(string, Timeframe, DateTimeOffset), long>();
            var accepted = new List<CandleUploadRow>();
            var rejected = errors.Count;
            var listed = errors;
            var skipped = 0;
            while (reader.Read() is { } row)
            {
                foreach (var (line, reason) in reader.Rejections.Skip(skipped))
                {
                    rejected++;
                    listed.Add(new CandleUploadError(line + rowOffset, reason));
                }

                skipped = reader.Rejections.Count;
                var candle = row.Candle;
                var rowNumber = row.LineNumber + rowOffset;
                var problem = Check(ref candle, row, ticksColumn, now);
                if (problem is null && !seen.TryAdd((candle.Symbol, candle.Timeframe, candle.OpenTime), rowNumber))
                {
                    problem = $"duplicate of row {seen[(candle.Symbol, candle.Timeframe, candle.OpenTime)]} ({candle.Symbol} {candle.Timeframe} {Time(candle.OpenTime)})";
                }

                if (problem is null)
                {
                    accepted.Add(new CandleUploadRow(rowNumber, candle));
                }
                else
                {
                    rejected++;
                    listed.Add(new CandleUploadError(rowNumber, problem));
                }

                TrimErrors(listed);
            }

            foreach (var (line, reason) in reader.Rejections.Skip(skipped))
            {
                rejected++;
                listed.Add(new CandleUploadError(line + rowOffset, reason));
            }

            TrimErrors(listed);
            return new CandleUploadBatch(accepted, rejected, [.. listed.OrderBy(e => e.Row).Take(MaxListedErrors)], null);
        }
    }

    private static string? Check(ref Candle candle, CsvCandleRow row, int ticksColumn, DateTimeOffset now)
    {
        if (!IsSymbol(candle.Symbol))
        {
            return $"symbol '{Shorten(candle.Symbol)}' is not 1 to 40 letters, digits, '_', '.', ':' or '-'";
        }

        if (candle.Low <= 0)
        {
            return $"low {candle.Low} is not positive";
        }

        if (ticksColumn >= 0 && row.Cells[ticksColumn].Trim() is { Length: > 0 } ticks)
        {
            if (!int.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return $"ticks '{Shorten(ticks)}' is not a whole number";
            }

            candle = candle with { TickCount = count };
        }

        var timeframe = candle.Timeframe;
        if (timeframe.BucketStart(candle.OpenTime) != candle.OpenTime)
        {
            return $"open_time {Time(candle.OpenTime)} is not the start of a {timeframe} bucket (expected {Time(timeframe.BucketStart(candle.OpenTime))})";
        }

        return candle.CloseTime > now ? $"the {timeframe} bucket of {Time(candle.OpenTime)} has not ended yet" : null;
    }

    private static void TrimErrors(List<CandleUploadError> listed)
    {
        // Keep memory bounded on a large bad file: only the first rows are ever listed.
        if (listed.Count > 4 * MaxListedErrors)
        {
            var keep = listed.OrderBy(e => e.Row).Take(MaxListedErrors).ToList();
            listed.Clear();
            listed.AddRange(keep);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
