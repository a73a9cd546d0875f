using Microsoft.Extensions.Options;
using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

internal sealed class IndicatorContributor(IOptions<QuantPulseOptions> options) : IPipelineContributor
{
    public int Order => 100;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        var specs = options.Value.Indicators.Select(i => i.ToSpec()).ToArray();
        if (specs.Length > 0)
        {
            builder.WithIndicators(new Indicators.IndicatorBlockOptions
            {
                Indicators = specs,
                BoundedCapacity = options.Value.Pipeline.BoundedCapacity,
            });
        }

        return ValueTask.CompletedTask;
    }
}
