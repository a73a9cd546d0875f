using QuantPulse.Alerts;
using QuantPulse.Dashboard.Security;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Api;

/// <summary>A rule as the API shows it: its fields (as in <see cref="AlertRuleOptions"/>) with its ID and origin.</summary>
internal sealed record AlertDto(
    long Id,
    string Name,
    string Symbol,
    string Condition,
    double? Level,
    string? Indicator,
    string? OtherIndicator,
    string? OtherSymbol,
    double? Percent,
    double? Factor,
    double? Threshold,
    int? Candles,
    double HedgeRatio,
    string Interval,
    string Frequency,
    double CooldownSeconds,
    DateTimeOffset? Expires,
    bool Enabled,
    string Origin,
    string Description)
{
    public static AlertDto From(AlertRule r) => new(
        r.Id, r.Name, r.Symbol, AlertNames.Of(r.Condition), r.Level, r.Indicator, r.OtherIndicator, r.OtherSymbol, r.Percent, r.Factor,
        r.Threshold, r.Candles, r.HedgeRatio, r.Interval.Name, AlertNames.Of(r.Frequency), r.Cooldown.TotalSeconds, r.Expires, r.Enabled,
        r.Origin, r.Describe());
}

/// <summary>A trigger as the API and the live feed show it.</summary>
internal sealed record AlertTriggerDto(
    long Id,
    long AlertId,
    string AlertName,
    string Symbol,
    string Condition,
    double Value,
    double Threshold,
    DateTimeOffset Time,
    DateTimeOffset? CandleOpenTime,
    string Message,
    string Delivery,
    int DeliveryAttempts,
    string? DeliveryError)
{
    public static AlertTriggerDto From(AlertTrigger t) => new(
        t.Id, t.RuleId, t.RuleName, t.Symbol, AlertNames.Of(t.Condition), t.Value, t.Threshold, t.Time, t.CandleOpenTime, t.Message,
        AlertNames.Of(t.Delivery), t.DeliveryAttempts, t.DeliveryError);
}

/// <summary>
/// <c>/api/alerts</c>: list and read triggers (read rules); create, change and delete rules (authenticated, as every
/// mutation). Bodies are the rule's fields in snake_case (docs/alerts.md); PATCH changes only the fields it names.
/// </summary>
internal static class AlertEndpoints
{
    /// <summary>The most triggers one call returns.</summary>
    public const int MaxTriggers = 1000;

    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts");
        var read = alerts.MapGroup(string.Empty).RequireAuthorization(SecurityExtensions.ReadPolicy);
        var write = alerts.MapGroup(string.Empty).RequireAuthorization(SecurityExtensions.WritePolicy);

        read.MapGet(string.Empty, async (AlertService service, CancellationToken ct) =>
                (await service.ListAsync(ct)).Select(AlertDto.From).ToList())
            .WithSummary("Every alert rule, enabled or not, by ID.");

        read.MapGet("/triggered", async (HttpRequest request, AlertService service, CancellationToken ct) =>
            {
                var args = new ApiArguments(request);
                var since = request.Query.ContainsKey("since") ? args.Time("since", DateTimeOffset.MinValue) : (DateTimeOffset?)null;
                var limit = request.Query.ContainsKey("limit") ? args.Limit() : 100;
                if (args.Error is null && limit > MaxTriggers)
                {
                    return ApiArguments.BadRequest($"'limit' must be a whole number from 1 to {MaxTriggers}.");
                }

                return args.Error is not null
                    ? args.Problem()
                    : Results.Ok((await service.TriggersAsync(since, limit, ct)).Select(AlertTriggerDto.From).ToList());
            })
            .WithSummary("The latest triggers, newest first: since (ISO-8601 or Unix seconds, market time), limit (default 100, at most 1000).");

        write.MapPost(string.Empty, async (AlertRuleOptions? body, AlertService service, CancellationToken ct) =>
            {
                if (body is null)
                {
                    return ApiArguments.BadRequest("The body must be a JSON object with 'symbol', 'condition' and the condition's fields (docs/alerts.md).");
                }

                if (!body.TryToRule(AlertOrigins.Api, out var rule, out var error))
                {
                    return ApiArguments.BadRequest(error!);
                }

                try
                {
                    var stored = await service.CreateAsync(rule, ct);
                    return Results.Created($"/api/alerts/{stored.Id}", AlertDto.From(stored));
                }
                catch (ArgumentException ex)
                {
                    return ApiArguments.BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
                }
            })
            .WithSummary("Creates an alert rule; needs a bearer token or an X-Api-Key.")
            .Accepts<AlertRuleOptions>("application/json")
            .Produces<AlertDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        write.MapPatch("/{id:long}", async (long id, AlertRuleOptions? body, AlertService service, CancellationToken ct) =>
            {
                if (body is null)
                {
                    return ApiArguments.BadRequest("The body must be a JSON object with the fields to change, such as {\"enabled\":false} or {\"level\":1250}.");
                }

                if (await service.GetAsync(id, ct) is not { } current)
                {
                    return NotFound(id);
                }

                var merged = Merge(AlertRuleOptions.From(current), body);
                if (!merged.TryToRule(current.Origin, out var rule, out var error))
                {
                    return ApiArguments.BadRequest(error!);
                }

                try
                {
                    return await service.UpdateAsync(id, _ => rule, ct) is { } changed ? Results.Ok(AlertDto.From(changed)) : NotFound(id);
                }
                catch (ArgumentException ex)
                {
                    return ApiArguments.BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
                }
            })
            .WithSummary("Changes an alert rule (enable or disable it, thresholds…); needs a bearer token or an X-Api-Key.")
            .Accepts<AlertRuleOptions>("application/json")
            .Produces<AlertDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        write.MapDelete("/{id:long}", async (long id, AlertService service, CancellationToken ct) =>
                await service.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id))
            .WithSummary("Deletes an alert rule (its triggers stay); needs a bearer token or an X-Api-Key.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static IResult NotFound(long id) =>
        Results.Problem(detail: $"No alert {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown alert");

    // The fields a PATCH body names replace the rule's; the others stay.
    private static AlertRuleOptions Merge(AlertRuleOptions current, AlertRuleOptions patch) => new()
    {
        Name = patch.Name ?? current.Name,
        Symbol = patch.Symbol ?? current.Symbol,
        Condition = patch.Condition ?? current.Condition,
        Level = patch.Level ?? current.Level,
        Indicator = patch.Indicator ?? current.Indicator,
        OtherIndicator = patch.OtherIndicator ?? current.OtherIndicator,
        OtherSymbol = patch.OtherSymbol ?? current.OtherSymbol,
        Percent = patch.Percent ?? current.Percent,
        Factor = patch.Factor ?? current.Factor,
        Threshold = patch.Threshold ?? current.Threshold,
        Candles = patch.Candles ?? current.Candles,
        HedgeRatio = patch.HedgeRatio ?? current.HedgeRatio,
        Interval = patch.Interval ?? current.Interval,
        Frequency = patch.Frequency ?? current.Frequency,
        CooldownSeconds = patch.CooldownSeconds ?? current.CooldownSeconds,
        Expires = patch.Expires ?? current.Expires,
        Enabled = patch.Enabled ?? current.Enabled,
    };
}
