using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

/// <summary>Feeds <see cref="LiveMarketState"/> with every batch, after all stages and before storage.</summary>
internal sealed class LiveMarketStateContributor(LiveMarketState state) : IPipelineContributor
{
    public int Order => 350;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        builder.OnBatch(state.Apply);
        return ValueTask.CompletedTask;
    }
}
