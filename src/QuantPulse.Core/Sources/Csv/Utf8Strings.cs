using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// Strings of UTF-8 cells that repeat from row to row (symbols), found by their bytes: the first few stored ones
/// and the last one found compared byte for byte without hashing (files that interleave a few symbols, or hold one
/// symbol's rows together, never hash a cell), the others through a dictionary. Not thread-safe.
/// </summary>
internal sealed class Utf8Strings
{
    private const int Recent = 4;

    private readonly Dictionary<byte[], string> _strings = new(Utf8Key.Comparer);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly byte[][] _recentKeys = new byte[Recent][];
    private readonly string[] _recentValues = new string[Recent];
    private int _recentCount;
    private byte[] _lastKey = [];
    private string? _last;

    public Utf8Strings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The string stored for <paramref name="utf8"/>, if any.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, [MaybeNullWhen(false)] out string value)
    {
        if (_last is not null && utf8.SequenceEqual(_lastKey))
        {
            value = _last;
            return true;
        }

        for (var i = 0; i < _recentCount; i++)
        {
            if (utf8.SequenceEqual(_recentKeys[i]))
            {
                value = _recentValues[i];
                return true;
            }
        }

        if (!_lookup.TryGetValue(utf8, out var key, out value))
        {
            return false;
        }

        (_lastKey, _last) = (key, value);
        return true;
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="utf8"/> (which is not stored yet).</summary>
    public void Add(ReadOnlySpan<byte> utf8, string value)
    {
        var key = utf8.ToArray();
        _strings.Add(key, value);
        if (_recentCount < Recent)
        {
            _recentKeys[_recentCount] = key;
            _recentValues[_recentCount++] = value;
        }
    }

    /// <summary>Byte-array keys compared by content, looked up by spans.</summary>
    private sealed class Utf8Key : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static Utf8Key Comparer { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
