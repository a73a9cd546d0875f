using System.ComponentModel.DataAnnotations;

namespace QuantPulse.Hosting;

/// <summary>Pipeline-wide settings (<c>QuantPulse:Pipeline</c>).</summary>
public sealed class PipelineHostOptions
{
    /// <summary>How often the clock closes quiet buckets (10 ms to 1 h). Default: one second.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far clock-driven closes stay behind the clock, for ticks that arrive a little late (0 to 1 h). Default: two seconds.</summary>
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many batches each stage buffers before it slows the source down. Default: 64.</summary>
    [Range(1, 100_000)]
    public int BoundedCapacity { get; set; } = 64;

    /// <summary>The most ticks per batch between stages. Default: 512.</summary>
    [Range(1, 700)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Whether every closed candle is logged at Information level. Default: true.</summary>
    public bool LogCandles { get; set; } = true;
}
