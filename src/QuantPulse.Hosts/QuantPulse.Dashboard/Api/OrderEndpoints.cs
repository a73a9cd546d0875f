using QuantPulse.Dashboard.Trading;
using QuantPulse.Trading;
using QuantPulse.Trading.Alpaca;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// <c>/api/orders</c>, <c>/api/positions</c>, <c>/api/account</c>: the terminal's broker (paper by default). Placing
/// and canceling need the write policy; reading needs the read policy.
/// </summary>
internal static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrderReadEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/orders", GetOrders).WithSummary("Orders, newest first; ?status=accepted|partially_filled|filled|canceled|rejected|expired|new&symbol=.")
            .Produces<OrderDto[]>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/orders/{id}", async (string id, TerminalBroker terminal, CancellationToken ct) =>
                await Call(terminal, async broker => await broker.GetOrderAsync(id, ct) is { } order
                    ? TypedResults.Ok(OrderDto.From(order))
                    : Results.Problem(detail: $"No order '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown order")))
            .WithSummary("One order.").Produces<OrderDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/positions", async (TerminalBroker terminal, CancellationToken ct) =>
                await Call(terminal, async broker => TypedResults.Ok((await broker.GetPositionsAsync(ct)).Select(PositionDto.From).ToArray())))
            .WithSummary("Open positions with live P&L.").Produces<PositionDto[]>();
        api.MapGet("/account", async (TerminalBroker terminal, CancellationToken ct) =>
                await Call(terminal, async broker => TypedResults.Ok(AccountDto.From(broker, await broker.GetAccountAsync(ct)))))
            .WithSummary("Cash, equity, P&L and fees.").Produces<AccountDto>();
        return api;
    }

    public static RouteGroupBuilder MapOrderWriteEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/orders", PlaceOrder)
            .WithSummary("Places an order (idempotent by client_order_id); needs a bearer token or an X-Api-Key.")
            .Accepts<OrderBody>("application/json")
            .Produces<OrderDto>(StatusCodes.Status201Created).Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/orders/{id}", async (string id, TerminalBroker terminal, CancellationToken ct) =>
                await Call(terminal, async broker => await broker.CancelOrderAsync(id, ct) is { } order
                    ? TypedResults.Ok(OrderDto.From(order))
                    : Results.Problem(detail: $"No order '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown order")))
            .WithSummary("Cancels an open order (and its bracket sibling).").Produces<OrderDto>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Turns a body into a request, or says which field is wrong.</summary>
    public static (OrderRequest? Request, string? Error) Parse(OrderBody? body)
    {
        if (body is null)
        {
            return (null, "The body must be a JSON object {\"symbol\",\"side\",\"type\",\"quantity\",…}.");
        }

        if (!ApiArguments.IsSymbol(body.Symbol))
        {
            return (null, "'symbol' is missing or not a valid symbol.");
        }

        if (!TradingNames.TryParseSide(body.Side, out var side))
        {
            return (null, "'side' must be buy or sell.");
        }

        var type = OrderType.Market;
        if (body.Type is not null && !TradingNames.TryParseType(body.Type, out type))
        {
            return (null, "'type' must be market, limit, stop or stop_limit.");
        }

        var tif = TimeInForce.Day;
        if (body.TimeInForce is not null && !TradingNames.TryParseTimeInForce(body.TimeInForce, out tif))
        {
            return (null, "'time_in_force' must be day, gtc, ioc or fok.");
        }

        if (body.Quantity is not > 0m)
        {
            return (null, "'quantity' must be a positive number.");
        }

        if (body.ClientOrderId is { Length: 0 or > 64 })
        {
            return (null, "'client_order_id' must be 1 to 64 characters.");
        }

        return (new OrderRequest(body.Symbol!, side, type, body.Quantity.Value)
        {
            LimitPrice = body.LimitPrice,
            StopPrice = body.StopPrice,
            TimeInForce = tif,
            ClientOrderId = body.ClientOrderId,
            TakeProfit = body.TakeProfit,
            StopLoss = body.StopLoss,
        }, null);
    }

    private static async Task<IResult> PlaceOrder(OrderBody? body, TerminalBroker terminal, CancellationToken ct)
    {
        var (request, error) = Parse(body);
        if (request is null)
        {
            return ApiArguments.BadRequest(error!);
        }

        return await Call(terminal, async broker =>
        {
            if (request.ClientOrderId is { } clientId
                && (await broker.GetOrdersAsync(OrderQuery.All, ct)).FirstOrDefault(o => o.ClientOrderId == clientId) is { } existing)
            {
                return TypedResults.Ok(OrderDto.From(existing));
            }

            var order = await broker.PlaceOrderAsync(request, ct);
            return order.Status == OrderStatus.Rejected
                ? Results.Problem(
                    detail: order.RejectReason,
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Order rejected",
                    extensions: new Dictionary<string, object?> { ["order_id"] = order.Id, ["client_order_id"] = order.ClientOrderId })
                : TypedResults.Created("/api/orders/" + Uri.EscapeDataString(order.Id), OrderDto.From(order));
        });
    }

    private static async Task<IResult> GetOrders(HttpRequest request, TerminalBroker terminal, CancellationToken ct)
    {
        var args = new ApiArguments(request);
        var symbol = args.Symbol("symbol", required: false);
        var statusText = request.Query["status"].ToString();
        OrderStatus? status = null;
        var open = false;
        if (statusText == "open")
        {
            open = true;
        }
        else if (statusText.Length > 0)
        {
            if (!TradingNames.TryParseStatus(statusText, out var parsed))
            {
                return ApiArguments.BadRequest("'status' must be open, new, accepted, partially_filled, filled, canceled, rejected or expired.");
            }

            status = parsed;
        }

        if (args.Error is not null)
        {
            return args.Problem();
        }

        return await Call(terminal, async broker =>
            TypedResults.Ok((await broker.GetOrdersAsync(new OrderQuery(status, symbol, open), ct)).Select(OrderDto.From).ToArray()));
    }

    private static async Task<IResult> Call(TerminalBroker terminal, Func<IBroker, Task<IResult>> call)
    {
        IBroker broker;
        try
        {
            broker = await terminal.BrokerAsync;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }

        try
        {
            return await call(broker);
        }
        catch (AlpacaException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "Broker error");
        }
    }
}

