using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace QuantPulse.Benchmarks.Feed;

/// <summary>
/// Tick → WebSocket client latency of a running dashboard, measured by real <see cref="ClientWebSocket"/> clients
/// over loopback: each received tick's latency is the client's clock at receipt minus the tick's <c>time</c> (the
/// simulated market stamps a tick with the clock when it makes it, on the same machine).
/// </summary>
/// <remarks>
/// <c>feed-latency --url ws://127.0.0.1:5099/ws/updates --clients 100 --symbols 100 --mode one --seconds 30</c>:
/// <c>one</c> subscribes client i to symbol i mod N, <c>all</c> subscribes every client to <c>"*"</c>. The first
/// <c>--warmup</c> seconds (default 5) are not counted. The tick times on the feed have millisecond precision, so a
/// latency reads up to 1 ms high, never low.
/// </remarks>
internal static class FeedLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url", "ws://127.0.0.1:5099/ws/updates"));
        var clients = int.Parse(Option(args, "--clients", "100"), CultureInfo.InvariantCulture);
        var symbols = int.Parse(Option(args, "--symbols", "100"), CultureInfo.InvariantCulture);
        var all = Option(args, "--mode", "one") == "all";
        var seconds = double.Parse(Option(args, "--seconds", "30"), CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option(args, "--warmup", "5"), CultureInfo.InvariantCulture);
        var prefix = Option(args, "--prefix", "SIM_B");

        using var stop = new CancellationTokenSource();
        var start = Stopwatch.GetTimestamp();
        var warm = start + (long)(warmup * Stopwatch.Frequency);
        var results = new Result[clients];
        var tasks = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            var symbol = all ? "*" : prefix + (index % symbols).ToString("D3", CultureInfo.InvariantCulture);
            results[index] = new Result();
            tasks[index] = Task.Run(() => ClientAsync(url, symbol, results[index], warm, stop.Token));
        }

        await Task.Delay(TimeSpan.FromSeconds(warmup + seconds));
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        var latencies = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var received = latencies.Length;
        var dropped = results.Sum(r => r.Dropped);
        var failed = results.Count(r => r.Error is not null);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"clients={clients} mode={(all ? "all" : "one")} measured={seconds}s ticks_received={received} ({received / seconds:F0}/s) dropped={dropped} failed_clients={failed}"));
        if (received > 0)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"latency_ms p50={Percentile(latencies, 0.50):F2} p99={Percentile(latencies, 0.99):F2} p999={Percentile(latencies, 0.999):F2} max={latencies[^1]:F2}"));
        }

        foreach (var error in results.Select(r => r.Error).Where(e => e is not null).Distinct().Take(3))
        {
            Console.WriteLine("client error: " + error);
        }

        return failed == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static async Task ClientAsync(Uri url, string symbol, Result result, long warm, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, stop);
            var subscribe = JsonSerializer.SerializeToUtf8Bytes(new { action = "subscribe", symbols = new[] { symbol }, channels = new[] { "tick" } });
            await socket.SendAsync(subscribe, WebSocketMessageType.Text, true, stop);
            var buffer = new byte[64 * 1024];
            while (!stop.IsCancellationRequested)
            {
                var count = 0;
                ValueWebSocketReceiveResult frame;
                do
                {
                    frame = await socket.ReceiveAsync(buffer.AsMemory(count), stop);
                    count += frame.Count;
                }
                while (!frame.EndOfMessage);

                var received = DateTimeOffset.UtcNow;
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    result.Error = $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}";
                    return;
                }

                Read(buffer.AsSpan(0, count), received, result, Stopwatch.GetTimestamp() >= warm);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException ex)
        {
            result.Error = ex.Message;
        }
    }

    private static void Read(ReadOnlySpan<byte> json, DateTimeOffset received, Result result, bool counted)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "tick" when counted:
                var time = root.GetProperty("data").GetProperty("time").GetDateTimeOffset();
                result.LatenciesMs.Add((received - time).TotalMilliseconds);
                break;
            case "dropped":
                result.Dropped += root.GetProperty("count").GetInt64();
                break;
            case "error":
                result.Error = "error event: " + Encoding.UTF8.GetString(json);
                break;
        }
    }

    private sealed class Result
    {
        public List<double> LatenciesMs { get; } = new(1 << 16);

        public long Dropped { get; set; }

        public string? Error { get; set; }
    }
}
