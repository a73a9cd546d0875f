namespace QuantPulse.Storage;

/// <summary>The namespace in which a run's signal and trade IDs live (see <see cref="IMarketStore.ForRun"/>).</summary>
public enum RunScope
{
    /// <summary>
    /// The shared scope of live hosts: each start is a run of its own, but IDs are shared, so a restarted host
    /// reloads and closes the open trades of the runs before it and never stores a signal twice.
    /// </summary>
    Shared = 0,

    /// <summary>
    /// The run's own scope (back-tests): its IDs may repeat those of other runs over the same ticks, with other
    /// settings, without clashing; its rows can be removed as a whole.
    /// </summary>
    Own = 1,
}
