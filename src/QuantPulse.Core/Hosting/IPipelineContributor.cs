using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

/// <summary>Adds stages, sinks or consumers to the pipeline the host builds from configuration.</summary>
/// <remarks>
/// Contributors run in ascending <see cref="Order"/> after the source and candle stage are set, so stages land in
/// pipeline order: indicators (100), signals (200), simulator (300), storage and other consumers (400 and up).
/// </remarks>
public interface IPipelineContributor
{
    /// <summary>Where the contribution goes in the pipeline; lower runs first.</summary>
    int Order { get; }

    /// <summary>Adds to the pipeline being built.</summary>
    /// <param name="builder">The builder, with the source and candle settings already applied.</param>
    /// <param name="cancellationToken">Cancels start-up (for contributors that open a database, for example).</param>
    /// <returns>A task that completes when the contribution is added.</returns>
    ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken);
}
