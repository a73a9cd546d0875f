using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Pipeline;
using QuantPulse.Sources;

namespace QuantPulse.Distributed.Hosting;

/// <summary>The pipeline a single process builds from the <c>QuantPulse</c> configuration, as a worker's per-partition template.</summary>
internal static class ConfiguredStages
{
    /// <summary>
    /// Candles, indicators, signals and the simulator exactly as configured, with three differences a partition needs:
    /// no storage sink (the worker stores each batch before acknowledging it), no open trades loaded from storage
    /// (the journal replay rebuilds them), and candles closed by ticks only (the partition's source has no watermark
    /// and never ends).
    /// </summary>
    public static Func<ITickSource, MarketPipelineBuilder> Template(QuantPulseOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var wrapped = Options.Create(options);
        IPipelineContributor[] stages = [new IndicatorContributor(wrapped), new SignalContributor(wrapped)];
        return source =>
        {
            var builder = QuantPulseRuntime.CreateBuilder(source, options, closeCandlesAtEnd: false, timeProvider, loggerFactory);
            foreach (var stage in stages)
            {
                // Both add their stage synchronously.
                var added = stage.ContributeAsync(builder, CancellationToken.None);
                if (!added.IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("A pipeline stage could not be added synchronously.");
                }
            }

            if (options.Strategies.Count > 0 && options.Simulator.Enabled)
            {
                builder.WithSimulator(options.Simulator.ToSimulatorOptions(options.Pipeline.BoundedCapacity));
            }

            return builder;
        };
    }
}
