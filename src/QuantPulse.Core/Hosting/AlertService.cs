using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Alerts;
using QuantPulse.Model;
using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

/// <summary>
/// The host's alerts: evaluates the rules inside the pipeline, in stream order, and for each trigger logs it,
/// tells the subscribers (the dashboard's live feed), stores it and posts it to the webhook. Storing and delivery
/// run in the background, so a slow database or a failing webhook never holds the pipeline up.
/// </summary>
/// <remarks>
/// Rules come from <c>QuantPulse:Alerts:Rules</c> (synchronised with the stored ones at start) and from
/// <see cref="CreateAsync"/>; they live in the <c>alerts</c> table, or in memory when storage is off.
/// Subscribers are called on the pipeline's thread and must return quickly; one that throws is logged and skipped.
/// </remarks>
public sealed class AlertService : IPipelineContributor, IObservable<AlertTrigger>, IAsyncDisposable, IDisposable
{
    private readonly AlertHostOptions _options;
    private readonly QuantPulseOptions _root;
    private readonly IMarketStoreProvider _stores;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AlertEngine _engine = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<AlertTrigger> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private readonly Lock _observerGate = new();
    private readonly HashSet<Task> _deliveries = [];
    private IObserver<AlertTrigger>[] _observers = [];
    private IAlertRepository? _repository;
    private AlertWebhook? _webhook;
    private SemaphoreSlim? _deliverySlots;
    private Task _processing = Task.CompletedTask;
    private long _fired, _dropped, _stored, _delivered, _failed;

    /// <summary>Creates the service (the host creates it; see <c>AddQuantPulse</c>).</summary>
    /// <param name="options">The QuantPulse options.</param>
    /// <param name="stores">The host's store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    public AlertService(IOptions<QuantPulseOptions> options, IMarketStoreProvider stores, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _root = options.Value;
        _options = _root.Alerts;
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = loggerFactory.CreateLogger<AlertService>();
        _queue = Channel.CreateBounded<AlertTrigger>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>After the simulator, before the live state, the feed and storage.</summary>
    public int Order => 340;

    /// <summary>Whether alerts are on (<c>QuantPulse:Alerts:Enabled</c>).</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>Whether triggers are posted to a webhook.</summary>
    public bool HasWebhook => _options.Webhook.IsEnabled;

    /// <summary>Triggers fired since start.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Triggers dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Triggers stored.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Triggers the webhook accepted.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Triggers whose webhook delivery failed.</summary>
    public long DeliveryFailures => Interlocked.Read(ref _failed);

