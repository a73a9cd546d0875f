namespace QuantPulse.Dashboard.Api;

/// <summary>Reads a whole request body up to a limit of the endpoint's own.</summary>
internal static class RequestBody
{
    /// <summary>The body, positioned at its start, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                await body.DisposeAsync();
                return null;
            }

            await body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        body.Position = 0;
        return body;
    }

    /// <summary>The 413 problem.</summary>
    public static IResult TooLarge(long limit, string setting) => Results.Problem(
        detail: $"The body is larger than {limit:N0} bytes ({setting}).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large");
}
