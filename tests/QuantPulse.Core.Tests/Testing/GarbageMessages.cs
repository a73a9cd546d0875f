using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>Builds a flood of bad messages from a few kinds, with how many of each rejection reason a source must count.</summary>
public static class GarbageMessages
{
    public static (List<(string Text, bool Binary)> Messages, Dictionary<TickRejection, long> Counts) Build(
        IReadOnlyList<(string Text, bool Binary, TickRejection Reason)> kinds, int total)
    {
        var messages = new List<(string, bool)>(total);
        var counts = new Dictionary<TickRejection, long>();
        for (var i = 0; i < total; i++)
        {
            var (text, binary, reason) = kinds[i % kinds.Count];
            messages.Add((text, binary));
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }

        return (messages, counts);
    }
}
