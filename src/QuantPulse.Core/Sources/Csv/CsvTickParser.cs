using System.Runtime.CompilerServices;
using System.Text;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// Turns the rows of a tick CSV into validated <see cref="Tick"/>s: the pure, synchronous core of
/// <see cref="CsvTickSource"/>.
/// </summary>
/// <remarks>
/// Columns are found by name in the header: the time (<c>time</c>, <c>timestamp</c> or <c>epoch</c>), the symbol
/// (<c>symbol</c>; optional when a fixed symbol is given), the price (<c>price</c> or <c>quote</c>) and an optional
/// size (<c>size</c>, <c>quantity</c> or <c>qty</c>; an empty cell is zero). Other columns are ignored, and so are
/// cells beyond the last column used. A row allocates nothing but the first occurrence of each symbol: symbols
/// are interned, so repeated symbols share one string instance. Not thread-safe.
/// <para>
/// Rows read as UTF-8 bytes (<see cref="TryParse(ReadOnlySpan{byte}, out Tick, out TickRejection, out string?)"/>)
/// take a fast path for the common shapes: plain ASCII-trimmed cells, a fixed-point price and size, ISO times whose
/// <c>yyyy-MM-ddTHH</c> prefix is parsed once per hour and reused, symbols looked up by their bytes. It accepts only
/// rows the text parser accepts, with the same values; any other row is decoded and parsed as text, so every
/// rejection and its message are the text parser's.
/// </para>
/// </remarks>
internal sealed class CsvTickParser
{
    private readonly int _time;
    private readonly int _symbol;
    private readonly int _price;
    private readonly int _size;
    private readonly int _fieldsNeeded;
    private readonly string? _fixedSymbol;
    private readonly string _source;
    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _symbolLookup;
    private readonly Utf8Strings _utf8Symbols = new();
    private readonly Utf8TimeCells _times = new();
    private char[] _text = [];

