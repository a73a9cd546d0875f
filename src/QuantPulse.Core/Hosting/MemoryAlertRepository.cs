using QuantPulse.Alerts;

namespace QuantPulse.Hosting;

/// <summary>Alert rules and the latest triggers in memory, for a host whose storage is off.</summary>
internal sealed class MemoryAlertRepository : IAlertRepository
{
    /// <summary>The triggers kept; older ones are forgotten.</summary>
    public const int TriggerMemory = 1000;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, AlertRule> _rules = [];
    private readonly LinkedList<AlertTrigger> _triggers = new();
    private long _nextRule;
    private long _nextTrigger;

    public Task<AlertRule> AddAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stored = rule with { Id = ++_nextRule };
            _rules[stored.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AlertRule>>([.. _rules.Values]);
        }
    }

    public Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rules.GetValueOrDefault(id));
        }
    }

    public Task<bool> UpdateAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var exists = _rules.ContainsKey(rule.Id);
            if (exists)
            {
                _rules[rule.Id] = rule;
            }

            return Task.FromResult(exists);
        }
    }

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rules.Remove(id));
        }
    }

    public Task<AlertTrigger> AddTriggerAsync(AlertTrigger trigger, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stored = trigger with { Id = ++_nextTrigger };
            _triggers.AddFirst(stored);
            if (_triggers.Count > TriggerMemory)
            {
                _triggers.RemoveLast();
            }

            return Task.FromResult(stored);
        }
    }

    public Task SetDeliveryAsync(long triggerId, AlertDelivery delivery, int attempts, string? error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            for (var node = _triggers.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == triggerId)
                {
                    node.Value = node.Value with { Delivery = delivery, DeliveryAttempts = attempts, DeliveryError = error };
                    break;
                }
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<AlertTrigger>> TriggersAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AlertTrigger>>([.. _triggers.Where(t => since is null || t.Time >= since).Take(limit)]);
        }
    }
}
