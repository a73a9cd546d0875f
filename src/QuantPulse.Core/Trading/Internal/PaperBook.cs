using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Trading.Internal;

/// <summary>
/// The paper broker's pure core: orders, fills, positions and cash, driven by submissions, cancels, ticks and
/// clock readings. Single-threaded; every call returns what changed, for the shell to persist and publish.
/// </summary>
/// <remarks>
/// An order trades only on ticks that arrive after it was submitted: the open orders are copied before a tick is
/// applied, so bracket exits created by a tick wait for the next one. Exits follow the simulator's rules: a level
/// is hit when a tick reaches it, and a gap through the level fills at the tick's price.
/// </remarks>
internal sealed class PaperBook
{
    private readonly PaperBrokerOptions _options;
    private readonly List<Order> _orders = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PositionState> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private long _fillSequence;

    public PaperBook(PaperBrokerOptions options, TradingSnapshot snapshot)
    {
        _options = options;
        Cash = snapshot.Cash ?? options.InitialCash;
        Fees = snapshot.Fees;
        _fillSequence = snapshot.FillSequence;
        foreach (var order in snapshot.Orders)
        {
            Remember(order);
        }

        foreach (var position in snapshot.Positions)
        {
            _positions[position.Symbol] = new PositionState(position.Quantity, position.AveragePrice, position.RealizedPnl);
            _lastPrices[position.Symbol] = position.LastPrice;
        }
    }

    public decimal Cash { get; private set; }

    public decimal Fees { get; private set; }

    public long FillSequence => _fillSequence;

    public long SequenceOf(string id) => _byId[id];

    public int OpenOrderCount => _orders.Count(o => o.IsOpen);

    /// <summary>The order with <paramref name="clientOrderId"/>, if one was placed.</summary>
    public Order? ByClientId(string clientOrderId) =>
        _byClientId.TryGetValue(clientOrderId, out var id) ? _orders[_byId[id]] : null;

    public Order? Get(string id) => _byId.TryGetValue(id, out var i) ? _orders[i] : null;

    public IReadOnlyList<Order> Orders(OrderQuery query)
    {
        var result = new List<Order>();
        for (var i = _orders.Count - 1; i >= 0; i--)
        {
            if (query.Matches(_orders[i]))
            {
                result.Add(_orders[i]);
            }
        }

        return result;
    }

    public decimal PositionOf(string symbol) => _positions.TryGetValue(symbol, out var p) ? p.Quantity : 0m;

