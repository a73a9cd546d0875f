using System.Text;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;
using QuantPulse.Storage;

namespace QuantPulse.Dashboard.Api;

/// <summary>The read endpoints under <c>/api</c>.</summary>
internal static class MarketEndpoints
{
    public static RouteGroupBuilder MapMarketEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/symbols", (SymbolDirectory symbols) => TypedResults.Ok(symbols.List()))
            .WithSummary("Every known symbol with its source, last price and state.");
        api.MapGet("/price/{symbol}", GetPrice).WithSummary("The last price of one symbol.")
            .Produces<PriceDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/candles", (HttpRequest request, SymbolDirectory symbols, MarketQueries queries, CancellationToken ct) =>
                GetCandles(request, null, "interval", symbols, queries, ct))
            .WithSummary("Closed candles of one series, ascending; ?symbol=&interval=1m&from=&to=&limit=&indicators=true.")
            .Produces<CandlesDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/ohlc/{symbol}", (string symbol, HttpRequest request, SymbolDirectory symbols, MarketQueries queries, CancellationToken ct) =>
                GetCandles(request, symbol, "timeframe", symbols, queries, ct))
            .WithSummary("The same payload as /api/candles; ?timeframe=&from=&to=&limit=.")
            .Produces<CandlesDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/signals", GetSignals).WithSummary("Signals, newest first; ?asset=&strategy=&type=&from=&to=&limit=.")
            .Produces<SignalsDto>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/trades", GetTrades).WithSummary("Trades, newest first; ?asset=&strategy=&result=&status=open|closed&from=&to=&limit=.")
            .Produces<TradesDto>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/stats/performance", GetPerformance).WithSummary("Trade statistics; ?asset=&strategy=&from=&to=.")
            .Produces<PerformanceDto>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/export/{symbol}", Export).WithSummary("Closed candles as CSV, the `quantpulse candles` format; ?timeframe=&from=&to=.")
            .Produces<string>(contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult GetPrice(string symbol, HttpRequest request, SymbolDirectory symbols, LiveMarketState state)
    {
        var args = new ApiArguments(request);
        var checkedSymbol = args.Symbol("symbol", required: true, symbol);
        if (args.Error is not null)
        {
            return args.Problem();
        }

        return state.GetPrice(checkedSymbol!) is { } last
            ? TypedResults.Ok(new PriceDto(last.Symbol, last.Price, last.Time, last.Source))
            : symbols.IsKnown(checkedSymbol!)
                ? Results.Problem(detail: $"No price for '{checkedSymbol}' yet.", statusCode: StatusCodes.Status404NotFound, title: "No price yet")
                : ApiArguments.UnknownSymbol(checkedSymbol!);
    }

    private static async Task<IResult> GetCandles(
        HttpRequest request,
        string? routeSymbol,
        string timeframeName,
        SymbolDirectory symbols,
        MarketQueries queries,
        CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var symbol = args.Symbol("symbol", required: true, routeSymbol);
        var timeframe = args.Timeframe(timeframeName);
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        var indicators = args.Flag("indicators", fallback: false);
        if (args.Error is not null)
        {
            return args.Problem();
        }

        if (!symbols.IsKnown(symbol!))
        {
            return ApiArguments.UnknownSymbol(symbol!);
        }

        var candles = await queries.GetCandlesAsync(symbol!, timeframe, from, to, limit, indicators, cancellationToken);
        return TypedResults.Ok(new CandlesDto(symbol!, timeframe.Name, [.. candles.Select(CandleDto.From)]));
    }

    private static async Task<IResult> GetSignals(HttpRequest request, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var asset = args.Symbol("asset", required: false);
        var strategy = args.Text("strategy");
        var type = args.OneOf("type", "BUY", "SELL");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        if (args.Error is not null)
        {
            return args.Problem();
        }

        var signals = await queries.GetSignalsAsync(
            new SignalQuery
            {
                Asset = asset,
                Strategy = strategy,
                Type = type is null ? null : type == "BUY" ? SignalType.Buy : SignalType.Sell,
                From = from,
                To = to,
                Limit = limit,
            },
            cancellationToken);
        return TypedResults.Ok(new SignalsDto([.. signals.Select(SignalDto.From)]));
    }

    private static async Task<IResult> GetTrades(HttpRequest request, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var asset = args.Symbol("asset", required: false);
        var strategy = args.Text("strategy");
        var result = args.OneOf("result", "WIN", "LOSS", "EXPIRED");
        var status = args.OneOf("status", "open", "closed");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        if (args.Error is not null)
        {
            return args.Problem();
        }

        var trades = await queries.GetTradesAsync(
            new TradeQuery
            {
                Asset = asset,
                Strategy = strategy,
                Result = result switch { "WIN" => TradeResult.Win, "LOSS" => TradeResult.Loss, "EXPIRED" => TradeResult.Expired, _ => null },
                Open = status is null ? null : status == "open",
                From = from,
                To = to,
                Limit = limit,
            },
            cancellationToken);
        return TypedResults.Ok(new TradesDto([.. trades.Select(TradeDto.From)]));
    }

    private static async Task<IResult> GetPerformance(HttpRequest request, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var asset = args.Symbol("asset", required: false);
        var strategy = args.Text("strategy");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        if (args.Error is not null)
        {
            return args.Problem();
        }

        var stats = await queries.GetPerformanceAsync(new TradeStatisticsQuery(from, to) { Asset = asset, Strategy = strategy }, cancellationToken);
        return TypedResults.Ok(PerformanceDto.From(stats));
    }

    private static async Task<IResult> Export(
        string symbol,
        HttpRequest request,
        SymbolDirectory symbols,
        MarketQueries queries,
        CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var checkedSymbol = args.Symbol("symbol", required: true, symbol);
        var timeframe = args.Timeframe("timeframe");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        if (args.Error is not null)
        {
            return args.Problem();
        }

        if (!symbols.IsKnown(checkedSymbol!))
        {
            return ApiArguments.UnknownSymbol(checkedSymbol!);
        }

        var candles = await queries.GetCandlesAsync(checkedSymbol!, timeframe, from, to, int.MaxValue, withIndicators: false, cancellationToken);
        var text = new StringBuilder(CsvCandleFormat.Header.Length + 1 + (candles.Count * 96));
        using (var writer = new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            await writer.WriteAsync(CsvCandleFormat.Header + "\n");
            foreach (var closed in candles)
            {
                CsvCandleFormat.WriteRow(writer, closed.Candle);
            }
        }

        var fileName = $"{checkedSymbol}_{timeframe.Name}.csv";
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", fileName);
    }
}
