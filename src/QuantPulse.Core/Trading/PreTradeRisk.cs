using System.Globalization;

namespace QuantPulse.Trading;

/// <summary>The pre-trade checks of <see cref="RiskLimits"/>, shared by every broker.</summary>
public static class PreTradeRisk
{
    /// <summary>The reject reason for a rule: its wire name, a colon, and what was wrong.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="detail">What was wrong.</param>
    /// <returns>For example <c>max_notional: notional 12000 is above the limit 10000</c>.</returns>
    public static string Reason(RiskRule rule, string detail) => $"{TradingNames.ToWire(rule)}: {detail}";

    /// <summary>Checks a request's own consistency: quantity, prices and bracket levels.</summary>
    /// <param name="request">The request.</param>
    /// <param name="lastPrice">The symbol's latest price, for a market bracket's levels; null if unknown.</param>
    /// <returns>The reject reason, or null when the request is well-formed.</returns>
    public static string? Validate(OrderRequest request, decimal? lastPrice)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = Malformed(request, lastPrice);
        return error is null ? null : Reason(RiskRule.InvalidOrder, error);
    }

    /// <summary>Runs every check; the first that refuses wins.</summary>
    /// <param name="request">The request.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="feed">The latest prices and tick arrivals.</param>
    /// <param name="position">The current signed position in the symbol.</param>
    /// <param name="openOrders">How many orders are open now.</param>
    /// <returns>The reject reason naming the rule, or null when the order may go.</returns>
    public static string? Check(OrderRequest request, RiskLimits limits, FeedWatch feed, decimal position, int openOrders)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(feed);
        var last = feed.LastPrice(request.Symbol);
        if (Validate(request, last) is { } invalid)
        {
            return invalid;
        }

        if (limits.AllowedSymbols.Count > 0 && !limits.AllowedSymbols.Contains(request.Symbol, StringComparer.Ordinal))
        {
            return Reason(RiskRule.SymbolAllowList, $"{request.Symbol} is not on the allow-list");
        }

        if (feed.Age(request.Symbol) is not { } age)
        {
            return Reason(RiskRule.StaleFeed, $"no tick for {request.Symbol} yet");
        }

        if (age > limits.StaleAfter)
        {
            return Reason(RiskRule.StaleFeed, $"no tick for {request.Symbol} for {Seconds(age)} s (limit {Seconds(limits.StaleAfter)} s)");
        }

        if (limits.MaxOpenOrders is { } maxOpen && openOrders >= maxOpen)
        {
            return Reason(RiskRule.MaxOpenOrders, $"{openOrders} orders are open (limit {maxOpen})");
        }

        var after = position + (request.Side == OrderSide.Buy ? request.Quantity : -request.Quantity);
        if (limits.MaxPositionSize is { } maxSize && Math.Abs(after) > maxSize)
        {
            return Reason(RiskRule.MaxPositionSize, $"the position would be {Text(after)} (limit {Text(maxSize)})");
        }

        var price = request.LimitPrice ?? request.StopPrice ?? last ?? 0m;
        var notional = request.Quantity * price;
        if (limits.MaxNotional is { } maxNotional && notional > maxNotional)
        {
            return Reason(RiskRule.MaxNotional, $"notional {Text(notional)} is above the limit {Text(maxNotional)}");
        }

        return null;
    }

    private static string? Malformed(OrderRequest request, decimal? lastPrice)
    {
        if (string.IsNullOrWhiteSpace(request.Symbol))
        {
            return "symbol is empty";
        }

        if (request.Quantity <= 0m)
        {
            return $"quantity must be positive, not {Text(request.Quantity)}";
        }

        var needsLimit = request.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = request.Type is OrderType.Stop or OrderType.StopLimit;
        var type = TradingNames.ToWire(request.Type);
        if (needsLimit != request.LimitPrice.HasValue)
        {
            return needsLimit ? $"a {type} order needs limit_price" : $"a {type} order takes no limit_price";
        }

        if (needsStop != request.StopPrice.HasValue)
        {
            return needsStop ? $"a {type} order needs stop_price" : $"a {type} order takes no stop_price";
        }

        if (request.LimitPrice <= 0m || request.StopPrice <= 0m || request.TakeProfit <= 0m || request.StopLoss <= 0m)
        {
            return "prices must be positive";
        }

        var buy = request.Side == OrderSide.Buy;
        if (request.TakeProfit is { } tp && request.StopLoss is { } sl && (buy ? tp <= sl : tp >= sl))
        {
            return buy ? "a buy bracket needs take_profit above stop_loss" : "a sell bracket needs take_profit below stop_loss";
        }

        var entry = request.LimitPrice ?? request.StopPrice ?? lastPrice;
        if (entry is { } e)
        {
            if (request.TakeProfit is { } t && (buy ? t <= e : t >= e))
            {
                return $"take_profit {Text(t)} is on the wrong side of the entry {Text(e)}";
            }

            if (request.StopLoss is { } s && (buy ? s >= e : s <= e))
            {
                return $"stop_loss {Text(s)} is on the wrong side of the entry {Text(e)}";
            }
        }

        return null;
    }

    private static string Text(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
