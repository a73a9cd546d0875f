using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>The checks that span several fields of <see cref="QuantPulseOptions"/>.</summary>
internal sealed class QuantPulseOptionsValidator : IValidateOptions<QuantPulseOptions>
{
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

        var csv = options.Sources.Csv;
        if (csv.Enabled)
        {
            if (string.IsNullOrWhiteSpace(csv.Path))
            {
                failures.Add("QuantPulse:Sources:Csv:Path is required when the CSV source is enabled.");
            }
            else if (!File.Exists(csv.Path))
            {
                failures.Add($"QuantPulse:Sources:Csv:Path: '{csv.Path}' does not exist.");
            }

            if (!(csv.Speed > 0 && double.IsFinite(csv.Speed)))
            {
                failures.Add("QuantPulse:Sources:Csv:Speed must be a positive number.");
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

        var simulated = options.Sources.Simulated;
        if (simulated.TickInterval < TimeSpan.FromMilliseconds(1) || simulated.TickInterval > TimeSpan.FromDays(1))
        {
            failures.Add("QuantPulse:Sources:Simulated:TickInterval must be between 00:00:00.001 and 1.00:00:00.");
        }

        if (simulated.History < TimeSpan.Zero || simulated.History > TimeSpan.FromDays(366))
        {
            failures.Add("QuantPulse:Sources:Simulated:History must be between 00:00:00 and 366.00:00:00.");
        }

        if (simulated.StartPrice <= 0m)
        {
            failures.Add("QuantPulse:Sources:Simulated:StartPrice must be positive.");
        }

        var symbols = simulated.Symbols;
        if (symbols.Any(string.IsNullOrWhiteSpace) || symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Count)
        {
            failures.Add("QuantPulse:Sources:Simulated:Symbols must be non-empty and distinct.");
        }

        ValidateStrategies(options, failures);
        ValidateLiveSources(options.Sources, failures);
        Check(failures, "QuantPulse:Simulator", () => options.Simulator.ToSimulatorOptions(ValidCapacity));
        var storage = options.Storage;
        if (storage.Enabled)
        {
            Check(failures, "QuantPulse:Storage", () => storage.ToSinkOptions(TimeProvider.System));
            if (storage.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                failures.Add("QuantPulse:Storage:ConnectionString is required for the Postgres provider (set QuantPulse__Storage__ConnectionString).");
            }

            if (storage.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(storage.Path))
            {
                failures.Add("QuantPulse:Storage:Path is required for the Sqlite provider.");
            }
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

    private static void ValidateLiveSources(SourcesHostOptions sources, List<string> failures)
    {
        if (sources.Deriv.Enabled)
        {
            Check(failures, "QuantPulse:Sources:Deriv", () => sources.Deriv.ToSourceOptions());
        }

        if (sources.Binance.Enabled)
        {
            Check(failures, "QuantPulse:Sources:Binance", () => sources.Binance.ToSourceOptions());
        }
    }

    // The block options check their own ranges; report what they reject under the configuration key.
    private static void Check(List<string> failures, string section, Func<object> build)
    {
        try
        {
            build();
        }
        catch (ArgumentException ex)
        {
            var name = ex.ParamName is { Length: > 0 } p ? ":" + p : string.Empty;
            failures.Add($"{section}{name}: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
