using QuantPulse.Analytics;
using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>Pair studies and return correlations on stored candles (the Pairs page's data).</summary>
/// <remarks>Series are aligned on open time (inner join). Thread-safe.</remarks>
public sealed class PairStudies
{
    private readonly StoredBacktests _stored;

    /// <summary>Creates the service (normally resolved from dependency injection).</summary>
    /// <param name="stored">Reads aligned closes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stored"/> is null.</exception>
    public PairStudies(StoredBacktests stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _stored = stored;
    }

    /// <summary>Studies the latest <paramref name="bars"/> common bars of two series.</summary>
    /// <param name="a">The first symbol.</param>
    /// <param name="b">The second symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="bars">How many of the latest common bars to study.</param>
    /// <param name="window">The rolling window.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">Too few common bars, or the window does not fit.</exception>
    public async Task<PairStudyResult> StudyAsync(string a, string b, Timeframe timeframe, int bars, int window, CancellationToken cancellationToken = default)
    {
        var closes = await _stored.ReadPairAsync(a, b, timeframe, MarketQueries.Earliest, MarketQueries.Latest, cancellationToken).ConfigureAwait(false);
        return PairStudy.Run(closes.Latest(bars), window);
    }

    /// <summary>The correlation of returns of every pair of <paramref name="symbols"/> over their latest <paramref name="bars"/> common bars.</summary>
    /// <param name="symbols">The symbols.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="bars">How many of the latest common bars to use.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A symmetric matrix in symbol order, 1 on the diagonal; null where a pair has too few common bars.</returns>
    public async Task<IReadOnlyList<IReadOnlyList<double?>>> CorrelationsAsync(IReadOnlyList<string> symbols, Timeframe timeframe, int bars, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var matrix = symbols.Select(_ => new double?[symbols.Count]).ToArray();
        for (var i = 0; i < symbols.Count; i++)
        {
            matrix[i][i] = 1;
            for (var j = i + 1; j < symbols.Count; j++)
            {
                var closes = await _stored.ReadPairAsync(symbols[i], symbols[j], timeframe, MarketQueries.Earliest, MarketQueries.Latest, cancellationToken).ConfigureAwait(false);
                matrix[i][j] = matrix[j][i] = PairStudy.ReturnCorrelation(closes.Latest(bars));
            }
        }

        return matrix;
    }
}
