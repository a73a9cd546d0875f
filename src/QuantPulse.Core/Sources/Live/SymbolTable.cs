using System.Buffers;
using System.Text;
using System.Text.Json;

namespace QuantPulse.Sources.Live;

/// <summary>
/// The configured symbols of one source, each with a stable index, found from the UTF-8 bytes of a message without
/// allocating: every tick of a symbol carries the same string instance.
/// </summary>
internal sealed class SymbolTable
{
    /// <summary>Longest symbol, in bytes, that can be matched; anything longer is unknown.</summary>
    internal const int MaxSymbolBytes = 64;

    private readonly string[] _names;
    private readonly Dictionary<string, int> _byName;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public SymbolTable(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names.Select(string.Intern)];
        _byName = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            if (!_byName.TryAdd(_names[i], i))
            {
                throw new ArgumentException($"The symbol '{_names[i]}' is listed twice.", nameof(names));
            }
        }

        _byChars = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _names.Length;

    public string this[int index] => _names[index];

    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Finds a symbol from its UTF-8 bytes; -1 when it is not one of ours.</summary>
    public int Find(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxSymbolBytes)
        {
            return -1;
        }

        Span<char> chars = stackalloc char[MaxSymbolBytes];
        if (Ascii.ToUtf16(utf8, chars, out var written) != OperationStatus.Done)
        {
            return -1;
        }

        return _byChars.TryGetValue(chars[..written], out var index) ? index : -1;
    }

    /// <summary>Finds the symbol in the string token the reader is on, unescaping it if needed.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return -1;
        }

        if (!reader.ValueIsEscaped)
        {
            return Find(reader.ValueSpan);
        }

        if (reader.ValueSpan.Length > MaxSymbolBytes)
        {
            return -1;
        }

        Span<byte> unescaped = stackalloc byte[MaxSymbolBytes];
        var length = reader.CopyString(unescaped);
        return Find(unescaped[..length]);
    }
}
