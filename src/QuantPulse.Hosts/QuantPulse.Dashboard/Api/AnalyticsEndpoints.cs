using System.Globalization;
using QuantPulse.Analytics;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// The read-only analytics endpoints under <c>/api/analytics</c>: per-symbol rolling statistics, correlations and
/// the pair report, computed by Core's <c>Analytics</c> on the closed candles <c>/api/candles</c> serves.
/// </summary>
internal static class AnalyticsEndpoints
{
    private const int DefaultWindow = 20;
    private const int MaxWindow = 1_000;
    private const int MaxSymbols = 20;

    public static RouteGroupBuilder MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics");
        analytics.MapGet("/symbol", GetSymbol)
            .WithSummary("Returns, rolling mean, σ, z-score, min/max, VWAP and annualised realised volatility of one symbol; ?symbol=&interval=1m&window=20&from=&to=&limit=.")
            .Produces<SymbolAnalyticsDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        analytics.MapGet("/correlation", GetCorrelation)
            .WithSummary("Correlation matrix and rolling pairwise correlations of 2 to 20 symbols aligned on open time; ?symbols=a,b,c&interval=1m&window=20&basis=returns|close&from=&to=&limit=.")
            .Produces<CorrelationDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        analytics.MapGet("/pair", GetPair)
            .WithSummary("The `quantpulse pair` report of b on a plus the spread, z-score, β and α series; ?a=&b=&interval=1m&from=&to=&method=ols|huber|kalman&window=60&autolag=aic|bic&lags=&limit=.")
            .Produces<PairAnalyticsDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetSymbol(HttpRequest request, SymbolDirectory symbols, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var symbol = args.Symbol("symbol", required: true);
        var timeframe = args.Timeframe("interval");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        var window = Window(request, DefaultWindow, out var windowError);
        if ((args.Error ?? windowError) is { } error)
        {
            return ApiArguments.BadRequest(error);
        }

        if (!symbols.IsKnown(symbol!))
        {
            return ApiArguments.UnknownSymbol(symbol!);
        }

        var candles = await queries.GetCandlesAsync(symbol!, timeframe, from, to, limit, withIndicators: false, cancellationToken);
        var analysis = SymbolAnalytics.Analyze([.. candles.Select(c => c.Candle)], window);
        return TypedResults.Ok(new SymbolAnalyticsDto(symbol!, timeframe.Name, window, analysis.PeriodsPerYear, [.. analysis.Points.Select(SymbolPointDto.From)]));
    }

