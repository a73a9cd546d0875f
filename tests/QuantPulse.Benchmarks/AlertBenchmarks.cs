using BenchmarkDotNet.Attributes;
using QuantPulse.Alerts;
using QuantPulse.Model;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Alert evaluation per tick with 1,000 active price rules over 100 symbols (10 rules on each symbol): the ticks of
/// 10 symbols, in 512-tick batches, through <see cref="AlertEngine.Evaluate(MarketBatch, ICollection{AlertTrigger})"/>.
/// The levels sit far from the prices, so the cost measured is the evaluation, not the triggers. One operation = one tick.
/// </summary>
[MemoryDiagnoser]
public class AlertBenchmarks
{
    private const int Symbols = 10;
    private const int TicksPerSymbol = 100_000;
    private const int TickCount = Symbols * TicksPerSymbol;
    private readonly List<AlertTrigger> _fired = new(1024);
    private AlertEngine _engine = new();
    private MarketBatch[] _batches = [];

    [GlobalSetup]
    public void Setup()
    {
        var ticks = MarketData.Ticks(Symbols, TicksPerSymbol);
        var symbols = ticks.Select(t => t.Symbol).Distinct().ToList();
        symbols.AddRange(Enumerable.Range(0, 100 - symbols.Count).Select(i => "IDLE_" + i));
        AlertCondition[] conditions = [AlertCondition.GreaterThan, AlertCondition.LessThan, AlertCondition.Crossing, AlertCondition.CrossingUp, AlertCondition.CrossingDown];
        var rules = symbols.SelectMany((symbol, s) => Enumerable.Range(0, 10).Select(i => new AlertRule
        {
            Id = (s * 10) + i + 1,
            Symbol = symbol,
            Condition = conditions[i % conditions.Length],
            Level = conditions[i % conditions.Length] == AlertCondition.LessThan ? 0.0001 : 1e12,
            Frequency = AlertFrequency.EveryTime,
        }));
        _engine = new AlertEngine(rules);
        _batches = [.. ticks.Chunk(512).Select(chunk => new MarketBatch(chunk, []))];
    }

    [Benchmark(OperationsPerInvoke = TickCount)]
    public int Evaluate1000Rules()
    {
        foreach (var batch in _batches)
        {
            _engine.Evaluate(batch, _fired);
        }

        var count = _fired.Count;
        _fired.Clear();
        return count;
    }
}
