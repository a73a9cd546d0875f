using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace QuantPulse.Distributed.Hosting;

/// <summary>
/// The scale-out settings of a host (<c>QuantPulse:Distributed</c>): which role the process plays and how it reaches
/// Redis. With no <see cref="Role"/> the host runs the whole pipeline in one process, as it always did.
/// </summary>
/// <remarks>Every key, its default and its range are listed in docs/configuration.md and docs/scale-out.md.</remarks>
public sealed class DistributedHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "QuantPulse:Distributed";

    /// <summary>The role, or null for one process (no Redis).</summary>
    public DistributedRole? Role { get; init; }

    /// <summary>The StackExchange.Redis configuration string (<c>host:port[,password=…]</c>).</summary>
    public string Redis { get; init; } = string.Empty;

    /// <summary>The key prefix shared by every role of a deployment.</summary>
    public string KeyPrefix { get; init; } = "qp";

    /// <summary>How many tick streams there are; every role of a deployment must use the same.</summary>
    public int PartitionCount { get; init; } = 16;

    /// <summary>Ingest: entries kept per tick stream (<c>MAXLEN ~</c>).</summary>
    public long MaxStreamLength { get; init; } = 1_000_000;

    /// <summary>Ingest: <c>XADD</c>s in flight before their replies are awaited.</summary>
    public int WriteBatchSize { get; init; } = 512;

    /// <summary>Worker: its name in the consumer group and its leases; empty for machine-pid-random.</summary>
    public string WorkerId { get; init; } = string.Empty;

    /// <summary>Worker: the most partitions it owns.</summary>
    public int MaxPartitions { get; init; } = int.MaxValue;

    /// <summary>Worker: how long a lease lasts without renewal.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Worker: entries per <c>XREADGROUP</c>.</summary>
    public int ReadBatchSize { get; init; } = 500;

    /// <summary>Worker and dashboard: the wait before an empty stream is read again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Worker: entries kept in the events stream; 0 publishes no events.</summary>
    public long EventsMaxLength { get; init; } = 100_000;

    /// <summary>Worker: readiness fails while an owned partition's lag exceeds this many entries; 0 never fails on lag.</summary>
    public long ReadyMaxLag { get; init; } = 100_000;

    /// <summary>How often partition lag, pending entries and ownership are sampled for metrics and readiness.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The key names under <see cref="KeyPrefix"/>.</summary>
    public StreamKeys Keys => new(KeyPrefix);

    /// <summary>
    /// Reads the section. A value that is missing keeps its default; a value that is present but invalid gives one
    /// line naming its key in <paramref name="problem"/>.
    /// </summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="problem">The first invalid value, or null.</param>
    /// <returns>The options (defaults where a value is invalid).</returns>
    public static DistributedHostOptions Read(IConfiguration configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new SectionReader(configuration.GetSection(SectionName));
        var defaults = new DistributedHostOptions();
        var options = new DistributedHostOptions
        {
            Role = reader.Role("Role"),
            Redis = reader.Text("Redis") ?? string.Empty,
            KeyPrefix = reader.Text("KeyPrefix") ?? defaults.KeyPrefix,
            PartitionCount = (int)reader.Number("PartitionCount", defaults.PartitionCount, 1, 4096),
            MaxStreamLength = reader.Number("MaxStreamLength", defaults.MaxStreamLength, 1, long.MaxValue),
            WriteBatchSize = (int)reader.Number("WriteBatchSize", defaults.WriteBatchSize, 1, 100_000),
            WorkerId = reader.Text("WorkerId") ?? string.Empty,
            MaxPartitions = (int)reader.Number("MaxPartitions", defaults.MaxPartitions, 1, int.MaxValue),
            LeaseDuration = reader.Span("LeaseDuration", defaults.LeaseDuration, TimeSpan.FromMilliseconds(300)),
            ReadBatchSize = (int)reader.Number("ReadBatchSize", defaults.ReadBatchSize, 1, 100_000),
            PollInterval = reader.Span("PollInterval", defaults.PollInterval, TimeSpan.FromMilliseconds(1)),
            EventsMaxLength = reader.Number("EventsMaxLength", defaults.EventsMaxLength, 0, long.MaxValue),
            ReadyMaxLag = reader.Number("ReadyMaxLag", defaults.ReadyMaxLag, 0, long.MaxValue),
            MonitorInterval = reader.Span("MonitorInterval", defaults.MonitorInterval, TimeSpan.FromMilliseconds(100)),
        };
        problem = reader.Problem;
        if (problem is null && options.Role is not null && string.IsNullOrWhiteSpace(options.Redis))
        {
            problem = $"{SectionName}:Redis: the role '{DistributedRoles.Name(options.Role.Value)}' needs the Redis connection (host:port, or host:port,password=…; set QuantPulse__Distributed__Redis).";
        }

        if (problem is null && options.Role is not null && !IsRedisConfiguration(options.Redis))
        {
            problem = $"{SectionName}:Redis: not a Redis connection string (host:port, or host:port,password=…).";
        }

        if (problem is null && options.KeyPrefix.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            problem = $"{SectionName}:KeyPrefix: '{options.KeyPrefix}' may not contain spaces or ':'.";
        }

        return options;
    }

    private static bool IsRedisConfiguration(string text)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(text).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class SectionReader(IConfigurationSection section)
    {
        public string? Problem { get; private set; }

        public string? Text(string key) => section[key] is { Length: > 0 } value ? value.Trim() : null;

        public DistributedRole? Role(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (DistributedRoles.TryParse(text, out var role))
            {
                return role;
            }

            Fail(key, $"'{text}' is not a role (ingest, worker, dashboard or archiver; leave it unset for one process).");
            return null;
        }

        public long Number(string key, long fallback, long min, long max)
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            if (long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(key, string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a whole number from {min} to {max}."));
            return fallback;
        }

        public TimeSpan Span(string key, TimeSpan fallback, TimeSpan min)
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            Fail(key, string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a duration of at least {min} (hh:mm:ss.fff)."));
            return fallback;
        }

        private void Fail(string key, string message) => Problem ??= $"{SectionName}:{key}: {message}";
    }
}
