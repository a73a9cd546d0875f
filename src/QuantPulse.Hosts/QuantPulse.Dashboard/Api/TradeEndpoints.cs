using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Api;

/// <summary><c>POST /api/trades</c>: a manual paper trade through the pipeline's simulator (authenticated).</summary>
internal static class TradeEndpoints
{
    /// <summary>The longest expiry a manual trade may ask for: seven days.</summary>
    public const int MaxExpirySeconds = 7 * 24 * 3600;

    public static RouteGroupBuilder MapTradeEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/trades", (ManualTradeRequest? body, SymbolDirectory symbols, ManualTrades trades) =>
            {
                if (body is null)
                {
                    return ApiArguments.BadRequest("The body must be a JSON object {\"asset\",\"direction\":\"BUY|SELL\",\"stop_loss\"?,\"take_profit\"?,\"expiry_seconds\"?}.");
                }

                if (string.IsNullOrEmpty(body.Asset) || !ApiArguments.IsSymbol(body.Asset))
                {
                    return ApiArguments.BadRequest("'asset' is missing or not a valid symbol.");
                }

                SignalType? direction = body.Direction?.ToUpperInvariant() switch
                {
                    "BUY" => SignalType.Buy,
                    "SELL" => SignalType.Sell,
                    _ => null,
                };
                if (direction is null)
                {
                    return ApiArguments.BadRequest("'direction' must be BUY or SELL.");
                }

                if (body.ExpirySeconds is < 1 or > MaxExpirySeconds)
                {
                    return ApiArguments.BadRequest($"'expiry_seconds' must be from 1 to {MaxExpirySeconds}.");
                }

                if (body.StopLoss is <= 0m || body.TakeProfit is <= 0m)
                {
                    return ApiArguments.BadRequest("'stop_loss' and 'take_profit' must be positive prices.");
                }

                if (!symbols.IsKnown(body.Asset))
                {
                    return ApiArguments.UnknownSymbol(body.Asset);
                }

                var expiry = body.ExpirySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                var result = trades.Open(body.Asset, direction.Value, body.StopLoss, body.TakeProfit, expiry);
                return result.Status switch
                {
                    ManualTradeStatus.Accepted => Results.Accepted(
                        "/api/trades?asset=" + Uri.EscapeDataString(body.Asset),
                        new ManualTradeAccepted(result.TradeId!, body.Asset, ApiText.Of(direction.Value))),
                    ManualTradeStatus.InvalidLevels => ApiArguments.BadRequest(result.Message!),
                    ManualTradeStatus.TooManyOpenTrades or ManualTradeStatus.NoLevels or ManualTradeStatus.NoPrice =>
                        Results.Problem(detail: result.Message, statusCode: StatusCodes.Status409Conflict, title: "Trade not possible now"),
                    _ => Results.Problem(detail: result.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Simulator unavailable"),
                };
            })
            .WithSummary("Opens a manual paper trade at the asset's next tick; needs a bearer token or an X-Api-Key.")
            .Accepts<ManualTradeRequest>("application/json")
            .Produces<ManualTradeAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
