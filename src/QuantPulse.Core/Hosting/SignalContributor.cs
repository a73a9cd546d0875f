using Microsoft.Extensions.Options;
using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

internal sealed class SignalContributor(IOptions<QuantPulseOptions> options) : IPipelineContributor
{
    public int Order => 200;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        var value = options.Value;
        foreach (var strategy in value.Strategies)
        {
            builder.WithStrategy(strategy.ToSpec(), value.Signals.ToBlockOptions(value.Pipeline.BoundedCapacity));
        }

        return ValueTask.CompletedTask;
    }
}
