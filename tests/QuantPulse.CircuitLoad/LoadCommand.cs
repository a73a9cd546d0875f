using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace QuantPulse.CircuitLoad;

/// <summary>
/// <c>quantpulse-circuits --url http://127.0.0.1:5000 --circuits 50 --seconds 300 [--path "/?tf=1m"] [--pid HOSTPID --baseline 120]</c>:
/// opens that many circuits of a page on a running dashboard, keeps them open and checks that every one stays live and
/// keeps receiving render batches. With <c>--pid</c> (the host on this machine) it also measures the host: a window with
/// no circuit open, then one with the circuits, and prints the table for docs/benchmarks.md.
/// </summary>
/// <remarks>
/// Exit code 0 when every circuit stayed live and kept rendering to the end; 1 when one failed, closed or stopped
/// rendering; 2 when the circuits could not be opened or an option is wrong.
/// </remarks>
public static class LoadCommand
{
    private const double ProgressSeconds = 30;
    private const double SampleSeconds = 5;
    private const string Usage = "usage: quantpulse-circuits --url URL [--path /?tf=1m] [--circuits 50] [--seconds 300] [--parallel 5] [--open-timeout 120] [--pid HOSTPID --baseline 120]";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"quantpulse-circuits: {ex.Message}{Environment.NewLine}{Usage}");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
        var sampler = options.Pid > 0 ? new HostSampler(http, options.Pid) : null;
        if (sampler is not null && !HostSampler.CanMeasure(options.Pid))
        {
            await Console.Error.WriteLineAsync($"quantpulse-circuits: --pid {options.Pid} is not a running process (give the dashboard host's process id).");
            return 2;
        }

        HostSample? idle = null;
        if (sampler is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no circuit open: measuring {options.Baseline:F0} s …"));
            idle = await sampler.MeasureAsync(options.Baseline);
            Console.WriteLine(idle.Describe("no circuit open"));
        }

        var page = new Uri(options.Url, options.Path);
        var opening = Stopwatch.StartNew();
        await using var circuits = new CircuitSet();
        try
        {
            await circuits.OpenAsync(http, page, options.Circuits, options.Parallel, TimeSpan.FromSeconds(options.OpenTimeout));
        }
        catch (CircuitException ex)
        {
            await Console.Error.WriteLineAsync($"quantpulse-circuits: {ex.Message}");
            return 2;
        }

        var server = sampler is null ? null : await sampler.MetricAsync("quantpulse_ui_circuits");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Circuits} circuits of {page} open and rendering in {opening.Elapsed.TotalSeconds:F0} s (the host counts {server?.ToString(CultureInfo.InvariantCulture) ?? "?"} open circuits); keeping them {options.Seconds:F0} s …"));
        var start = circuits.Snapshot();
        var clock = Stopwatch.StartNew();
        HostSample? loaded = null;
        if (sampler is not null)
        {
            loaded = await sampler.MeasureAsync(options.Seconds, () => Progress(circuits, clock));
        }
        else
        {
            while (clock.Elapsed.TotalSeconds < options.Seconds && circuits.Live == options.Circuits)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(SampleSeconds, Math.Max(0.1, options.Seconds - clock.Elapsed.TotalSeconds))));
                await Progress(circuits, clock);
            }
        }

        var end = circuits.Snapshot();
        var stalled = circuits.Stalled(start);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"after {clock.Elapsed.TotalSeconds:F0} s: {circuits.Live} of {options.Circuits} circuits live, {stalled} without a new render batch; per circuit {(end.Batches - start.Batches) / (double)options.Circuits / clock.Elapsed.TotalSeconds:F2} render batches/s, {(end.Bytes - start.Bytes) / (double)options.Circuits / clock.Elapsed.TotalSeconds / 1024:F1} KiB/s of batches, {(end.JSCalls - start.JSCalls) / (double)options.Circuits / clock.Elapsed.TotalSeconds:F2} JS calls/s"));
        foreach (var failure in circuits.Failures().Take(5))
        {
            Console.WriteLine("  " + failure);
        }

        if (idle is not null && loaded is not null)
        {
            Console.WriteLine(loaded.Describe($"{options.Circuits} circuits open"));
            Console.WriteLine();
            Console.WriteLine(HostSample.Table(idle, loaded, $"{options.Circuits} circuits open ({circuits.Live} live at the end)", options.Circuits));
        }

        return circuits.Live == options.Circuits && stalled == 0 ? 0 : 1;
    }

    /// <summary>A progress line about every 30 s; a circuit that ended is reported at once.</summary>
    private static Task Progress(CircuitSet circuits, Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var live = circuits.Live;
        if (live < circuits.Clients.Count || (int)(seconds / ProgressSeconds) != (int)((seconds - SampleSeconds) / ProgressSeconds))
        {
            var now = circuits.Snapshot();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds:F0} s: {live} live, {now.Batches} render batches, {now.JSCalls} JS calls"));
        }

        return Task.CompletedTask;
    }

    private sealed record Options(Uri Url, string Path, int Circuits, double Seconds, int Parallel, double OpenTimeout, int Pid, double Baseline)
    {
        public static Options Parse(string[] args)
        {
            string? url = null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string[] known = ["--url", "--path", "--circuits", "--seconds", "--parallel", "--open-timeout", "--pid", "--baseline"];
            for (var i = 0; i < args.Length; i++)
            {
                if (!known.Contains(args[i]))
                {
                    throw new FormatException($"unknown option '{args[i]}'.");
                }

                if (i + 1 >= args.Length)
                {
                    throw new FormatException($"{args[i]} needs a value.");
                }

                values[args[i]] = args[++i];
            }

            url = values.GetValueOrDefault("--url") ?? throw new FormatException("--url is required (the dashboard's address).");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"--url '{url}' is not an http(s) address.");
            }

            return new Options(
                address,
                values.GetValueOrDefault("--path") ?? "/?tf=1m",
                Positive("--circuits", 50),
                Positive("--seconds", 300.0),
                Positive("--parallel", 5),
                Positive("--open-timeout", 120.0),
                values.ContainsKey("--pid") ? Positive("--pid", 0) : 0,
                Positive("--baseline", 120.0));

            T Positive<T>(string name, T fallback)
                where T : struct, INumber<T>
            {
                if (!values.TryGetValue(name, out var text))
                {
                    return fallback;
                }

                return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > T.Zero
                    ? value
                    : throw new FormatException($"{name} '{text}' is not a positive number.");
            }
        }
    }
}
