using Microsoft.Extensions.Options;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Simulation;

namespace QuantPulse.Hosting;

/// <summary>
/// Opens manual paper trades through the running pipeline's simulator: the trade opens at the asset's next tick, like a
/// strategy's, and is stored and published the same way (its signal's strategy is <see cref="Strategy"/>).
/// </summary>
/// <remarks>
/// Levels not given default from the configured risk/reward rules (<c>QuantPulse:Signals</c>), using the ATR of the
/// asset's latest closed candles on the first configured timeframe. Thread-safe.
/// </remarks>
public sealed class ManualTrades
{
    /// <summary>The strategy ID of manual trades.</summary>
    public const string Strategy = "manual";

    private readonly QuantPulseRuntime _runtime;
    private readonly LiveMarketState _state;
    private readonly IOptions<QuantPulseOptions> _options;

    /// <summary>Creates the service (normally resolved from dependency injection).</summary>
    /// <param name="runtime">The runtime whose simulator takes the trades.</param>
    /// <param name="state">The live state (last prices, recent candles).</param>
    /// <param name="options">The configuration.</param>
    public ManualTrades(QuantPulseRuntime runtime, LiveMarketState state, IOptions<QuantPulseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime;
        _state = state;
        _options = options;
    }

    /// <summary>Submits a manual trade.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="direction">Buy or sell.</param>
    /// <param name="stopLoss">The stop loss, or null for the configured rule.</param>
    /// <param name="takeProfit">The take profit, or null for the configured rule.</param>
    /// <param name="expiry">The trade's expiry, or null for the configured one.</param>
    /// <returns>The outcome; <see cref="ManualTradeResult.TradeId"/> is set when accepted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
    public ManualTradeResult Open(string asset, SignalType direction, decimal? stopLoss, decimal? takeProfit, TimeSpan? expiry)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var simulator = _runtime.Pipeline?.Stages.OfType<SimulatorBlock>().FirstOrDefault();
        if (simulator is null)
        {
            return new ManualTradeResult(ManualTradeStatus.SimulatorUnavailable, null, "The paper-trade simulator is not running (it needs QuantPulse:Simulator:Enabled and a strategy).");
        }

        if (_state.GetPrice(asset) is not { } last)
        {
            return new ManualTradeResult(ManualTradeStatus.NoPrice, null, $"No price for '{asset}' yet.");
        }

        var entry = last.Price;
        if (stopLoss is null || takeProfit is null)
        {
            if (!TryDefaultLevels(asset, direction, entry, out var defaultStop, out var defaultTarget))
            {
                return new ManualTradeResult(ManualTradeStatus.NoLevels, null, "The configured stop loss/take profit rule has no value yet (ATR warming up): give stop_loss and take_profit.");
            }

            stopLoss ??= defaultStop;
            takeProfit ??= defaultTarget;
        }

        var valid = direction == SignalType.Buy
            ? stopLoss > 0m && stopLoss < entry && entry < takeProfit
            : takeProfit > 0m && takeProfit < entry && entry < stopLoss;
        if (!valid)
        {
            var rule = direction == SignalType.Buy ? "below the price and take_profit above it" : "above the price and take_profit below it";
            return new ManualTradeResult(ManualTradeStatus.InvalidLevels, null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"For a {(direction == SignalType.Buy ? "BUY" : "SELL")} at {entry}, stop_loss must be {rule}."));
        }

        var signal = new Signal(
            "manual:" + Guid.NewGuid().ToString("N"),
            asset,
            last.Time,
            direction,
            1.0,
            entry,
            stopLoss!.Value,
            takeProfit!.Value,
            RiskRewardModel.Ratio(entry, stopLoss.Value, takeProfit.Value),
            Strategy,
            []);
        return simulator.Submit(signal, expiry) switch
        {
            null => new ManualTradeResult(ManualTradeStatus.Accepted, SignalIds.TradeFor(signal.Id), null),
            SkippedSignalReason.TooManyOpenTrades => new ManualTradeResult(ManualTradeStatus.TooManyOpenTrades, null, $"'{asset}' already has the most open trades allowed (QuantPulse:Simulator:MaxOpenTradesPerAsset)."),
            var reason => new ManualTradeResult(ManualTradeStatus.InvalidLevels, null, $"The simulator refused the trade: {reason}."),
        };
    }

    /// <summary>The stop loss and take profit the configured risk/reward rules give a trade at <paramref name="entry"/> (what <see cref="Open"/> uses for levels not given).</summary>
    /// <param name="asset">The asset (its latest closed candles give the ATR).</param>
    /// <param name="direction">Buy or sell.</param>
    /// <param name="entry">The entry price.</param>
    /// <param name="stopLoss">The default stop loss.</param>
    /// <param name="takeProfit">The default take profit.</param>
    /// <returns>False while the rule has no value yet (ATR warming up).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
    public bool TryDefaultLevels(string asset, SignalType direction, decimal entry, out decimal stopLoss, out decimal takeProfit)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var options = _options.Value;
        var model = new RiskRewardModel(options.Signals.ToBlockOptions(1).RiskReward);
        var timeframe = Timeframe.Parse(options.Candles.Timeframes.FirstOrDefault() ?? "1m", System.Globalization.CultureInfo.InvariantCulture);
        var candles = _state.GetWindow(asset, timeframe).Select(c => c.Candle).ToList();
        IndicatorValues values = model.Atr is { } atr && candles.Count > 0
            ? candles.ToIndicatorValues([atr])[^1]
            : new IndicatorValues(new IndicatorColumns([]), []);
        return model.TryPlan(direction, entry, values, out stopLoss, out takeProfit);
    }
}

/// <summary>How a manual trade request ended.</summary>
public enum ManualTradeStatus
{
    /// <summary>Accepted: the trade opens at the asset's next tick.</summary>
    Accepted,

    /// <summary>The asset has no price yet.</summary>
    NoPrice,

    /// <summary>The levels are on the wrong side of the price.</summary>
    InvalidLevels,

    /// <summary>Levels were not given and the configured rule has no value yet.</summary>
    NoLevels,

    /// <summary>The asset's open-trade limit is reached.</summary>
    TooManyOpenTrades,

    /// <summary>No simulator runs.</summary>
    SimulatorUnavailable,
}

/// <summary>The outcome of <see cref="ManualTrades.Open"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="TradeId">The trade's ID when accepted.</param>
/// <param name="Message">Why it was refused, or null.</param>
public sealed record ManualTradeResult(ManualTradeStatus Status, string? TradeId, string? Message);
