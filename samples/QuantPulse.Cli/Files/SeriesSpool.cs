using System.Runtime.InteropServices;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Text rows of many series, appended in any interleaving and written back series by series in key order, in
/// bounded memory: a command whose output is sorted by series (<c>candles</c>) need not hold all its rows.
/// </summary>
/// <remarks>
/// Each series keeps its latest rows in memory. When a row would take the characters held by all series past the
/// budget, every series' held text goes to a temporary file as one block (a row longer than the whole budget goes
/// there directly); <see cref="WriteTo"/> copies each series' blocks back, then what it still holds. The file is
/// created at the first spill, under <see cref="Path.GetTempPath"/>, and is gone when the spool is disposed (on Unix it
/// has no name from the start).
/// Not thread-safe.
/// </remarks>
/// <typeparam name="TKey">The series key; <see cref="WriteTo"/> writes the series in the order of the comparer.</typeparam>
internal sealed class SeriesSpool<TKey> : IDisposable
    where TKey : notnull
{
    private const int CopyBufferSize = 1 << 15;

    private readonly SortedDictionary<TKey, Series> _series;
    private readonly int _memoryBudget;
    private FileStream? _file;
    private long _fileLength;

    /// <param name="order">The order <see cref="WriteTo"/> writes the series in.</param>
    /// <param name="memoryBudget">The most characters held in memory, all series together.</param>
    public SeriesSpool(IComparer<TKey> order, int memoryBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBudget);
        _series = new SortedDictionary<TKey, Series>(order);
        _memoryBudget = memoryBudget;
    }

    /// <summary>The characters held in memory now (never more than the budget).</summary>
    public long HeldCharacters { get; private set; }

    /// <summary>The characters written to the temporary file so far.</summary>
    public long SpilledCharacters => _fileLength / sizeof(char);

    /// <summary>Appends <paramref name="text"/> (whole rows, line ends included) to the series <paramref name="key"/>.</summary>
    /// <exception cref="IOException">The temporary file cannot be written.</exception>
    public void Append(TKey key, ReadOnlySpan<char> text)
    {
        if (!_series.TryGetValue(key, out var series))
        {
            _series.Add(key, series = new Series());
        }

        if (HeldCharacters + text.Length > _memoryBudget)
        {
            SpillAll();
            if (text.Length > _memoryBudget)
            {
                series.Blocks.Add(Spill(text));
                return;
            }
        }

        series.Append(text);
        HeldCharacters += text.Length;
    }

    /// <summary>Writes every series, in key order, each with its rows in the order they were appended.</summary>
    /// <exception cref="IOException">The temporary file cannot be read back.</exception>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new char[CopyBufferSize];
        foreach (var series in _series.Values)
        {
            foreach (var (offset, length) in series.Blocks)
            {
                _file!.Position = offset;
                for (var remaining = length; remaining > 0;)
                {
                    var count = Math.Min(remaining, buffer.Length);
                    _file.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan(0, count)));
                    writer.Write(buffer, 0, count);
                    remaining -= count;
                }
            }

            writer.Write(series.Held);
        }
    }

    /// <summary>Closes (and so deletes) the temporary file, if any.</summary>
    public void Dispose() => _file?.Dispose();

    private void SpillAll()
    {
        foreach (var series in _series.Values)
        {
            if (series.Held.Length > 0)
            {
                series.Blocks.Add(Spill(series.Held));
                series.Clear();
            }
        }

        HeldCharacters = 0;
    }

    private (long Offset, int Length) Spill(ReadOnlySpan<char> text)
    {
        _file ??= CreateTemporaryFile();
        var offset = _fileLength;
        _file.Write(MemoryMarshal.AsBytes(text));
        _fileLength += text.Length * sizeof(char);
        return (offset, text.Length);
    }

    // On Unix the file is unlinked at once, so nothing is left behind even if the process is killed.
    private static FileStream CreateTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "quantpulse-" + Path.GetRandomFileName());
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }

        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        File.Delete(path);
        return file;
    }

    /// <summary>One series: where its spilled blocks are, and the text it holds.</summary>
    private sealed class Series
    {
        private char[] _held = [];
        private int _length;

        /// <summary>The spilled blocks, in order: byte offset in the file and length in characters.</summary>
        public List<(long Offset, int Length)> Blocks { get; } = [];

        public ReadOnlySpan<char> Held => _held.AsSpan(0, _length);

        public void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _held.Length)
            {
                Array.Resize(ref _held, Math.Max(_length + text.Length, Math.Max(256, _held.Length * 2)));
            }

            text.CopyTo(_held.AsSpan(_length));
            _length += text.Length;
        }

        // Gives the memory back: a series that was large need not stay large.
        public void Clear()
        {
            _held = [];
            _length = 0;
        }
    }
}
