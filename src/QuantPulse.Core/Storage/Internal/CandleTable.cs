using System.Data.Common;
using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The <c>candles</c> table: shared checks and reads, with the backend's bulk insert-if-absent (which returns how
/// many candles were new) run inside one transaction.
/// </summary>
internal sealed class CandleTable(
    StorageDialect db,
    CandleSql sql,
    Func<DbConnection, DbTransaction, IReadOnlyList<Candle>, CancellationToken, Task<int>> insertNew) : ICandleRepository
{
    public Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        foreach (var candle in candles)
        {
            StorageFormat.CheckStorable(candle);
        }

        return candles.Count == 0
            ? Task.FromResult(0)
            : db.InTransactionAsync((connection, transaction) => insertNew(connection, transaction, candles, cancellationToken), cancellationToken);
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
        return db.QueryAsync(
            sql.Range,
            new { Symbol = symbol, Timeframe = timeframe.Name, From = db.Time(from), To = db.Time(to) },
            Read,
            cancellationToken);
    }

    public Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return db.QuerySingleAsync(sql.Latest, new { Symbol = symbol, Timeframe = timeframe.Name }, Read, cancellationToken);
    }

    private Candle Read(DbDataReader r) => new(
        r.GetString(0),
        Timeframe.Parse(r.GetString(1), CultureInfo.InvariantCulture),
        db.ReadTime(r, 2),
        db.ReadDecimal(r, 3),
        db.ReadDecimal(r, 4),
        db.ReadDecimal(r, 5),
        db.ReadDecimal(r, 6),
        db.ReadDecimal(r, 7),
        r.GetInt32(8),
        IsClosed: true);
}
