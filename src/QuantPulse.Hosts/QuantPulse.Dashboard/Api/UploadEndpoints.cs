using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using QuantPulse.Dashboard.Security;
using QuantPulse.Hosting;
using QuantPulse.Storage;

namespace QuantPulse.Dashboard.Api;

/// <summary><c>POST /api/upload/ohlc</c>: OHLC bars (CSV or a JSON array) stored as candles, all or nothing (authenticated).</summary>
internal static class UploadEndpoints
{
    public static RouteGroupBuilder MapUploadEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/upload/ohlc", UploadAsync)
            .WithSummary("Stores OHLC bars as candles, all or nothing; text/csv or application/json; ?symbol=&timeframe= for rows without them.")
            .Produces<UploadReportDto>().Produces<UploadReportDto>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        CandleUploads uploads,
        TimeProvider time,
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = options.Value.MaxUploadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var args = new ApiArguments(request);
        var symbol = args.Symbol("symbol", required: false);
        var timeframe = string.IsNullOrEmpty(request.Query["timeframe"]) ? (Model.Timeframe?)null : args.Timeframe("timeframe");
        if (args.Error is not null)
        {
            return args.Problem();
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        if (!json && !mediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                detail: "The body must be text/csv or application/json (a JSON array of bars).",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        if (!uploads.IsEnabled)
        {
            return Results.Problem(detail: "Storage is disabled (QuantPulse:Storage:Enabled), so uploads cannot be stored.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage disabled");
        }

        // The whole body is read (and counted against the limit) before anything is checked or stored.
        await using var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge(limit, "QuantPulse:Api:MaxUploadBytes");
        }

        var defaults = new CandleUploadDefaults(symbol, timeframe);
        CandleUploadBatch batch;
        try
        {
            if (json)
            {
                batch = CandleUpload.ReadJson(body, defaults, time.GetUtcNow());
            }
            else
            {
                using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
                batch = CandleUpload.ReadCsv(reader, defaults, time.GetUtcNow());
            }
        }
        catch (JsonException ex)
        {
            return ApiArguments.BadRequest("The body is not valid JSON: " + ex.Message);
        }

        var result = await uploads.StoreAsync(batch, cancellationToken);
        var report = UploadReportDto.From(result);
        return result.Stored
            ? TypedResults.Ok(report)
            : TypedResults.UnprocessableEntity(result.Accepted + result.Rejected == 0 && result.Errors.Count == 0
                ? report with { Errors = [new UploadErrorDto(1, "no rows")] }
                : report);
    }
}

/// <summary>The answer of an upload.</summary>
internal sealed record UploadReportDto(int Accepted, int Rejected, IReadOnlyList<UploadErrorDto> Errors)
{
    public static UploadReportDto From(CandleUploadResult result) =>
        new(result.Accepted, result.Rejected, [.. result.Errors.Select(e => new UploadErrorDto(e.Row, e.Reason))]);
}

/// <summary>One rejected row.</summary>
internal sealed record UploadErrorDto(long Row, string Reason);
