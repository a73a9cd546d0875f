using LinqToDB.Mapping;

namespace QuantPulse.Trading.Internal;

/// <summary>A row of <c>trading_accounts</c>.</summary>
[Table("trading_accounts")]
internal sealed class AccountRow
{
    [PrimaryKey, Column("account")] public string Account { get; set; } = string.Empty;

    [Column("cash")] public decimal Cash { get; set; }

    [Column("fees")] public decimal Fees { get; set; }

    [Column("fill_sequence")] public long FillSequence { get; set; }
}

/// <summary>A row of <c>trading_orders</c>.</summary>
[Table("trading_orders")]
internal sealed class OrderRow
{
    [PrimaryKey(0), Column("account")] public string Account { get; set; } = string.Empty;

    [PrimaryKey(1), Column("id")] public string Id { get; set; } = string.Empty;

    [Column("seq")] public long Seq { get; set; }

    [Column("client_order_id")] public string ClientOrderId { get; set; } = string.Empty;

    [Column("symbol")] public string Symbol { get; set; } = string.Empty;

    [Column("side")] public string Side { get; set; } = string.Empty;

    [Column("type")] public string Type { get; set; } = string.Empty;

    [Column("quantity")] public decimal Quantity { get; set; }

    [Column("time_in_force")] public string TimeInForce { get; set; } = string.Empty;

    [Column("status")] public string Status { get; set; } = string.Empty;

    [Column("limit_price")] public decimal? LimitPrice { get; set; }

    [Column("stop_price")] public decimal? StopPrice { get; set; }

    [Column("stop_triggered")] public bool StopTriggered { get; set; }

    [Column("take_profit")] public decimal? TakeProfit { get; set; }

    [Column("stop_loss")] public decimal? StopLoss { get; set; }

    [Column("parent_id")] public string? ParentId { get; set; }

    [Column("leg")] public string Leg { get; set; } = string.Empty;

    [Column("filled_quantity")] public decimal FilledQuantity { get; set; }

    [Column("average_fill_price")] public decimal? AverageFillPrice { get; set; }

    [Column("fees")] public decimal Fees { get; set; }

    [Column("reason")] public string? Reason { get; set; }

    [Column("created_at")] public DateTimeOffset CreatedAt { get; set; }

    [Column("updated_at")] public DateTimeOffset UpdatedAt { get; set; }

    public static OrderRow From(string account, long seq, Order o) => new()
    {
        Account = account,
        Id = o.Id,
        Seq = seq,
        ClientOrderId = o.ClientOrderId,
        Symbol = o.Symbol,
        Side = TradingNames.ToWire(o.Side),
        Type = TradingNames.ToWire(o.Type),
        Quantity = o.Quantity,
        TimeInForce = TradingNames.ToWire(o.TimeInForce),
        Status = TradingNames.ToWire(o.Status),
        LimitPrice = o.LimitPrice,
        StopPrice = o.StopPrice,
        StopTriggered = o.StopTriggered,
        TakeProfit = o.TakeProfit,
        StopLoss = o.StopLoss,
        ParentId = o.ParentId,
        Leg = TradingNames.ToWire(o.Leg),
        FilledQuantity = o.FilledQuantity,
        AverageFillPrice = o.AverageFillPrice,
        Fees = o.Fees,
        Reason = o.Reason,
        CreatedAt = o.CreatedAt,
        UpdatedAt = o.UpdatedAt,
    };

    /// <exception cref="InvalidDataException">A stored name is not one this version knows.</exception>
    public Order ToOrder()
    {
        if (!TradingNames.TryParseSide(Side, out var side) || !TradingNames.TryParseType(Type, out var type)
            || !TradingNames.TryParseTimeInForce(TimeInForce, out var tif) || !TradingNames.TryParseStatus(Status, out var status)
            || !TradingNames.TryParseLeg(Leg, out var leg))
        {
            throw new InvalidDataException($"Stored order {Id} has an unknown side, type, time in force, status or leg.");
        }

        return new Order(Id, ClientOrderId, Symbol, side, type, Quantity, tif, status, CreatedAt.ToUniversalTime(), UpdatedAt.ToUniversalTime())
        {
            LimitPrice = LimitPrice,
            StopPrice = StopPrice,
            StopTriggered = StopTriggered,
            TakeProfit = TakeProfit,
            StopLoss = StopLoss,
            ParentId = ParentId,
            Leg = leg,
            FilledQuantity = FilledQuantity,
            AverageFillPrice = AverageFillPrice,
            Fees = Fees,
            Reason = Reason,
        };
    }
}

/// <summary>A row of <c>trading_fills</c>.</summary>
[Table("trading_fills")]
internal sealed class FillRow
{
    [PrimaryKey(0), Column("account")] public string Account { get; set; } = string.Empty;

    [PrimaryKey(1), Column("id")] public string Id { get; set; } = string.Empty;

    [Column("order_id")] public string OrderId { get; set; } = string.Empty;

    [Column("symbol")] public string Symbol { get; set; } = string.Empty;

    [Column("side")] public string Side { get; set; } = string.Empty;

    [Column("quantity")] public decimal Quantity { get; set; }

    [Column("price")] public decimal Price { get; set; }

    [Column("fee")] public decimal Fee { get; set; }

    [Column("time")] public DateTimeOffset Time { get; set; }

    public static FillRow From(string account, Fill f) => new()
    {
        Account = account,
        Id = f.Id,
        OrderId = f.OrderId,
        Symbol = f.Symbol,
        Side = TradingNames.ToWire(f.Side),
        Quantity = f.Quantity,
        Price = f.Price,
        Fee = f.Fee,
        Time = f.Time,
    };
}

/// <summary>A row of <c>trading_positions</c>.</summary>
[Table("trading_positions")]
internal sealed class PositionRow
{
    [PrimaryKey(0), Column("account")] public string Account { get; set; } = string.Empty;

    [PrimaryKey(1), Column("symbol")] public string Symbol { get; set; } = string.Empty;

    [Column("quantity")] public decimal Quantity { get; set; }

    [Column("average_price")] public decimal AveragePrice { get; set; }

    [Column("realized_pnl")] public decimal RealizedPnl { get; set; }

    [Column("last_price")] public decimal LastPrice { get; set; }

    public static PositionRow From(string account, Position p) => new()
    {
        Account = account,
        Symbol = p.Symbol,
        Quantity = p.Quantity,
        AveragePrice = p.AveragePrice,
        RealizedPnl = p.RealizedPnl,
        LastPrice = p.LastPrice,
    };

    public Position ToPosition() => new(Symbol, Quantity, AveragePrice, RealizedPnl, LastPrice);
}
