namespace QuantPulse.Alerts;

/// <summary>The <c>alerts</c> and <c>alert_triggers</c> tables.</summary>
public interface IAlertRepository
{
    /// <summary>Stores a new rule.</summary>
    /// <param name="rule">The rule (its <see cref="AlertRule.Id"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rule with its new ID.</returns>
    Task<AlertRule> AddAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Every rule, by ID.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rules.</returns>
    Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One rule.</summary>
    /// <param name="id">The ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rule, or null.</returns>
    Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored rule's fields.</summary>
    /// <param name="rule">The rule, with its ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the rule existed.</returns>
    Task<bool> UpdateAsync(AlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rule; its triggers stay.</summary>
    /// <param name="id">The ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the rule existed.</returns>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Stores a trigger.</summary>
    /// <param name="trigger">The trigger, with its delivery state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trigger with its new ID.</returns>
    Task<AlertTrigger> AddTriggerAsync(AlertTrigger trigger, CancellationToken cancellationToken = default);

    /// <summary>Records a trigger's webhook delivery state.</summary>
    /// <param name="triggerId">The trigger's ID.</param>
    /// <param name="delivery">The state.</param>
    /// <param name="attempts">The attempts made so far.</param>
    /// <param name="error">The last error, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the state is stored.</returns>
    Task SetDeliveryAsync(long triggerId, AlertDelivery delivery, int attempts, string? error, CancellationToken cancellationToken = default);

    /// <summary>The latest triggers, newest first.</summary>
    /// <param name="since">Only triggers whose <see cref="AlertTrigger.Time"/> is at or after this, or null for all.</param>
    /// <param name="limit">The most triggers returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The triggers.</returns>
    Task<IReadOnlyList<AlertTrigger>> TriggersAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default);
}
