using QuantPulse.Sources.Databento;

namespace QuantPulse.Hosting;

/// <summary>
/// Configuration of the Databento source (<c>QuantPulse:Sources:Databento</c>): the live gateway of
/// <see cref="Dataset"/>, or, when <see cref="File"/> is set, a DBN file of trades replayed.
/// </summary>
public sealed class DatabentoSourceHostOptions
{
    /// <summary>Whether the source runs. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>A DBN file (versions 2 and 3, <c>trades</c> schema, plain or zstd-compressed) to replay instead of the live gateway.</summary>
    public string? File { get; set; }

    /// <summary>The live dataset, such as <c>XNAS.ITCH</c> or <c>GLBX.MDP3</c>.</summary>
    public string? Dataset { get; set; }

    /// <summary>The symbols to subscribe to (live), or to announce for the file (its own mappings name its ticks).</summary>
    public IList<string> Symbols { get; } = [];

    /// <summary>The input symbology of <see cref="Symbols"/>. Default: <c>raw_symbol</c>.</summary>
    public string STypeIn { get; set; } = "raw_symbol";

    /// <summary>The gateway host. Default: derived from the dataset (<c>xnas-itch.lsg.databento.com</c>).</summary>
    public string? Gateway { get; set; }

    /// <summary>The gateway port. Default: 13000.</summary>
    public int Port { get; set; } = DatabentoSourceOptions.DefaultPort;

    /// <summary>The environment variable holding the API key. Default: <c>DATABENTO_API_KEY</c>.</summary>
    public string KeyVariable { get; set; } = DatabentoSourceOptions.DefaultKeyVariable;

    /// <summary>The gateway's heartbeat interval. Default: 30 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    internal bool IsReplay => !string.IsNullOrWhiteSpace(File);

    internal DatabentoSourceOptions ToSourceOptions() => new()
    {
        Dataset = Dataset!,
        Symbols = [.. Symbols],
        STypeIn = STypeIn,
        Gateway = Gateway,
        Port = Port,
        KeyVariable = KeyVariable,
        HeartbeatInterval = HeartbeatInterval,
    };
}
