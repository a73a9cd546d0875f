using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Pipeline;
using QuantPulse.Trading;
using QuantPulse.Trading.Alpaca;

namespace QuantPulse.Dashboard.Trading;

/// <summary>
/// The broker the terminal and <c>/api/orders</c> use, chosen by <c>QuantPulse:Trading:Broker</c> (paper by
/// default). Every tick of the pipeline updates the <see cref="FeedWatch"/> and, for the paper broker, fills orders.
/// </summary>
internal sealed class TerminalBroker(
    IOptions<TradingHostOptions> trading,
    IMarketStoreProvider stores,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IPipelineContributor, IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IBroker> _broker = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IBroker? _current;

    public int Order => 370;

    public FeedWatch Feed { get; } = new(timeProvider);

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(trading.Value.StaleAfterSeconds);

    /// <summary>The broker, once it is open.</summary>
    public Task<IBroker> BrokerAsync => _broker.Task;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OnBatch(async (batch, ct) =>
        {
            var paper = _current as PaperBroker;
            for (var i = 0; i < batch.Ticks.Length; i++)
            {
                var tick = batch.Ticks.Span[i];
                if (paper is null)
                {
                    Feed.Observe(tick);
                }
                else
                {
                    await paper.OnTickAsync(tick, ct).ConfigureAwait(false);
                }
            }
        });
        return ValueTask.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = trading.Value;
        var risk = new RiskLimits
        {
            MaxPositionSize = o.MaxPositionSize,
            MaxNotional = o.MaxNotional,
            MaxOpenOrders = o.MaxOpenOrders,
            AllowedSymbols = o.AllowedSymbols,
            StaleAfter = StaleAfter,
        };
        try
        {
            if (string.Equals(o.Broker, "alpaca", StringComparison.OrdinalIgnoreCase))
            {
#pragma warning disable CA2000 // Owned by this service from here; disposed in DisposeAsync.
                var alpaca = new AlpacaBroker(
                    new AlpacaBrokerOptions { TradingBaseUrl = o.AlpacaTradingBaseUrl, StreamUrl = o.AlpacaStreamUrl, Risk = risk }, Feed, loggerFactory: loggerFactory);
#pragma warning restore CA2000
                alpaca.StartStreaming();
                Open(alpaca);
                return;
            }

            var storage = stores.Location;
            var paper = await PaperBroker.OpenAsync(
                new PaperBrokerOptions
                {
                    InitialCash = o.InitialCash,
                    Fees = new FeeSchedule(o.FeePerOrder, o.FeePerShare, o.FeeBasisPoints),
                    Slippage = new ConstantSlippageModel(o.SlippageDistance, o.SlippageBasisPoints),
                    Risk = risk,
                },
                Feed,
                storage,
                loggerFactory,
                cancellationToken).ConfigureAwait(false);
            Open(paper);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            _broker.TrySetException(ex);
            TradingLog.BrokerFailed(loggerFactory.CreateLogger<TerminalBroker>(), o.Broker, ex);
        }
    }

    /// <summary>Makes <paramref name="broker"/> the terminal's broker (owned and disposed by this service from here).</summary>
    internal void Open(IBroker broker)
    {
        _current = broker;
        _broker.TrySetResult(broker);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The terminal broker's log messages.</summary>
internal static partial class TradingLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Error, Message = "The {Broker} broker could not be opened")]
    public static partial void BrokerFailed(ILogger logger, string broker, Exception exception);
}
