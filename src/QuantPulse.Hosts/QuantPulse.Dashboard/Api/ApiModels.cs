using QuantPulse.Analytics;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Dashboard.Api;

/// <summary>One symbol of <c>GET /api/symbols</c>.</summary>
internal sealed record SymbolDto(string Symbol, string Source, bool Simulated, decimal? LastPrice, DateTimeOffset? LastTime, string State);

/// <summary><c>GET /api/price/{symbol}</c>.</summary>
internal sealed record PriceDto(string Symbol, decimal Price, DateTimeOffset Time, string Source);

/// <summary>A closed candle; <see cref="Indicators"/> is present only when asked for.</summary>
internal sealed record CandleDto(
    DateTimeOffset OpenTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    long Ticks,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, double?>? Indicators)
{
    public static CandleDto From(ClosedCandle closed)
    {
        var c = closed.Candle;
        return new CandleDto(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume, c.TickCount, IndicatorsOf(closed));
    }

    public static Dictionary<string, double?>? IndicatorsOf(ClosedCandle closed)
    {
        if (closed.Indicators is not { } values)
        {
            return null;
        }

        var map = new Dictionary<string, double?>(values.Count, StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            map[values.Columns[i]] = values[i] is { } v && double.IsFinite(v) ? v : null;
        }

        return map;
    }
}

/// <summary><c>GET /api/candles</c> and <c>GET /api/ohlc/{symbol}</c>.</summary>
internal sealed record CandlesDto(string Symbol, string Interval, IReadOnlyList<CandleDto> Candles);

/// <summary>A row of the <c>signals</c> table.</summary>
internal sealed record SignalDto(
    string Id,
    string Asset,
    DateTimeOffset Timestamp,
    string Type,
    double Confidence,
    decimal EntryPrice,
    decimal StopLoss,
    decimal TakeProfit,
    double RrRatio,
    string Strategy,
    IReadOnlyList<ConfirmationDto> Confirmations)
{
    public static SignalDto From(Signal s) => new(
        s.Id, s.Asset, s.Timestamp, ApiText.Of(s.Type), s.Confidence, s.Entry, s.StopLoss, s.TakeProfit, s.RrRatio, s.Strategy,
        [.. s.Confirmations.Select(c => new ConfirmationDto(c.Name, c.Agrees, c.Detail))]);
}

/// <summary>One confirmation of a signal.</summary>
internal sealed record ConfirmationDto(string Name, bool Agrees, string Detail);

/// <summary><c>GET /api/signals</c>.</summary>
internal sealed record SignalsDto(IReadOnlyList<SignalDto> Signals);

/// <summary>A row of the <c>trades</c> table plus its direction and strategy.</summary>
internal sealed record TradeDto(
    string Id,
    string SignalId,
    string Asset,
    string Direction,
    string Strategy,
    decimal EntryPrice,
    decimal StopLoss,
    decimal TakeProfit,
    DateTimeOffset OpenTime,
    DateTimeOffset? CloseTime,
    string? Result,
    double? DurationSeconds,
    double? MovementPercentage,
    decimal? ClosePrice)
{
    public static TradeDto From(Trade t, string strategy) => new(
        t.Id, t.SignalId, t.Asset, ApiText.Of(t.Direction), strategy, t.EntryPrice, t.StopLoss, t.TakeProfit, t.OpenTime,
        t.CloseTime, t.Result is { } r ? ApiText.Of(r) : null, t.DurationSeconds, t.MovementPercentage, t.ClosePrice);

    public static TradeDto From(TradeRecord record) => From(record.Trade, record.Strategy);
}

/// <summary><c>GET /api/trades</c>.</summary>
internal sealed record TradesDto(IReadOnlyList<TradeDto> Trades);

