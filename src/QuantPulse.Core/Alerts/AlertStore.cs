using LinqToDB;
using LinqToDB.Async;
using QuantPulse.Alerts.Internal;
using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Alerts;

/// <summary>The alert tables in the SQLite or PostgreSQL database of <see cref="StorageOptions"/>, through linq2db.</summary>
/// <remarks>
/// The schema (migration 4) is created when the store is opened with <see cref="MarketStore.OpenAsync"/>; open it
/// first. Every call uses its own pooled connection, so the store is thread-safe and needs no disposing.
/// </remarks>
public sealed class AlertStore : IAlertRepository
{
    private readonly LinqToDB.DataOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    /// <param name="storage">The database (already migrated by <see cref="MarketStore.OpenAsync"/>).</param>
    /// <param name="timeProvider">The clock for the created/updated/stored times; null for the system clock.</param>
    public AlertStore(StorageOptions storage, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _options = AlertDatabase.Options(storage);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<AlertRule> AddAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var row = ToRow(rule, Now());
        row.Created = row.Updated;
        using var db = AlertDatabase.Open(_options);
        var id = await db.InsertWithInt64IdentityAsync(row, token: cancellationToken).ConfigureAwait(false);
        return rule with { Id = id };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var db = AlertDatabase.Open(_options);
        var rows = await db.GetTable<AlertRow>().OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(FromRow)];
    }

    /// <inheritdoc/>
    public async Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        using var db = AlertDatabase.Open(_options);
        var row = await db.GetTable<AlertRow>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromRow(row);
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var row = ToRow(rule, Now());
        using var db = AlertDatabase.Open(_options);
        var changed = await db.GetTable<AlertRow>()
            .Where(r => r.Id == rule.Id)
            .Set(r => r.Name, row.Name)
            .Set(r => r.Symbol, row.Symbol)
            .Set(r => r.Condition, row.Condition)
            .Set(r => r.Level, row.Level)
            .Set(r => r.Indicator, row.Indicator)
            .Set(r => r.OtherIndicator, row.OtherIndicator)
            .Set(r => r.OtherSymbol, row.OtherSymbol)
            .Set(r => r.Percent, row.Percent)
            .Set(r => r.Factor, row.Factor)
            .Set(r => r.Threshold, row.Threshold)
            .Set(r => r.Candles, row.Candles)
            .Set(r => r.HedgeRatio, row.HedgeRatio)
            .Set(r => r.Interval, row.Interval)
            .Set(r => r.Frequency, row.Frequency)
            .Set(r => r.CooldownSeconds, row.CooldownSeconds)
            .Set(r => r.Expires, row.Expires)
            .Set(r => r.Enabled, row.Enabled)
            .Set(r => r.Origin, row.Origin)
            .Set(r => r.Updated, row.Updated)
            .UpdateAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        using var db = AlertDatabase.Open(_options);
        return await db.GetTable<AlertRow>().Where(r => r.Id == id).DeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc/>
    public async Task<AlertTrigger> AddTriggerAsync(AlertTrigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var row = new AlertTriggerRow
        {
            AlertId = trigger.RuleId,
            AlertName = trigger.RuleName,
            Symbol = trigger.Symbol,
            Condition = AlertNames.Of(trigger.Condition),
            Value = trigger.Value,
            Threshold = trigger.Threshold,
            Time = StorageTime.Truncate(trigger.Time),
            CandleOpenTime = trigger.CandleOpenTime is { } open ? StorageTime.Truncate(open) : null,
            Message = trigger.Message,
            StoredAt = Now(),
            Delivery = AlertNames.Of(trigger.Delivery),
            DeliveryAttempts = trigger.DeliveryAttempts,
            DeliveryError = trigger.DeliveryError,
        };
        using var db = AlertDatabase.Open(_options);
        var id = await db.InsertWithInt64IdentityAsync(row, token: cancellationToken).ConfigureAwait(false);
        return trigger with { Id = id };
    }

    /// <inheritdoc/>
    public async Task SetDeliveryAsync(long triggerId, AlertDelivery delivery, int attempts, string? error, CancellationToken cancellationToken = default)
    {
        using var db = AlertDatabase.Open(_options);
        await db.GetTable<AlertTriggerRow>()
            .Where(r => r.Id == triggerId)
            .Set(r => r.Delivery, AlertNames.Of(delivery))
            .Set(r => r.DeliveryAttempts, attempts)
            .Set(r => r.DeliveryError, error)
            .UpdateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertTrigger>> TriggersAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var db = AlertDatabase.Open(_options);
        IQueryable<AlertTriggerRow> query = db.GetTable<AlertTriggerRow>();
        if (since is { } from)
        {
            var bound = StorageTime.Truncate(from);
            query = query.Where(r => r.Time >= bound);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(FromRow)];
    }

    private DateTimeOffset Now() => StorageTime.Truncate(_timeProvider.GetUtcNow());

    private static AlertRow ToRow(AlertRule rule, DateTimeOffset now) => new()
    {
        Id = rule.Id,
        Name = rule.Name,
        Symbol = rule.Symbol,
        Condition = AlertNames.Of(rule.Condition),
        Level = rule.Level,
        Indicator = rule.Indicator,
        OtherIndicator = rule.OtherIndicator,
        OtherSymbol = rule.OtherSymbol,
        Percent = rule.Percent,
        Factor = rule.Factor,
        Threshold = rule.Threshold,
        Candles = rule.Candles,
        HedgeRatio = rule.HedgeRatio,
        Interval = rule.Interval.Name,
        Frequency = AlertNames.Of(rule.Frequency),
        CooldownSeconds = rule.Cooldown.TotalSeconds,
        Expires = rule.Expires is { } expires ? StorageTime.Truncate(expires) : null,
        Enabled = rule.Enabled,
        Origin = rule.Origin,
        Updated = now,
    };

    private static AlertRule FromRow(AlertRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Symbol = row.Symbol,
        Condition = AlertNames.TryParse(row.Condition, out AlertCondition condition) ? condition
            : throw new InvalidDataException($"Alert {row.Id} has an unknown condition '{row.Condition}'."),
        Level = row.Level,
        Indicator = row.Indicator,
        OtherIndicator = row.OtherIndicator,
        OtherSymbol = row.OtherSymbol,
        Percent = row.Percent,
        Factor = row.Factor,
        Threshold = row.Threshold,
        Candles = row.Candles,
        HedgeRatio = row.HedgeRatio,
        Interval = Timeframe.TryParse(row.Interval, out var interval) ? interval
            : throw new InvalidDataException($"Alert {row.Id} has an unknown interval '{row.Interval}'."),
        Frequency = AlertNames.TryParse(row.Frequency, out AlertFrequency frequency) ? frequency
            : throw new InvalidDataException($"Alert {row.Id} has an unknown frequency '{row.Frequency}'."),
        Cooldown = TimeSpan.FromSeconds(row.CooldownSeconds),
        Expires = row.Expires?.ToUniversalTime(),
        Enabled = row.Enabled,
        Origin = row.Origin,
    };

    private static AlertTrigger FromRow(AlertTriggerRow row) =>
        new(
            row.AlertId,
            row.AlertName,
            row.Symbol,
            AlertNames.TryParse(row.Condition, out AlertCondition condition) ? condition : default,
            row.Value,
            row.Threshold,
            row.Time.ToUniversalTime(),
            row.CandleOpenTime?.ToUniversalTime(),
            row.Message)
        {
            Id = row.Id,
            Delivery = AlertNames.TryParse(row.Delivery, out AlertDelivery delivery) ? delivery : AlertDelivery.None,
            DeliveryAttempts = row.DeliveryAttempts,
            DeliveryError = row.DeliveryError,
        };
}
