using QuantPulse.Sources;

namespace QuantPulse.Hosting;

/// <summary>Configuration of a recorded tick file replayed as a source (<c>QuantPulse:Sources:Csv</c>).</summary>
public sealed class CsvSourceHostOptions
{
    /// <summary>Whether the file is replayed. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The tick file (<c>time,symbol,price[,size]</c>).</summary>
    public string? Path { get; set; }

    /// <summary>Replay at recorded speed (<see cref="TickPacing.Paced"/>, the default) or as fast as possible.</summary>
    public TickPacing Pacing { get; set; } = TickPacing.Paced;

    /// <summary>Speed factor for paced replay (2 = twice as fast). Default: 1.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>The symbol for files without a symbol column.</summary>
    public string? Symbol { get; set; }
}
