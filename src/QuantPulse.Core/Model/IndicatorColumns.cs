using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Model;

/// <summary>An ordered, immutable list of indicator column names with a fast name lookup.</summary>
public sealed class IndicatorColumns : IReadOnlyList<string>
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the list.</summary>
    /// <param name="names">Distinct column names.</param>
    /// <exception cref="ArgumentException">A name repeats.</exception>
    public IndicatorColumns(IEnumerable<string> names)
    {
        _names = [.. names];
        _index = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            if (!_index.TryAdd(_names[i], i))
            {
                throw new ArgumentException($"Indicator column '{_names[i]}' appears twice.", nameof(names));
            }
        }
    }

    /// <inheritdoc/>
    public int Count => _names.Length;

    /// <inheritdoc/>
    public string this[int index] => _names[index];

    /// <summary>The index of <paramref name="name"/>, or -1.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The index or -1.</returns>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Whether the column exists.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>Whether it exists.</returns>
    public bool Contains([NotNullWhen(true)] string? name) => name is not null && _index.ContainsKey(name);

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    /// <inheritdoc/>
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _names.GetEnumerator();
}