    /// <inheritdoc/>
    public async ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled)
        {
            return;
        }

        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        builder.WithAlerts(_engine, OnTrigger);
    }

    /// <summary>Every rule, enabled or not, by ID.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rules.</returns>
    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        var repository = await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await repository.ListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One rule.</summary>
    /// <param name="id">The ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rule, or null.</returns>
    public async Task<AlertRule?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var repository = await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a new rule and starts evaluating it at the next batch.</summary>
    /// <param name="rule">The rule; its ID is assigned and its origin set to <c>api</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored rule.</returns>
    /// <exception cref="ArgumentException">The rule is invalid, or the rule limit is reached.</exception>
    public Task<AlertRule> CreateAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ChangeAsync(
            async repository =>
            {
                Check(rule);
                if ((await repository.ListAsync(cancellationToken).ConfigureAwait(false)).Count(r => r.Enabled) >= _options.MaxRules && rule.Enabled)
                {
                    throw new ArgumentException($"There are already {_options.MaxRules} enabled rules (QuantPulse:Alerts:MaxRules).", nameof(rule));
                }

                return await repository.AddAsync(rule with { Id = 0, Origin = AlertOrigins.Api }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Changes a stored rule (enable, disable, thresholds…); the change applies from the next batch.</summary>
    /// <param name="id">The rule's ID.</param>
    /// <param name="change">Makes the new rule from the current one; the ID and origin are kept.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed rule, or null when there is no rule <paramref name="id"/>.</returns>
    /// <exception cref="ArgumentException">The changed rule is invalid.</exception>
    public Task<AlertRule?> UpdateAsync(long id, Func<AlertRule, AlertRule> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ChangeAsync(
            async repository =>
            {
                if (await repository.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
                {
                    return null;
                }

                var changed = change(current) with { Id = id, Origin = current.Origin };
                Check(changed);
                return await repository.UpdateAsync(changed, cancellationToken).ConfigureAwait(false) ? changed : null;
            },
            cancellationToken);
    }

    /// <summary>Deletes a rule; its triggers stay.</summary>
    /// <param name="id">The ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the rule existed.</returns>
    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(repository => repository.DeleteAsync(id, cancellationToken), cancellationToken);

    /// <summary>The latest stored triggers, newest first.</summary>
    /// <param name="since">Only triggers at or after this market time, or null.</param>
    /// <param name="limit">The most returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The triggers.</returns>
    public async Task<IReadOnlyList<AlertTrigger>> TriggersAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        var repository = await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await repository.TriggersAsync(since, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Receives every trigger as it fires, on the pipeline's thread; dispose the result to stop.</summary>
    /// <param name="observer">The observer; it must return quickly.</param>
    /// <returns>The subscription.</returns>
    public IDisposable Subscribe(IObserver<AlertTrigger> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_observerGate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    /// <summary>Stores the triggers still queued, then stops webhook retries. Safe to call more than once.</summary>
    /// <returns>A task that completes when the background work has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _processing.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] deliveries;
        lock (_deliveries)
        {
            deliveries = [.. _deliveries];
        }

        await Task.WhenAll(deliveries).ConfigureAwait(false);
        _webhook?.Dispose();
        _deliverySlots?.Dispose();
        _stopping.Dispose();
        _gate.Dispose();
    }

    /// <summary>For containers disposed synchronously: the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Check(AlertRule rule)
    {
        if (rule.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }
    }

    private async Task<T> ChangeAsync<T>(Func<IAlertRepository, Task<T>> change, CancellationToken cancellationToken)
    {
        var repository = await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await change(repository).ConfigureAwait(false);
            _engine.SetRules(await repository.ListAsync(cancellationToken).ConfigureAwait(false));
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IAlertRepository> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _repository) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_repository is not null)
            {
                return _repository;
            }

            IAlertRepository repository;
            if (_stores.IsEnabled && _stores.Location is { } location)
            {
                // Opening the market store first applies the migrations, the alert tables' among them.
                await _stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
                repository = new AlertStore(location, _timeProvider);
            }
            else
            {
                repository = new MemoryAlertRepository();
            }

            var configured = await SynchroniseAsync(repository, cancellationToken).ConfigureAwait(false);
            _engine.SetRules(await repository.ListAsync(cancellationToken).ConfigureAwait(false));
            if (_options.Webhook.IsEnabled)
            {
                _webhook = new AlertWebhook(_options.Webhook, _timeProvider);
                _deliverySlots = new SemaphoreSlim(_options.Webhook.MaxConcurrency);
            }

            AlertLog.Loaded(_logger, _engine.Rules.Count, configured, _webhook is null ? "off" : new Uri(_options.Webhook.Url!).GetLeftPart(UriPartial.Authority));
            _processing = Task.Run(() => ProcessAsync(repository), CancellationToken.None);
            Volatile.Write(ref _repository, repository);
            return repository;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Configuration rules are matched by name: changed ones are updated, new ones added, ones no longer listed deleted.
    private async Task<int> SynchroniseAsync(IAlertRepository repository, CancellationToken cancellationToken)
    {
        var stored = (await repository.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.Origin == AlertOrigins.Configuration)
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var options in _options.Rules)
        {
            if (!options.TryToRule(AlertOrigins.Configuration, out var rule, out var error))
            {
                throw new InvalidOperationException($"QuantPulse:Alerts:Rules ({options.Name}): {error}");
            }

            if (stored.Remove(rule.Name, out var existing))
            {
                if (existing with { Id = 0 } != rule)
                {
                    await repository.UpdateAsync(rule with { Id = existing.Id }, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await repository.AddAsync(rule, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var gone in stored.Values)
        {
            await repository.DeleteAsync(gone.Id, cancellationToken).ConfigureAwait(false);
        }

        return _options.Rules.Count;
    }

    private void OnTrigger(AlertTrigger trigger)
    {
        Interlocked.Increment(ref _fired);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var time = LogText.Time(trigger.Time);
            AlertLog.Fired(_logger, trigger.RuleId, trigger.RuleName, trigger.Symbol, time, trigger.Message);
        }
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnNext(trigger);
            }
#pragma warning disable CA1031 // A subscriber's failure must never fault the pipeline.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                AlertLog.SubscriberFailed(_logger, LogText.Error(ex));
            }
        }

        if (!_queue.Writer.TryWrite(trigger))
        {
            AlertLog.Dropped(_logger, _options.QueueCapacity, trigger.RuleId, Interlocked.Increment(ref _dropped));
        }
    }

    private async Task ProcessAsync(IAlertRepository repository)
    {
        await foreach (var trigger in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var stored = trigger with { Delivery = _webhook is null ? AlertDelivery.None : AlertDelivery.Pending };
            try
            {
                stored = await repository.AddTriggerAsync(stored, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _stored);
                if (_engine.Rules.FirstOrDefault(r => r.Id == trigger.RuleId) is { Frequency: AlertFrequency.Once } once)
                {
                    await UpdateAsync(once.Id, r => r with { Enabled = false }, CancellationToken.None).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // A database failure loses this trigger's row, not the pipeline.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                AlertLog.StoreFailed(_logger, trigger.RuleId, LogText.Error(ex));
            }

            if (_webhook is not null)
            {
                Track(repository, stored);
            }
        }
    }

    // Deliveries wait for a slot on their own, so a slow or failing webhook never holds up storing; past
    // QueueCapacity deliveries under way, a trigger is recorded as failed at once instead of waiting.
    private void Track(IAlertRepository repository, AlertTrigger trigger)
    {
        Task delivery;
        lock (_deliveries)
        {
            delivery = _deliveries.Count < _options.QueueCapacity
                ? DeliverAsync(repository, trigger)
                : RecordAsync(repository, trigger, AlertDelivery.Failed, 0, "delivery backlog full");
            _deliveries.Add(delivery);
        }

        delivery.ContinueWith(
            t =>
            {
                lock (_deliveries)
                {
                    _deliveries.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task DeliverAsync(IAlertRepository repository, AlertTrigger trigger)
    {
        var acquired = false;
        try
        {
            await _deliverySlots!.WaitAsync(_stopping.Token).ConfigureAwait(false);
            acquired = true;
            var (delivery, attempts, error) = await _webhook!.DeliverAsync(trigger, _stopping.Token).ConfigureAwait(false);
            await RecordAsync(repository, trigger, delivery, attempts, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The host is stopping: the trigger stays 'pending' in the table.
        }
#pragma warning disable CA1031 // A delivery's failure is recorded in the log; it never reaches the pipeline.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            AlertLog.DeliveryFailed(_logger, trigger.Id, 0, LogText.Error(ex));
        }
        finally
        {
            if (acquired)
            {
                _deliverySlots!.Release();
            }
        }
    }

    private async Task RecordAsync(IAlertRepository repository, AlertTrigger trigger, AlertDelivery delivery, int attempts, string? error)
    {
        if (delivery == AlertDelivery.Delivered)
        {
            Interlocked.Increment(ref _delivered);
        }
        else
        {
            Interlocked.Increment(ref _failed);
            AlertLog.DeliveryFailed(_logger, trigger.Id, attempts, error);
        }

        if (trigger.Id > 0)
        {
            await repository.SetDeliveryAsync(trigger.Id, delivery, attempts, error, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void Unsubscribe(IObserver<AlertTrigger> observer)
    {
        lock (_observerGate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    private sealed class Subscription(AlertService service, IObserver<AlertTrigger> observer) : IDisposable
    {
        public void Dispose() => service.Unsubscribe(observer);
    }
}
