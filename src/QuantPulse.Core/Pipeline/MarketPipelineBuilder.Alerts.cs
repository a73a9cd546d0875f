using QuantPulse.Alerts;

namespace QuantPulse.Pipeline;

public sealed partial class MarketPipelineBuilder
{
    /// <summary>
    /// Evaluates <paramref name="engine"/>'s rules on every batch, after the stages (so indicator rules see the
    /// indicator values), and reports each trigger in stream order.
    /// </summary>
    /// <param name="engine">The rules.</param>
    /// <param name="onTrigger">Called on the pipeline's thread for each trigger; it must be quick.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MarketPipelineBuilder WithAlerts(AlertEngine engine, Action<AlertTrigger> onTrigger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(onTrigger);
        var fired = new List<AlertTrigger>();
        return OnBatch(batch =>
        {
            engine.Evaluate(batch, fired);
            foreach (var trigger in fired)
            {
                onTrigger(trigger);
            }

            fired.Clear();
        });
    }
}