    /// <summary>Creates a parser for the columns of <paramref name="header"/>.</summary>
    /// <param name="header">The file's header.</param>
    /// <param name="name">The file's name, for error messages.</param>
    /// <param name="fixedSymbol">The symbol of every tick when the file has no symbol column; null requires the column.</param>
    /// <param name="source">The <see cref="Tick.Source"/> of every tick.</param>
    /// <exception cref="InvalidDataException">A required column is missing or named twice.</exception>
    public CsvTickParser(CsvHeader header, string name, string? fixedSymbol, string source)
    {
        _time = header.IndexOf(name, "time", "timestamp", "epoch");
        _symbol = header.IndexOf(name, "symbol");
        _price = header.IndexOf(name, "price", "quote");
        _size = header.IndexOf(name, "size", "quantity", "qty");
        if (_time < 0 || _price < 0 || (_symbol < 0 && fixedSymbol is null))
        {
            throw new InvalidDataException(
                $"{name}: line 1: the header must have time, symbol and price columns (size optional); found '{header}'.");
        }

        _fieldsNeeded = Math.Max(Math.Max(_time, _symbol), Math.Max(_price, _size)) + 1;
        _fixedSymbol = fixedSymbol;
        _source = source;
        _symbolLookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parses and validates one data row of UTF-8 text, as <see cref="Parse"/> would parse it decoded.</summary>
    /// <param name="line">The row, without its line end.</param>
    /// <param name="tick">The tick, when the row is one and <paramref name="reason"/> is <see cref="TickRejection.None"/>.</param>
    /// <param name="reason"><see cref="TickRejection.None"/> or the reason the row was rejected.</param>
    /// <param name="problem">Why the row was rejected (without the line number), otherwise null.</param>
    /// <returns>False when the line is blank (white space only): not a row, nothing to count.</returns>
    public bool TryParse(ReadOnlySpan<byte> line, out Tick tick, out TickRejection reason, out string? problem)
    {
        reason = TickRejection.None;
        problem = null;
        if (TryParseFast(line, out tick))
        {
            return true;
        }

        var text = Decode(line);
        if (text.IsWhiteSpace())
        {
            return false;
        }

        reason = Parse(text, out tick, out problem);
        return true;
    }

    /// <summary>Parses and validates one data row.</summary>
    /// <param name="line">The row, without its line end.</param>
    /// <param name="tick">The tick, when the result is <see cref="TickRejection.None"/>.</param>
    /// <param name="problem">Why the row was rejected (without the line number), otherwise null.</param>
    /// <returns><see cref="TickRejection.None"/> or the reason the row was rejected.</returns>
    public TickRejection Parse(ReadOnlySpan<char> line, out Tick tick, out string? problem)
    {
        tick = default;
        Span<Range> fields = stackalloc Range[_fieldsNeeded];
        var count = CsvFields.Split(line, fields);
        if (count < 0)
        {
            problem = "a quoted field is not closed, or text follows its closing quote";
            return TickRejection.Malformed;
        }

        if (count < _fieldsNeeded)
        {
            problem = $"{count} fields, the header needs {_fieldsNeeded}";
            return TickRejection.Malformed;
        }

        var timeText = line[fields[_time]].Trim();
        if (!CsvTime.TryParse(timeText, out var time))
        {
            problem = timeText.IsEmpty ? "time is empty" : $"time '{timeText}' is not {CsvTime.Expected}";
            return TickRejection.Malformed;
        }

        var reason = ParseNumber("price", line[fields[_price]], emptyIsZero: false, out var price, out problem);
        if (reason != TickRejection.None)
        {
            return reason;
        }

        decimal size = 0;
        if (_size >= 0)
        {
            reason = ParseNumber("size", line[fields[_size]], emptyIsZero: true, out size, out problem);
            if (reason != TickRejection.None)
            {
                return reason;
            }
        }

        var symbol = _symbol >= 0 ? Intern(line[fields[_symbol]].Trim()) : _fixedSymbol!;
        tick = new Tick(symbol, time, price, size, _source);
        reason = TickValidator.Validate(tick);
        problem = reason switch
        {
            TickRejection.None => null,
            TickRejection.MissingSymbol => "symbol is empty",
            TickRejection.NonPositivePrice => $"price '{line[fields[_price]].Trim()}' is not positive",
            TickRejection.NegativeSize => $"size '{line[fields[_size]].Trim()}' is negative",
            TickRejection.MissingTime => $"time '{timeText}' is not after 1970-01-01T00:00:00Z",
            _ => $"rejected: {reason}",
        };
        return reason;
    }

    // Accepts only rows Parse accepts, with the same tick; false sends the row to Parse.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // The per-row hot path: compiled with the runtime's code inlined, not precompiled.
    private bool TryParseFast(ReadOnlySpan<byte> line, out Tick tick)
    {
        tick = default;
        Span<Range> fields = stackalloc Range[_fieldsNeeded];
        if (CsvFields.Split(line, fields) < _fieldsNeeded
            || !Utf8Cells.TryTrim(line[fields[_time]], out var timeText) || !_times.TryParse(timeText, out var time)
            || time <= DateTimeOffset.UnixEpoch.UtcTicks
            || !Utf8Cells.TryTrim(line[fields[_price]], out var priceText) || !CsvNumber.TryParseFixed(priceText, out var price)
            || decimal.Sign(price) <= 0)
        {
            return false;
        }

        decimal size = 0;
        if (_size >= 0 && (!Utf8Cells.TryTrim(line[fields[_size]], out var sizeText)
            || (!sizeText.IsEmpty && (!CsvNumber.TryParseFixed(sizeText, out size) || decimal.IsNegative(size)))))
        {
            return false;
        }

        var symbol = _fixedSymbol!;
        if (_symbol >= 0 && (!Utf8Cells.TryTrim(line[fields[_symbol]], out var symbolText) || !TryIntern(symbolText, out symbol)))
        {
            return false;
        }

        tick = new Tick(symbol, new DateTimeOffset(time, TimeSpan.Zero), price, size, _source);
        return true;
    }

    // A symbol from its bytes: the same interned string Parse would give; false when it needs Parse's rules.
    private bool TryIntern(ReadOnlySpan<byte> symbol, out string interned)
    {
        if (symbol.IsEmpty || symbol.Contains((byte)'"'))
        {
            interned = string.Empty;
            return false;
        }

        if (!_utf8Symbols.TryGet(symbol, out interned!))
        {
            interned = Intern(Decode(symbol));
            _utf8Symbols.Add(symbol, interned);
        }

        return true;
    }

    // UTF-8 decoded into a reused buffer, as StreamReader decodes it (invalid bytes become U+FFFD).
    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (_text.Length < length)
        {
            _text = new char[Math.Max(length, 256)];
        }

        return _text.AsSpan(0, Encoding.UTF8.GetChars(utf8, _text));
    }

    private static TickRejection ParseNumber(string column, ReadOnlySpan<char> cell, bool emptyIsZero, out decimal value, out string? problem)
    {
        cell = cell.Trim();
        problem = null;
        if (CsvNumber.TryParse(cell, out value))
        {
            return TickRejection.None;
        }

        if (cell.IsEmpty)
        {
            if (emptyIsZero)
            {
                return TickRejection.None;
            }

            problem = $"{column} is empty";
            return TickRejection.Malformed;
        }

        if (CsvNumber.IsNonFinite(cell))
        {
            problem = $"{column} '{cell}' is not a finite number";
            return TickRejection.NotANumber;
        }

        problem = $"{column} '{cell}' is not a number";
        return TickRejection.Malformed;
    }

    private string Intern(ReadOnlySpan<char> symbol)
    {
        if (symbol.IsEmpty)
        {
            return string.Empty;
        }

        if (_symbolLookup.TryGetValue(symbol, out var interned))
        {
            return interned;
        }

        var text = CsvFields.ToText(symbol);
        return _symbols.TryAdd(text, text) ? text : _symbols[text];
    }
}
