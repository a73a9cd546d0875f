using System.Globalization;
using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The <c>candles</c> table: shared checks and LINQ reads, with the backend's bulk insert-if-absent in plain SQL (which returns
/// how many candles were new) run inside one transaction.
/// </summary>
internal sealed class CandleTable(StoreDb db) : ICandleRepository
{
    public Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default) =>
        SaveAsync(candles, source: null, cancellationToken);

    public Task<int> SaveAsync(IReadOnlyList<Candle> candles, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        foreach (var candle in candles)
        {
            StorageFormat.CheckStorable(candle);
        }

        if (candles.Count == 0)
        {
            return Task.FromResult(0);
        }

        var rows = candles.Select(c => ToRow(c, source)).ToList();
        return db.InTransactionAsync(session => db.InsertNewAsync(session, rows, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Candle>> GetRangeAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        var (name, first, end) = (timeframe.Name, StorageTime.Truncate(from), StorageTime.Truncate(to));
        return db.ListAsync(
            c => c.GetTable<CandleRow>()
                .Where(r => r.Symbol == symbol && r.Timeframe == name && r.OpenTime >= first && r.OpenTime < end)
                .OrderBy(r => r.OpenTime),
            FromRow,
            cancellationToken);
    }

    public Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var name = timeframe.Name;
        return db.SingleAsync(
            c => c.GetTable<CandleRow>().Where(r => r.Symbol == symbol && r.Timeframe == name).OrderByDescending(r => r.OpenTime),
            FromRow,
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetSymbolsAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var symbols = await db.ListAsync(
            c => c.GetTable<CandleRow>().Where(r => r.Source == source).Select(r => r.Symbol).Distinct(),
            static s => s,
            cancellationToken).ConfigureAwait(false);
        return [.. symbols.Order(StringComparer.Ordinal)];
    }

    private static CandleRow ToRow(Candle c, string? source) => new()
    {
        Symbol = c.Symbol,
        Timeframe = c.Timeframe.Name,
        OpenTime = StorageTime.Truncate(c.OpenTime),
        Open = c.Open,
        High = c.High,
        Low = c.Low,
        Close = c.Close,
        Volume = c.Volume,
        Ticks = c.TickCount,
        Source = source,
    };

    private static Candle FromRow(CandleRow r) => new(
        r.Symbol,
        Timeframe.Parse(r.Timeframe, CultureInfo.InvariantCulture),
        r.OpenTime,
        r.Open,
        r.High,
        r.Low,
        r.Close,
        r.Volume,
        r.Ticks,
        IsClosed: true);
}
