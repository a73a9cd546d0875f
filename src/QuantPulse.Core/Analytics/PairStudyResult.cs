namespace QuantPulse.Analytics;

/// <summary>What <see cref="PairStudy.Run"/> found.</summary>
/// <param name="Closes">The aligned closes.</param>
/// <param name="Window">The rolling window.</param>
/// <param name="Ols">The full-sample OLS fit of <c>b</c> on <c>a</c>.</param>
/// <param name="Huber">The full-sample Huber fit.</param>
/// <param name="KalmanBeta">The Kalman filter's β at each bar; null until identified.</param>
/// <param name="RollingOlsBeta">The rolling OLS β; null before the window fills or where undefined.</param>
/// <param name="RollingHuberBeta">The rolling Huber β; null before the window fills or where undefined.</param>
/// <param name="Spread">The spread <c>b − α − β·a</c> with the OLS fit.</param>
/// <param name="ZScore">The spread's rolling z-score; null before the window fills or with zero σ.</param>
/// <param name="RollingCorrelation">The rolling correlation of returns; null where undefined.</param>
/// <param name="Correlation">The correlation of returns over all bars; null when undefined.</param>
/// <param name="Adf">ADF of <c>b</c> with a constant.</param>
/// <param name="EngleGranger">Engle-Granger of <c>b</c> on <c>a</c>.</param>
/// <param name="HalfLife">The spread's half-life of mean reversion, in bars.</param>
/// <param name="Hurst">The spread's Hurst exponent.</param>
public sealed record PairStudyResult(
    AlignedPair Closes,
    int Window,
    HedgeFit Ols,
    HedgeFit Huber,
    IReadOnlyList<double?> KalmanBeta,
    IReadOnlyList<double?> RollingOlsBeta,
    IReadOnlyList<double?> RollingHuberBeta,
    IReadOnlyList<double> Spread,
    IReadOnlyList<double?> ZScore,
    IReadOnlyList<double?> RollingCorrelation,
    double? Correlation,
    AdfResult Adf,
    CointegrationResult EngleGranger,
    double HalfLife,
    double Hurst)
{
    /// <summary>
    /// A plain-words reading of the tests at the 5% level: whether the pair looks cointegrated (its spread mean
    /// reverting) and whether <c>b</c> alone is already stationary.
    /// </summary>
    public string Verdict
    {
        get
        {
            var cointegrated = EngleGranger.PValue < 0.05;
            var stationary = Adf.PValue < 0.05;
            var pair = cointegrated
                ? $"Cointegrated at the 5% level (Engle-Granger p = {EngleGranger.PValue:0.###}): the spread tends to revert to its mean"
                    + (double.IsFinite(HalfLife) && HalfLife > 0 ? $", with a half-life of about {HalfLife:0.#} bars." : ".")
                : $"Not cointegrated at the 5% level (Engle-Granger p = {EngleGranger.PValue:0.###}): no evidence the spread reverts, so a mean-reversion trade has no statistical footing here.";
            var single = stationary
                ? $" The second series is itself stationary (ADF p = {Adf.PValue:0.###}), so the pairing adds little."
                : $" The second series alone has a unit root (ADF p = {Adf.PValue:0.###}), as prices usually do.";
            return pair + single;
        }
    }
}
