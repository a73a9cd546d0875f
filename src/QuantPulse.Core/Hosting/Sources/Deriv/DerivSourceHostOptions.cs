using QuantPulse.Sources.Deriv;

namespace QuantPulse.Hosting;

/// <summary>Configuration of the Deriv API v3 tick feed (<c>QuantPulse:Sources:Deriv</c>).</summary>
public sealed class DerivSourceHostOptions
{
    /// <summary>Whether the feed runs. Default: false (the hosts' appsettings switch it on with public symbols).</summary>
    public bool Enabled { get; set; }

    /// <summary>Synthetic indices to subscribe to, such as <c>R_100</c> or <c>1HZ100V</c>.</summary>
    public IList<string> Symbols { get; } = [];

    /// <summary>The WebSocket endpoint; the <c>app_id</c> query is appended. Default: Deriv's public endpoint.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The application id. Default: 1089, Deriv's documented public id.</summary>
    public int AppId { get; set; } = DerivSourceOptions.DefaultAppId;

    /// <summary>How many historical ticks per symbol warm the indicators up on start. Default: 1000.</summary>
    public int WarmUpTicks { get; set; } = 1000;

    internal DerivSourceOptions ToSourceOptions() => new()
    {
        Symbols = [.. Symbols],
        Endpoint = Endpoint ?? DerivSourceOptions.DefaultEndpoint,
        AppId = AppId,
        WarmUpTicks = WarmUpTicks,
    };
}
