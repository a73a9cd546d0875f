using System.Text.Json;
using QuantPulse.Analytics;
using QuantPulse.Dashboard.Security;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// <c>POST /api/backtest</c>: a pair or strategy back-test on stored data. It changes nothing, so it follows the read
/// rules, with a rate limit of its own and a body of at most <see cref="MaxBodyBytes"/>.
/// </summary>
internal static class BacktestEndpoints
{
    /// <summary>The largest request body.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapBacktestEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/backtest", RunAsync)
            .WithSummary("A pair (kind=pair) or strategy (kind=strategy) back-test on stored candles or ticks; stores nothing.")
            .Produces<PairBacktestDto>().Produces<StrategyBacktestDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(SecurityExtensions.BacktestRateLimit)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> RunAsync(HttpContext context, SymbolDirectory symbols, StoredBacktests backtests, CancellationToken cancellationToken)
    {
        await using var stream = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (stream is null)
        {
            return RequestBody.TooLarge(MaxBodyBytes, "the back-test request limit");
        }

        BacktestRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<BacktestRequest>(stream, ApiJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiArguments.BadRequest("The body is not a valid back-test request: " + ex.Message);
        }

        if (body is null)
        {
            return ApiArguments.BadRequest("The body must be a JSON object with \"kind\": \"pair\" or \"strategy\".");
        }

        if (!Timeframe.TryParse(body.Interval ?? "1m", out var timeframe))
        {
            return ApiArguments.BadRequest($"'interval' is not a timeframe; use one of {string.Join(", ", Timeframe.All)}.");
        }

        var from = body.From ?? MarketQueries.Earliest;
        var to = body.To ?? MarketQueries.Latest;
        if (to < from)
        {
            return ApiArguments.BadRequest("'to' is before 'from'.");
        }

        try
        {
            return body.Kind?.ToUpperInvariant() switch
            {
                "PAIR" => await PairAsync(body, timeframe, from, to, symbols, backtests, cancellationToken),
                "STRATEGY" => await StrategyAsync(body, timeframe, from, to, symbols, backtests, cancellationToken),
                _ => ApiArguments.BadRequest("'kind' must be pair or strategy."),
            };
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(detail: ex.Message.Split(" (Parameter", StringSplitOptions.None)[0], statusCode: StatusCodes.Status422UnprocessableEntity, title: "Back-test not possible");
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage disabled");
        }
    }

    private static async Task<IResult> PairAsync(
        BacktestRequest body, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, SymbolDirectory symbols, StoredBacktests backtests, CancellationToken cancellationToken)
    {
        if (Unknown(symbols, ("a", body.A), ("b", body.B)) is { } problem)
        {
            return problem;
        }

        HedgeMethod? parsed = (body.Method ?? "ols").ToUpperInvariant() switch
        {
            "OLS" => HedgeMethod.Ols,
            "HUBER" => HedgeMethod.Huber,
            "KALMAN" => HedgeMethod.Kalman,
            _ => null,
        };
        if (parsed is not { } method)
        {
            return ApiArguments.BadRequest("'method' must be ols, huber or kalman.");
        }

        if (body.Window is < 2 or > 100_000 || body.Train is < 3 || body.MaxBars is < 1 || body.FeeBps is < 0 or > 10_000)
        {
            return ApiArguments.BadRequest("'window' must be 2 to 100000, 'train' at least 3, 'max_bars' at least 1 and 'fee_bps' 0 to 10000.");
        }

        var options = new PairBacktestOptions(body.Entry ?? 2, body.Exit ?? 0.5, body.Stop ?? 4, body.Window ?? 60)
        {
            Train = body.Train,
            Method = method,
            FeeBps = body.FeeBps ?? 0,
            MaxBars = body.MaxBars,
        };
        var (bars, result) = await backtests.RunPairAsync(body.A!, body.B!, timeframe, from, to, options, cancellationToken);
        return TypedResults.Ok(PairBacktestDto.From(body.A!, body.B!, timeframe, bars, method, result));
    }

    private static async Task<IResult> StrategyAsync(
        BacktestRequest body, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, SymbolDirectory symbols, StoredBacktests backtests, CancellationToken cancellationToken)
    {
        if (Unknown(symbols, ("symbol", body.Symbol)) is { } problem)
        {
            return problem;
        }

        if (!StrategySpec.TryCreate(body.Strategy, body.Params, out var spec, out var error))
        {
            return ApiArguments.BadRequest("'strategy': " + error);
        }

        var result = await backtests.RunStrategyAsync(body.Symbol!, timeframe, from, to, spec, progress: null, cancellationToken);
        return TypedResults.Ok(StrategyBacktestDto.From(result));
    }

    private static IResult? Unknown(SymbolDirectory symbols, params (string Name, string? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value) || !ApiArguments.IsSymbol(value))
            {
                return ApiArguments.BadRequest($"'{name}' is missing or not a valid symbol.");
            }

            if (!symbols.IsKnown(value))
            {
                return ApiArguments.UnknownSymbol(value);
            }
        }

        return null;
    }
}

/// <summary>The body of <c>POST /api/backtest</c>.</summary>
internal sealed record BacktestRequest(
    string? Kind,
    string? Interval,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? A,
    string? B,
    double? Entry,
    double? Exit,
    double? Stop,
    int? Window,
    int? Train,
    string? Method,
    double? FeeBps,
    int? MaxBars,
    string? Symbol,
    string? Strategy,
    IReadOnlyDictionary<string, string>? Params);
