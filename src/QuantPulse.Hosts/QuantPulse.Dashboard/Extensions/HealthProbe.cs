namespace QuantPulse.Dashboard.Extensions;

/// <summary>
/// <c>QuantPulse.Dashboard --probe URL</c>: asks a running dashboard's health endpoint and exits 0 when it answers 200,
/// 1 otherwise. The container's HEALTHCHECK uses it, as the runtime image has no curl.
/// </summary>
internal static class HealthProbe
{
    public static bool IsProbe(string[] args) => args is ["--probe", _];

    public static async Task<int> RunAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"quantpulse-dashboard: --probe needs an http(s) URL, not '{url}'");
            return 2;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(uri);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"quantpulse-dashboard: {uri} did not answer: {ex.Message}");
            return 1;
        }
    }
}
