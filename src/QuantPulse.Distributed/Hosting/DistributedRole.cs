namespace QuantPulse.Distributed.Hosting;

/// <summary>The part a process plays in a scale-out deployment (<c>QuantPulse:Distributed:Role</c>).</summary>
public enum DistributedRole
{
    /// <summary>Runs the configured sources and appends their ticks to the partition streams (worker host).</summary>
    Ingest,

    /// <summary>Owns partitions and runs the configured pipeline over them, storing to PostgreSQL (worker host).</summary>
    Worker,

    /// <summary>Serves the pages, the API and <c>/ws/updates</c> from the events stream and PostgreSQL (dashboard host).</summary>
    Dashboard,

    /// <summary>Writes every tick to the PostgreSQL tick archive (worker host; options in <c>QuantPulse:Distributed:Archiver</c>).</summary>
    Archiver,
}

/// <summary>The configuration names of <see cref="DistributedRole"/> and the host each one runs in.</summary>
public static class DistributedRoles
{
    /// <summary>The lower-case name used in configuration.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The name.</returns>
    public static string Name(DistributedRole role) => role switch
    {
        DistributedRole.Ingest => "ingest",
        DistributedRole.Worker => "worker",
        DistributedRole.Dashboard => "dashboard",
        DistributedRole.Archiver => "archiver",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Parses a role name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="role">The role.</param>
    /// <returns>False when the name is not a role.</returns>
    public static bool TryParse(string? text, out DistributedRole role)
    {
        foreach (var candidate in Enum.GetValues<DistributedRole>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>Whether <paramref name="role"/> runs in the dashboard host (true) or the worker host (false).</summary>
    /// <param name="role">The role.</param>
    /// <returns>True for <see cref="DistributedRole.Dashboard"/>.</returns>
    public static bool RunsInDashboardHost(DistributedRole role) => role == DistributedRole.Dashboard;
}
