namespace QuantPulse.Sources.Live;

/// <summary>
/// Lets one log line per key through per interval (the first one at once) and counts the ones held back, so a flood
/// of bad input costs a line every few seconds instead of one per message.
/// </summary>
internal sealed class LogThrottle(TimeProvider timeProvider, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _entries = [];

    /// <summary>Whether a line for <paramref name="key"/> may be written now.</summary>
    /// <param name="key">What the line is about (a rejection reason, buffer pressure…).</param>
    /// <param name="suppressed">How many lines for this key were held back since the last one written.</param>
    public bool ShouldLog(int key, out long suppressed)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _entries.TryGetValue(key, out var entry);
            if (entry.NextAllowedUtcTicks != 0 && now < entry.NextAllowedUtcTicks)
            {
                entry.Suppressed++;
                _entries[key] = entry;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            _entries[key] = new Entry { NextAllowedUtcTicks = now + interval.Ticks };
            return true;
        }
    }

    private struct Entry
    {
        public long NextAllowedUtcTicks;
        public long Suppressed;
    }
}
