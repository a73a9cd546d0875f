using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>A dashboard that has replayed <see cref="Minutes"/> minutes of two symbols to the end (state <c>completed</c>).</summary>
public class ReplayFixture : DashboardHost
{
    public const int Minutes = 60;

    public ReplayFixture()
        : this(Minutes)
    {
    }

    /// <summary>A replay of <paramref name="minutes"/> minutes of ticks.</summary>
    protected ReplayFixture(int minutes)
        : this(TickFile.Ticks(minutes, 10, "TST", "TST2"))
    {
    }

    /// <summary>A dashboard that replays <paramref name="ticks"/>.</summary>
    protected ReplayFixture(IReadOnlyList<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> ticks)
    {
        Ticks = ticks;
        Factory.WithReplay(TickFile.Write(Factory.ScratchDirectory, Ticks));
    }

    public IReadOnlyList<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> Ticks { get; }

    /// <summary>Stores in a PostgreSQL database instead of the SQLite file (call before the host starts).</summary>
    public void UsePostgres(string connectionString)
    {
        Factory.Settings["QuantPulse:Storage:Provider"] = "Postgres";
        Factory.Settings["QuantPulse:Storage:ConnectionString"] = connectionString;
    }

    protected override Task StartedAsync() =>
        Eventually.TrueAsync(
            async () =>
            {
                using var stats = JsonDocument.Parse(await Client.GetStringAsync(new Uri("/api/stats", UriKind.Relative)));
                var sources = stats.RootElement.GetProperty("sources");
                return sources.GetArrayLength() == 1 && sources[0].GetProperty("state").GetString() == "completed";
            },
            "the replay reaches its end");

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>The same replay with a live window of only 10 candles, so older candles get replayed indicator values.</summary>
public sealed class ShortWindowReplayFixture : ReplayFixture
{
    protected override void Configure(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["QuantPulse:Candles:HistoryLength"] = "10";
    }
}

/// <summary>
/// Four hours replayed with both strategies (on every configured timeframe) and no limit on open trades, so each strategy's trades on
/// one timeframe are those of a back-test of that strategy alone (the per-asset limit would otherwise couple them).
/// </summary>
public sealed class TradeReplayFixture : ReplayFixture
{
    public const string MaxOpenTrades = "10000";

    public TradeReplayFixture()
        : base(240)
    {
    }

    protected override void Configure(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["QuantPulse:Simulator:MaxOpenTradesPerAsset"] = MaxOpenTrades;
    }
}
