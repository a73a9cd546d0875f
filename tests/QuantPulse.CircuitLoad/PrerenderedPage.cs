using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QuantPulse.CircuitLoad;

/// <summary>
/// What a browser reads from a prerendered Blazor Server page before it opens a circuit: the markers of the interactive
/// server components (<c>&lt;!--Blazor:{"type":"server",…,"descriptor":…}--&gt;</c>) and the persisted component state
/// (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>).
/// </summary>
public sealed partial class PrerenderedPage
{
    private PrerenderedPage(Uri baseUri, Uri uri, IReadOnlyList<JsonObject> markers, string applicationState)
    {
        BaseUri = baseUri;
        Uri = uri;
        Markers = markers;
        ApplicationState = applicationState;
    }

    /// <summary>The document's base address (its <c>&lt;base href&gt;</c>), what the circuit's NavigationManager gets.</summary>
    public Uri BaseUri { get; }

    /// <summary>The page's own address.</summary>
    public Uri Uri { get; }

    /// <summary>The start markers of the server components, in document order.</summary>
    public IReadOnlyList<JsonObject> Markers { get; }

    /// <summary>The protected persisted state, or empty when the page persisted none.</summary>
    public string ApplicationState { get; }

    /// <summary>Loads <paramref name="uri"/> and reads its markers; fails when the page has no interactive server component.</summary>
    public static async Task<PrerenderedPage> LoadAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        string html;
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CircuitException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            html = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CircuitException($"GET {uri} failed: {ex.Message}", ex);
        }

        return Parse(uri, html);
    }

    /// <summary>Reads the markers and the state from a page's HTML.</summary>
    public static PrerenderedPage Parse(Uri uri, string html)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(html);
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(match.Groups["json"].Value);
            }
            catch (JsonException ex)
            {
                throw new CircuitException($"{uri} has a component marker that is not JSON: {ex.Message}");
            }

            // End markers carry only the prerender id; start markers of server components carry the descriptor.
            if (node is JsonObject marker && (string?)marker["type"] == "server" && marker["descriptor"] is not null)
            {
                markers.Add(marker);
            }
        }

        if (markers.Count == 0)
        {
            throw new CircuitException($"{uri} has no interactive server component (no <!--Blazor:{{\"type\":\"server\"…}}--> marker).");
        }

        var state = StatePattern().Match(html);
        var href = BasePattern().Match(html);
        var baseUri = href.Success ? new Uri(uri, href.Groups["href"].Value) : new Uri(uri, "/");
        return new PrerenderedPage(baseUri, uri, markers, state.Success ? state.Groups["state"].Value : string.Empty);
    }

    /// <summary>
    /// The first <c>UpdateRootComponents</c> batch: one <c>add</c> operation per marker, each marker with the unique id
    /// the browser gives it.
    /// </summary>
    public string AddOperations()
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
        {
            var marker = (JsonObject)Markers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)\s*-->")]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"<base\s+href=""(?<href>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex BasePattern();
}

/// <summary>A circuit that could not be opened, or that failed or closed while it was open.</summary>
public sealed class CircuitException : Exception
{
    public CircuitException()
    {
    }

    public CircuitException(string message)
        : base(message)
    {
    }

    public CircuitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
