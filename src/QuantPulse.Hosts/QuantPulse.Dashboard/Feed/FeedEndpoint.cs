namespace QuantPulse.Dashboard.Feed;

/// <summary>Maps <c>/ws/updates</c>.</summary>
internal static class FeedEndpoint
{
    public static IEndpointConventionBuilder MapUpdateFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map("/ws/updates", async (HttpContext context, UpdateFeed feed, TimeProvider timeProvider, IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(
                    detail: "/ws/updates takes WebSocket connections only (send an Upgrade: websocket request).",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "WebSocket required");
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var queue = new FeedQueue(UpdateFeed.TickQueueLength, UpdateFeed.EventQueueLength);
            var client = new FeedClient(socket, queue, timeProvider, feed.Metrics);
            using (feed.Add(client))
            {
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
                await client.RunAsync(stopping.Token);
            }

            return Results.Empty;
        }).ExcludeFromDescription();
}