/// <summary><c>GET /api/stats</c>.</summary>
internal sealed record StatsDto(
    double UptimeSeconds,
    long TicksProcessed,
    double TicksPerSecond,
    long CandlesClosed,
    long Signals,
    long TradesOpen,
    long TradesClosed,
    int WsClients,
    StorageDto Storage,
    IReadOnlyList<SourceDto> Sources);

/// <summary>The storage part of <see cref="StatsDto"/>.</summary>
internal sealed record StorageDto(string Provider, long PendingWrites);

/// <summary>One source of <see cref="StatsDto"/>.</summary>
internal sealed record SourceDto(string Name, string Kind, bool Simulated, string State, long Ticks, long Reconnects, IReadOnlyDictionary<string, long> Rejected)
{
    public static SourceDto From(SourceReport s) =>
        new(s.Name, s.Kind, s.Simulated, ApiText.Of(s.State), s.Ticks, s.Reconnects, s.Rejected);
}

/// <summary><c>GET /api/stats/performance</c>.</summary>
internal sealed record PerformanceDto(
    long Trades,
    long Wins,
    long Losses,
    long Expired,
    double? WinRate,
    double? AvgMovementPct,
    double? MedianMovementPct,
    double? AvgDurationSeconds,
    IReadOnlyList<PerformanceGroupDto<string>> ByAsset,
    IReadOnlyList<PerformanceGroupDto<string>> ByStrategy,
    IReadOnlyList<PerformanceGroupDto<int>> ByHour)
{
    public static PerformanceDto From(TradeStatistics stats)
    {
        var o = stats.Overall;
        return new PerformanceDto(
            o.Total, o.Wins, o.Losses, o.Expired, o.WinRate, o.AverageMovementPercentage, o.MedianMovementPercentage, o.AverageDurationSeconds,
            [.. stats.ByAsset.Select(g => PerformanceGroupDto<string>.From(g))],
            [.. stats.ByStrategy.Select(g => PerformanceGroupDto<string>.From(g))],
            [.. stats.ByHour.Select(g => PerformanceGroupDto<int>.From(g))]);
    }
}

/// <summary>One group of <see cref="PerformanceDto"/>.</summary>
internal sealed record PerformanceGroupDto<TKey>(TKey Key, long Trades, long Wins, long Losses, long Expired, double? WinRate, double? AvgMovementPct, double? MedianMovementPct, double? AvgDurationSeconds)
{
    public static PerformanceGroupDto<TKey> From(TradeStatisticsGroup<TKey> g)
    {
        var s = g.Summary;
        return new(g.Key, s.Total, s.Wins, s.Losses, s.Expired, s.WinRate, s.AverageMovementPercentage, s.MedianMovementPercentage, s.AverageDurationSeconds);
    }
}

/// <summary>The body of <c>POST /api/trades</c>.</summary>
internal sealed record ManualTradeRequest(string? Asset, string? Direction, decimal? StopLoss, decimal? TakeProfit, int? ExpirySeconds);

/// <summary>The answer to <c>POST /api/trades</c>.</summary>
internal sealed record ManualTradeAccepted(string Id, string Asset, string Direction);

/// <summary>Enum values as the API spells them.</summary>
internal static class ApiText
{
    public static string Of(SignalType type) => type == SignalType.Buy ? "BUY" : "SELL";

    public static string Of(TradeResult result) => result switch
    {
        TradeResult.Win => "WIN",
        TradeResult.Loss => "LOSS",
        _ => "EXPIRED",
    };

    public static string Of(SourceState state) => state switch
    {
        SourceState.Connecting => "connecting",
        SourceState.Backfilling => "backfilling",
        SourceState.Live => "live",
        SourceState.Reconnecting => "reconnecting",
        SourceState.Failed => "failed",
        _ => "completed",
    };

    // The API names stores in lower case ("sqlite", "postgres"); a store's provider name is ASCII.
#pragma warning disable CA1308 // Lower case is the API's documented spelling, not a normalisation for comparison.
    public static string Of(string provider) => provider.ToLowerInvariant();
#pragma warning restore CA1308
}