/// <summary>The body of <c>POST /api/orders</c>.</summary>
internal sealed record OrderBody(
    string? Symbol,
    string? Side,
    string? Type,
    decimal? Quantity,
    decimal? LimitPrice,
    decimal? StopPrice,
    string? TimeInForce,
    string? ClientOrderId,
    decimal? TakeProfit,
    decimal? StopLoss);

/// <summary>An order on the wire.</summary>
internal sealed record OrderDto(
    string Id,
    string ClientOrderId,
    string Symbol,
    string Side,
    string Type,
    decimal Quantity,
    decimal? LimitPrice,
    decimal? StopPrice,
    string TimeInForce,
    decimal? TakeProfit,
    decimal? StopLoss,
    string Status,
    decimal FilledQuantity,
    decimal? AverageFillPrice,
    decimal Fees,
    string? RejectReason,
    string? Reason,
    string? ParentId,
    string Leg,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderDto From(Order o) => new(
        o.Id, o.ClientOrderId, o.Symbol, TradingNames.ToWire(o.Side), TradingNames.ToWire(o.Type), o.Quantity, o.LimitPrice, o.StopPrice,
        TradingNames.ToWire(o.TimeInForce), o.TakeProfit, o.StopLoss, TradingNames.ToWire(o.Status), o.FilledQuantity, o.AverageFillPrice,
        o.Fees, o.RejectReason, o.Reason, o.ParentId, TradingNames.ToWire(o.Leg), o.CreatedAt, o.UpdatedAt);
}

/// <summary>A position on the wire.</summary>
internal sealed record PositionDto(string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal MarketValue, decimal RealizedPnl, decimal UnrealizedPnl)
{
    public static PositionDto From(Position p) => new(p.Symbol, p.Quantity, p.AveragePrice, p.LastPrice, p.MarketValue, p.RealizedPnl, p.UnrealizedPnl);
}

/// <summary>The account on the wire.</summary>
internal sealed record AccountDto(string Broker, bool External, decimal Cash, decimal Equity, decimal RealizedPnl, decimal UnrealizedPnl, decimal Fees, string Currency)
{
    public static AccountDto From(IBroker broker, Account a) => new(broker.Name, broker.IsExternal, a.Cash, a.Equity, a.RealizedPnl, a.UnrealizedPnl, a.Fees, a.Currency);
}
