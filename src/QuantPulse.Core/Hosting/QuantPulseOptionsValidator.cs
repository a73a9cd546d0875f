using Microsoft.Extensions.Options;
using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>The checks that span several fields of <see cref="QuantPulseOptions"/>.</summary>
/// <remarks>Each source and store checks its own options (see <c>AddTickSource</c> and <c>AddMarketStore</c>).</remarks>
internal sealed class QuantPulseOptionsValidator(IEnumerable<MarketStoreRegistration> stores) : IValidateOptions<QuantPulseOptions>
{
    private readonly MarketStoreRegistration[] _stores = [.. stores];

    // The sections that take QuantPulse:Pipeline:BoundedCapacity are checked with a valid one: an invalid capacity is
    // reported once, under its own key, not again under keys the user never set.
    private static readonly int ValidCapacity = new PipelineHostOptions().BoundedCapacity;

    public ValidateOptionsResult Validate(string? name, QuantPulseOptions options)
    {
        var failures = new List<string>(options.ConfigurationErrors);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("QuantPulse:DataDirectory must name a folder (default: data, beside the application).");
        }

        var seen = new HashSet<Timeframe>();
        foreach (var text in options.Candles.Timeframes)
        {
            if (!Timeframe.TryParse(text, out var tf))
            {
                failures.Add($"QuantPulse:Candles:Timeframes: '{text}' is not a timeframe (1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d).");
            }
            else if (!seen.Add(tf))
            {
                failures.Add($"QuantPulse:Candles:Timeframes: '{text}' is listed twice.");
            }
        }

        var columns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Indicators.Count; i++)
        {
            if (!options.Indicators[i].TryToSpec(out var spec, out var error))
            {
                failures.Add($"QuantPulse:Indicators:{i}: {error}");
            }
            else
            {
                foreach (var column in spec.Columns.Where(c => !columns.Add(c)))
                {
                    failures.Add($"QuantPulse:Indicators:{i}: column '{column}' is produced twice.");
                }
            }
        }

        var pipeline = options.Pipeline;
        if (pipeline.HeartbeatInterval < TimeSpan.FromMilliseconds(10) || pipeline.HeartbeatInterval > TimeSpan.FromHours(1))
        {
            failures.Add("QuantPulse:Pipeline:HeartbeatInterval must be between 00:00:00.010 and 01:00:00.");
        }

        if (pipeline.CloseDelay < TimeSpan.Zero || pipeline.CloseDelay > TimeSpan.FromHours(1))
        {
            failures.Add("QuantPulse:Pipeline:CloseDelay must be between 00:00:00 and 01:00:00.");
        }

        ValidateStrategies(options, failures);
        Check(failures, "QuantPulse:Simulator", () => options.Simulator.ToSimulatorOptions(ValidCapacity));
        var storage = options.Storage;
        if (MarketStoreRegistration.Find(_stores, storage.Provider) is null)
        {
            failures.Add($"QuantPulse:Storage:Provider: '{storage.Provider}' is not one of {string.Join(", ", _stores.Select(f => f.Name))}.");
        }

        if (storage.Enabled)
        {
            Check(failures, "QuantPulse:Storage", () => storage.ToSinkOptions(TimeProvider.System));
        }

        failures.AddRange(options.Alerts.Validate());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateStrategies(QuantPulseOptions options, List<string> failures)
    {
        for (var i = 0; i < options.Strategies.Count; i++)
        {
            if (!options.Strategies[i].TryToSpec(out _, out var error))
            {
                failures.Add($"QuantPulse:Strategies:{i}: {error}");
            }
        }

        Check(failures, "QuantPulse:Signals", () => options.Signals.ToBlockOptions(ValidCapacity));
    }

    private static void Check(List<string> failures, string section, Func<object> build) =>
        HostOptionChecks.Check(failures, section, build);
}
