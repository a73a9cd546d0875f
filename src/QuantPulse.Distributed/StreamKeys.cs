using System.Globalization;

namespace QuantPulse.Distributed;

/// <summary>The Redis key names of the scale-out roles, under one prefix.</summary>
/// <param name="Prefix">The prefix of every key (default <c>qp</c>), so several deployments can share a Redis.</param>
public sealed record StreamKeys(string Prefix = "qp")
{
    /// <summary>The consumer group of the pipeline workers on every tick stream.</summary>
    public const string WorkerGroup = "workers";

    /// <summary>The consumer group of the archiver on every tick stream.</summary>
    public const string ArchiverGroup = "archiver";

    /// <summary>The tick stream of partition <paramref name="partition"/>: <c>{prefix}:ticks:{p}</c>.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The key.</returns>
    public string Ticks(int partition) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:ticks:{partition}");

    /// <summary>The ownership lease of partition <paramref name="partition"/>.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The key.</returns>
    public string Lease(int partition) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:lease:{partition}");

    /// <summary>The fencing counter of partition <paramref name="partition"/>: incremented on every new lease.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The key.</returns>
    public string Fence(int partition) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}:fence:{partition}");

    /// <summary>The roster of live pipeline workers (a hash of worker → expiry and cap), which rebalancing reads.</summary>
    public string Workers => Prefix + ":workers";

    /// <summary>The events stream the workers publish to and the dashboards read.</summary>
    public string Events => Prefix + ":events";
}