    private static async Task<IResult> GetCorrelation(HttpRequest request, SymbolDirectory symbols, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var timeframe = args.Timeframe("interval");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        var basis = args.OneOf("basis", "returns", "close") ?? "returns";
        var window = Window(request, DefaultWindow, out var windowError);
        var list = SymbolList(request.Query["symbols"].ToString(), out var listError);
        if ((args.Error ?? windowError ?? listError) is { } error)
        {
            return ApiArguments.BadRequest(error);
        }

        if (list.FirstOrDefault(s => !symbols.IsKnown(s)) is { } unknown)
        {
            return ApiArguments.UnknownSymbol(unknown);
        }

        var aligned = await AlignAsync(queries, list, timeframe, from, to, limit, cancellationToken);
        var series = basis == "returns"
            ? aligned.Closes.Select(c => RollingStatistics.LogReturns(c)).ToArray()
            : [.. aligned.Closes.Select(c => c.Select(v => (double?)v).ToArray())];
        var first = basis == "returns" ? 1 : 0;
        var n = Math.Max(aligned.Times.Count - first, 0);
        double?[][] matrix = n >= 2
            ? [.. Correlation.Matrix([.. series.Select(s => s.Skip(first).Select(v => v ?? double.NaN).ToArray())]).Select(row => AnalyticsNumbers.Finite(row))]
            : [.. list.Select(_ => new double?[list.Count])];
        var rolling = new List<RollingCorrelationDto>();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                rolling.Add(new RollingCorrelationDto(list[i], list[j], AnalyticsNumbers.Finite(Correlation.Rolling(series[i], series[j], window))));
            }
        }

        return TypedResults.Ok(new CorrelationDto(list, timeframe.Name, window, basis, n, matrix, aligned.Times, rolling));
    }

    private static async Task<IResult> GetPair(HttpRequest request, SymbolDirectory symbols, MarketQueries queries, CancellationToken cancellationToken)
    {
        var args = new ApiArguments(request);
        var a = args.Symbol("a", required: true);
        var b = args.Symbol("b", required: true);
        var timeframe = args.Timeframe("interval");
        var (from, to) = args.Range(MarketQueries.Earliest, MarketQueries.Latest);
        var limit = args.Limit();
        var method = (args.OneOf("method", "ols", "huber", "kalman") ?? "ols") switch
        {
            "huber" => HedgeMethod.Huber,
            "kalman" => HedgeMethod.Kalman,
            _ => HedgeMethod.Ols,
        };
        var autolag = args.OneOf("autolag", "aic", "bic");
        var window = Window(request, 60, out var windowError);
        var lags = Lags(request, autolag, out var lagsError);
        if ((args.Error ?? windowError ?? lagsError) is { } error)
        {
            return ApiArguments.BadRequest(error);
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return ApiArguments.BadRequest("'a' and 'b' must be different symbols.");
        }

        if (!symbols.IsKnown(a!) || !symbols.IsKnown(b!))
        {
            return ApiArguments.UnknownSymbol(symbols.IsKnown(a!) ? b! : a!);
        }

        var aligned = await AlignAsync(queries, [a!, b!], timeframe, from, to, limit, cancellationToken);
        if (aligned.Times.Count < 3)
        {
            return ApiArguments.BadRequest($"'a' and 'b' share {aligned.Times.Count} closed {timeframe.Name} candles in the range; at least 3 are needed.");
        }

        PairAnalysis report;
        try
        {
            var criterion = lags is not null ? LagCriterion.Fixed : autolag == "bic" ? LagCriterion.Bic : LagCriterion.Aic;
            report = PairAnalytics.Analyze(aligned.Closes[0], aligned.Closes[1], method, criterion, lags, window);
        }
        catch (ArgumentException ex)
        {
            return ApiArguments.BadRequest($"The candles of '{a}' and '{b}' do not support the analysis: {ex.Message.Split(" (Parameter", 2)[0]}");
        }

        return TypedResults.Ok(PairAnalyticsDto.From(a!, b!, timeframe.Name, window, aligned.Times, report));
    }

    // The latest `limit` closed candles of each symbol in [from, to), inner-joined on open time.
    private static async Task<AlignedCloses> AlignAsync(
        MarketQueries queries,
        List<string> symbols,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        int limit,
        CancellationToken cancellationToken)
    {
        var series = new List<IReadOnlyList<Candle>>(symbols.Count);
        foreach (var symbol in symbols)
        {
            var candles = await queries.GetCandlesAsync(symbol, timeframe, from, to, limit, withIndicators: false, cancellationToken);
            series.Add([.. candles.Select(c => c.Candle)]);
        }

        return CandleAlignment.InnerJoin(series);
    }

    private static int Window(HttpRequest request, int fallback, out string? error) =>
        WholeNumber(request, "window", fallback, 2, MaxWindow, out error);

    // `lags` (a fixed lag count) and `autolag` exclude each other, as --lags and --autolag do in the CLI.
    private static int? Lags(HttpRequest request, string? autolag, out string? error)
    {
        if (string.IsNullOrEmpty(request.Query["lags"].ToString()))
        {
            error = null;
            return null;
        }

        var lags = WholeNumber(request, "lags", 0, 0, 100, out error);
        if (error is null && autolag is not null)
        {
            error = "'lags' and 'autolag' exclude each other.";
        }

        return lags;
    }

    private static int WholeNumber(HttpRequest request, string name, int fallback, int min, int max, out string? error)
    {
        error = null;
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        error = $"'{name}' must be a whole number from {min} to {max}.";
        return fallback;
    }

    private static List<string> SymbolList(string text, out string? error)
    {
        error = null;
        var list = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (list.Count < 2 || list.Count > MaxSymbols)
        {
            error = $"'symbols' must list 2 to {MaxSymbols} symbols separated by commas.";
        }
        else if (list.FirstOrDefault(s => !ApiArguments.IsSymbol(s)) is { } bad)
        {
            error = $"'symbols' holds '{bad}', which is not a valid symbol (1 to 40 letters, digits, '_', '.', ':' or '-').";
        }
        else if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            error = "'symbols' lists a symbol twice.";
        }

        return list;
    }
}