    public IReadOnlyList<Position> Positions() =>
        [.. _positions.Where(p => p.Value.Quantity != 0m).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Snapshot(p.Key))];

    public Account Account(string currency)
    {
        decimal value = 0m, realized = 0m, unrealized = 0m;
        foreach (var symbol in _positions.Keys)
        {
            var p = Snapshot(symbol);
            value += p.MarketValue;
            realized += p.RealizedPnl;
            unrealized += p.UnrealizedPnl;
        }

        return new Account(Cash, Cash + value, realized, unrealized, Fees, currency);
    }

    /// <summary>Accepts a request as a new order, or records it as rejected with <paramref name="rejection"/>.</summary>
    public BookChanges Submit(OrderRequest request, string id, DateTimeOffset now, string? rejection)
    {
        var changes = new BookChanges();
        var order = new Order(
            id,
            request.ClientOrderId ?? id,
            request.Symbol,
            request.Side,
            request.Type,
            request.Quantity,
            request.TimeInForce,
            rejection is null ? OrderStatus.Accepted : OrderStatus.Rejected,
            now,
            now)
        {
            LimitPrice = request.LimitPrice,
            StopPrice = request.StopPrice,
            TakeProfit = request.TakeProfit,
            StopLoss = request.StopLoss,
            Reason = rejection,
        };
        Remember(order);
        changes.Orders.Add(order);
        return changes;
    }

    /// <summary>Cancels an open order (and its OCO sibling); a bracket entry with fills gets its exits.</summary>
    public BookChanges Cancel(string id, DateTimeOffset now, string reason)
    {
        var changes = new BookChanges();
        if (Get(id) is not { IsOpen: true } order)
        {
            return changes;
        }

        var canceled = Update(order with { Status = OrderStatus.Canceled, Reason = reason, UpdatedAt = now }, changes);
        AfterTerminal(canceled, now, changes);
        return changes;
    }

    /// <summary>Expires the day orders whose UTC day has ended by <paramref name="now"/>.</summary>
    public BookChanges Expire(DateTimeOffset now)
    {
        var changes = new BookChanges();
        foreach (var order in _orders.Where(o => o.IsOpen && o.TimeInForce == TimeInForce.Day && now >= DayEnd(o.CreatedAt)).ToList())
        {
            var expired = Update(order with { Status = OrderStatus.Expired, Reason = "day order expired at the end of its UTC day", UpdatedAt = now }, changes);
            AfterTerminal(expired, now, changes);
        }

        return changes;
    }

    /// <summary>Applies one tick to every open order of its symbol that was placed before it.</summary>
    public BookChanges OnTick(in Tick tick)
    {
        var changes = new BookChanges();
        if (tick.Price <= 0m || string.IsNullOrEmpty(tick.Symbol))
        {
            return changes;
        }

        _lastPrices[tick.Symbol] = tick.Price;
        var symbol = tick.Symbol;
        var working = _orders.Where(o => o.IsOpen && string.Equals(o.Symbol, symbol, StringComparison.Ordinal)).Select(o => o.Id).ToList();
        var available = _options.FillAgainstTickSize && tick.Size > 0m ? tick.Size : decimal.MaxValue;
        foreach (var id in working)
        {
            // An earlier order on this tick may have canceled this one (an OCO sibling).
            if (Get(id) is not { IsOpen: true } order)
            {
                continue;
            }

            available -= Work(order, tick, available, changes);
        }

        if (_positions.ContainsKey(symbol) && changes.Fills.Count == 0 && PositionOf(symbol) != 0m)
        {
            changes.PricesMoved = true;
        }

        return changes;
    }

    private static DateTimeOffset DayEnd(DateTimeOffset created) => new DateTimeOffset(created.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    private static string Text(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    // Returns the quantity this order took from the tick.
    private decimal Work(Order order, in Tick tick, decimal available, BookChanges changes)
    {
        var price = tick.Price;
        var buy = order.Side == OrderSide.Buy;
        if (order.Type is OrderType.Stop or OrderType.StopLimit && !order.StopTriggered)
        {
            if (!(buy ? price >= order.StopPrice : price <= order.StopPrice))
            {
                return 0m;
            }

            order = Update(order with { StopTriggered = true, UpdatedAt = tick.Time }, changes);
        }

        var limited = order.Type is OrderType.Limit or OrderType.StopLimit;
        var marketable = !limited || (buy ? price <= order.LimitPrice : price >= order.LimitPrice);
        var immediate = order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        if (!marketable || available <= 0m)
        {
            if (immediate)
            {
                Finish(order, tick.Time, $"{TradingNames.ToWire(order.TimeInForce)}: not fillable on the first tick", changes);
            }

            return 0m;
        }

        if (order.TimeInForce == TimeInForce.Fok && available < order.RemainingQuantity)
        {
            Finish(order, tick.Time, $"fok: the tick's size {Text(available)} is below the quantity {Text(order.RemainingQuantity)}", changes);
            return 0m;
        }

        var quantity = Math.Min(order.RemainingQuantity, available);
        var slip = _options.Slippage.GetSlippage(new SlippageContext(order, quantity, price));
        var fillPrice = buy ? price + slip : price - slip;
        if (limited)
        {
            // A limit never fills worse than its limit, slippage or not.
            fillPrice = buy ? Math.Min(fillPrice, order.LimitPrice!.Value) : Math.Max(fillPrice, order.LimitPrice!.Value);
        }

        var fee = _options.Fees.GetFee(new FeeContext(order, quantity, fillPrice));
        var fill = new Fill(
            $"{order.Id}-{++_fillSequence:D6}", order.Id, order.Symbol, order.Side, quantity, fillPrice, fee, tick.Time);
        changes.Fills.Add(fill);
        Apply(fill, changes);

        var filled = order.FilledQuantity + quantity;
        var average = ((order.AverageFillPrice ?? 0m) * order.FilledQuantity + (fillPrice * quantity)) / filled;
        var done = filled >= order.Quantity;
        order = Update(
            order with
            {
                FilledQuantity = filled,
                AverageFillPrice = average,
                Fees = order.Fees + fee,
                Status = done ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
                UpdatedAt = tick.Time,
            },
            changes);

        if (order.Leg != OrderLeg.None)
        {
            ShrinkSibling(order, tick.Time, changes);
        }

        if (done)
        {
            AfterTerminal(order, tick.Time, changes);
        }
        else if (order.TimeInForce == TimeInForce.Ioc)
        {
            Finish(order, tick.Time, "ioc: the rest was canceled after the first tick", changes);
        }

        return quantity;
    }

    private void Finish(Order order, DateTimeOffset time, string reason, BookChanges changes)
    {
        var canceled = Update(order with { Status = OrderStatus.Canceled, Reason = reason, UpdatedAt = time }, changes);
        AfterTerminal(canceled, time, changes);
    }

    // An entry that ends with fills gets its exits; an exit that ends takes its sibling with it.
    private void AfterTerminal(Order order, DateTimeOffset time, BookChanges changes)
    {
        if (order.Leg == OrderLeg.None && order.FilledQuantity > 0m && (order.TakeProfit is not null || order.StopLoss is not null))
        {
            AddExits(order, time, changes);
        }
        else if (order.Leg != OrderLeg.None && Sibling(order) is { IsOpen: true } sibling)
        {
            var reason = order.Status == OrderStatus.Filled ? "oco: the other exit filled" : $"oco: the other exit was {TradingNames.ToWire(order.Status)}";
            Update(sibling with { Status = OrderStatus.Canceled, Reason = reason, UpdatedAt = time }, changes);
        }
    }

    private void AddExits(Order entry, DateTimeOffset time, BookChanges changes)
    {
        if (entry.TakeProfit is not null)
        {
            AddExit(entry, OrderLeg.TakeProfit, time, changes);
        }

        if (entry.StopLoss is not null)
        {
            AddExit(entry, OrderLeg.StopLoss, time, changes);
        }
    }

    // The take-profit is a limit at its level, the stop-loss a stop at its level; both good till canceled.
    private void AddExit(Order entry, OrderLeg leg, DateTimeOffset time, BookChanges changes)
    {
        var target = leg == OrderLeg.TakeProfit;
        var suffix = target ? "-tp" : "-sl";
        var exit = new Order(
            entry.Id + suffix,
            entry.ClientOrderId + suffix,
            entry.Symbol,
            entry.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy,
            target ? OrderType.Limit : OrderType.Stop,
            entry.FilledQuantity,
            TimeInForce.Gtc,
            OrderStatus.Accepted,
            time,
            time)
        {
            LimitPrice = target ? entry.TakeProfit : null,
            StopPrice = target ? null : entry.StopLoss,
            ParentId = entry.Id,
            Leg = leg,
        };
        Remember(exit);
        changes.Orders.Add(exit);
    }

    private Order? Sibling(Order exit) =>
        Get(exit.ParentId + (exit.Leg == OrderLeg.TakeProfit ? "-sl" : "-tp"));

    // The exits together never close more than the entry filled: a partial exit shrinks the other one.
    private void ShrinkSibling(Order exit, DateTimeOffset time, BookChanges changes)
    {
        if (Sibling(exit) is not { IsOpen: true } sibling || Get(exit.ParentId!) is not { } entry)
        {
            return;
        }

        var quantity = entry.FilledQuantity - exit.FilledQuantity;
        if (quantity < sibling.Quantity)
        {
            Update(sibling with { Quantity = Math.Max(quantity, sibling.FilledQuantity), UpdatedAt = time }, changes);
        }
    }

    private void Apply(Fill fill, BookChanges changes)
    {
        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        var state = _positions.TryGetValue(fill.Symbol, out var p) ? p : new PositionState(0m, 0m, 0m);
        var (quantity, average, realized) = state;
        if (quantity == 0m || Math.Sign(quantity) == Math.Sign(signed))
        {
            average = ((average * Math.Abs(quantity)) + (fill.Price * fill.Quantity)) / (Math.Abs(quantity) + fill.Quantity);
            quantity += signed;
        }
        else
        {
            var closing = Math.Min(fill.Quantity, Math.Abs(quantity));
            realized += (fill.Price - average) * closing * Math.Sign(quantity);
            quantity += signed;
            average = quantity == 0m ? 0m : Math.Sign(quantity) == Math.Sign(signed) ? fill.Price : average;
        }

        _positions[fill.Symbol] = new PositionState(quantity, average, realized);
        _lastPrices[fill.Symbol] = _lastPrices.GetValueOrDefault(fill.Symbol, fill.Price);
        Cash -= (signed * fill.Price) + fill.Fee;
        Fees += fill.Fee;
        changes.Positions[fill.Symbol] = Snapshot(fill.Symbol);
    }

    private Position Snapshot(string symbol)
    {
        var state = _positions[symbol];
        var last = _lastPrices.TryGetValue(symbol, out var price) ? price : state.AveragePrice;
        return new Position(symbol, state.Quantity, state.AveragePrice, state.RealizedPnl, last);
    }

    private Order Update(Order order, BookChanges changes)
    {
        _orders[_byId[order.Id]] = order;
        changes.Orders.RemoveAll(o => string.Equals(o.Id, order.Id, StringComparison.Ordinal));
        changes.Orders.Add(order);
        return order;
    }

    private void Remember(Order order)
    {
        _byId[order.Id] = _orders.Count;
        _byClientId[order.ClientOrderId] = order.Id;
        _orders.Add(order);
    }

    private readonly record struct PositionState(decimal Quantity, decimal AveragePrice, decimal RealizedPnl);
}
