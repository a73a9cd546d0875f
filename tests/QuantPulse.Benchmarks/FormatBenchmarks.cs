using System.Globalization;
using BenchmarkDotNet.Attributes;
using QuantPulse.Cli.Files;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Nanoseconds per value for what <c>quantpulse indicators</c> writes: the shortest round-trip text of an EMA 20 and
/// an RSI 14 over a simulated random walk (16–17 significant digits each), by the CLI's formatter and by the
/// runtime's <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>, which write
/// the same bytes. One operation = one value.
/// </summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private const int Count = 8192;
    private readonly double[] _values = new double[Count];
    private readonly byte[] _buffer = new byte[Count * ShortestDouble.MaxLength];

    [GlobalSetup]
    public void Setup()
    {
        // Simulated closes (a seeded random walk with two decimals) through the EMA and RSI recurrences.
        var random = new Random(78);
        double close = 1000, ema = 1000, gain = 0, loss = 0;
        for (var i = 0; i < Count; i += 2)
        {
            var next = Math.Round(close + ((random.NextDouble() - 0.5) * 2), 2);
            var change = next - close;
            close = next;
            ema += 2.0 / 21 * (close - ema);
            gain = ((gain * 13) + Math.Max(change, 0)) / 14;
            loss = ((loss * 13) + Math.Max(-change, 0)) / 14;
            _values[i] = ema;
            _values[i + 1] = loss > 0 ? 100 * gain / (gain + loss) : 100;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int Runtime()
    {
        var length = 0;
        foreach (var value in _values)
        {
            value.TryFormat(_buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ShortestDoubleFormat()
    {
        var length = 0;
        foreach (var value in _values)
        {
            length += ShortestDouble.Format(value, _buffer.AsSpan(length));
        }

        return length;
    }
}
