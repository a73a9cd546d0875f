using LinqToDB.Mapping;

namespace QuantPulse.Alerts.Internal;

/// <summary>A row of <c>alerts</c>.</summary>
[Table("alerts")]
internal sealed class AlertRow
{
    [PrimaryKey, Identity, Column("id")] public long Id { get; set; }

    [Column("name"), NotNull] public string Name { get; set; } = string.Empty;

    [Column("symbol"), NotNull] public string Symbol { get; set; } = string.Empty;

    [Column("condition"), NotNull] public string Condition { get; set; } = string.Empty;

    [Column("level")] public double? Level { get; set; }

    [Column("indicator")] public string? Indicator { get; set; }

    [Column("other_indicator")] public string? OtherIndicator { get; set; }

    [Column("other_symbol")] public string? OtherSymbol { get; set; }

    [Column("percent")] public double? Percent { get; set; }

    [Column("factor")] public double? Factor { get; set; }

    [Column("threshold")] public double? Threshold { get; set; }

    [Column("candles")] public int? Candles { get; set; }

    [Column("hedge_ratio")] public double HedgeRatio { get; set; }

    [Column("interval"), NotNull] public string Interval { get; set; } = string.Empty;

    [Column("frequency"), NotNull] public string Frequency { get; set; } = string.Empty;

    [Column("cooldown_seconds")] public double CooldownSeconds { get; set; }

    [Column("expires")] public DateTimeOffset? Expires { get; set; }

    [Column("enabled")] public bool Enabled { get; set; }

    [Column("origin"), NotNull] public string Origin { get; set; } = string.Empty;

    [Column("created")] public DateTimeOffset Created { get; set; }

    [Column("updated")] public DateTimeOffset Updated { get; set; }
}

/// <summary>A row of <c>alert_triggers</c>.</summary>
[Table("alert_triggers")]
internal sealed class AlertTriggerRow
{
    [PrimaryKey, Identity, Column("id")] public long Id { get; set; }

    [Column("alert_id")] public long AlertId { get; set; }

    [Column("alert_name"), NotNull] public string AlertName { get; set; } = string.Empty;

    [Column("symbol"), NotNull] public string Symbol { get; set; } = string.Empty;

    [Column("condition"), NotNull] public string Condition { get; set; } = string.Empty;

    [Column("value")] public double Value { get; set; }

    [Column("threshold")] public double Threshold { get; set; }

    [Column("time")] public DateTimeOffset Time { get; set; }

    [Column("candle_open_time")] public DateTimeOffset? CandleOpenTime { get; set; }

    [Column("message"), NotNull] public string Message { get; set; } = string.Empty;

    [Column("stored_at")] public DateTimeOffset StoredAt { get; set; }

    [Column("delivery"), NotNull] public string Delivery { get; set; } = string.Empty;

    [Column("delivery_attempts")] public int DeliveryAttempts { get; set; }

    [Column("delivery_error")] public string? DeliveryError { get; set; }
}
