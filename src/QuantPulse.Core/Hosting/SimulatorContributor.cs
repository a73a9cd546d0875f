using Microsoft.Extensions.Options;
using QuantPulse.Pipeline;
using QuantPulse.Simulation;

namespace QuantPulse.Hosting;

/// <summary>Adds the simulator when strategies are configured; open trades stored by an earlier run keep being watched.</summary>
internal sealed class SimulatorContributor(IOptions<QuantPulseOptions> options, IMarketStoreProvider stores) : IPipelineContributor
{
    public int Order => 300;

    public async ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Strategies.Count == 0 || !value.Simulator.Enabled)
        {
            return;
        }

        IReadOnlyList<Trade> open = [];
        if (stores.IsEnabled)
        {
            var store = await stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
            open = await store.Trades.GetOpenTradesAsync(cancellationToken).ConfigureAwait(false);
        }

        builder.WithSimulator(value.Simulator.ToSimulatorOptions(value.Pipeline.BoundedCapacity), open);
    }
}
