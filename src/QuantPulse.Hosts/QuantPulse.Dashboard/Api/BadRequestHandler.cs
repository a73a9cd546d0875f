using Microsoft.AspNetCore.Diagnostics;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// Turns a request the framework could not read (malformed JSON body, body over the size limit) into a 4xx problem
/// that says what was wrong, instead of a 500.
/// </summary>
internal sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than the limit."
            : "The request could not be read: " + (bad.InnerException?.Message ?? bad.Message);
        await Results.Problem(detail: detail, statusCode: bad.StatusCode, title: "Invalid request").ExecuteAsync(httpContext);
        return true;
    }
}
