using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using LinqToDB.DataProvider.SQLite;
using Microsoft.Extensions.Logging;
using QuantPulse.Storage;
using QuantPulse.Storage.Postgres;
using QuantPulse.Storage.Sqlite;

namespace QuantPulse.Trading.Internal;

/// <summary>The paper broker's tables in the market store's database (SQLite or PostgreSQL), through linq2db.</summary>
/// <remarks>Connections are opened per call from one <see cref="DataOptions"/>, the only place that knows the provider.</remarks>
internal sealed class LinqTradingStore : ITradingStore
{
    private readonly DataOptions _options;
    private readonly Action _release;

    private LinqTradingStore(DataOptions options, Action release)
    {
        _options = options;
        _release = release;
    }

    /// <summary>Brings the schema up to date (migration 0005 and anything before it) and opens the store.</summary>
    public static async Task<LinqTradingStore> OpenAsync(StorageOptions storage, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            var connectionString = storage.ConnectionString
                ?? throw new ArgumentException("PostgreSQL storage needs a connection string.", nameof(storage));
            await (await PostgresMarketStore.OpenAsync(connectionString, loggerFactory, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            return new LinqTradingStore(new DataOptions().UsePostgreSQL(connectionString), static () => { });
        }

        await (await SqliteMarketStore.OpenAsync(storage.Path, loggerFactory, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var connections = new SqliteConnectionFactory(storage.Path);
        return new LinqTradingStore(new DataOptions().UseSQLite(connections.ConnectionString, SQLiteProvider.Microsoft), connections.ClearPool);
    }

    public async Task<TradingSnapshot> LoadAsync(string account, CancellationToken cancellationToken)
    {
        var db = new DataConnection(_options);
        await using (db.ConfigureAwait(false))
        {
            var orders = await db.GetTable<OrderRow>().Where(o => o.Account == account).OrderBy(o => o.Seq).ToListAsync(cancellationToken).ConfigureAwait(false);
            var positions = await db.GetTable<PositionRow>().Where(p => p.Account == account).OrderBy(p => p.Symbol).ToListAsync(cancellationToken).ConfigureAwait(false);
            var balance = await db.GetTable<AccountRow>().FirstOrDefaultAsync(a => a.Account == account, cancellationToken).ConfigureAwait(false);
            return new TradingSnapshot(
                [.. orders.Select(o => o.ToOrder())],
                [.. positions.Select(p => p.ToPosition())],
                balance?.Cash,
                balance?.Fees ?? 0m,
                balance?.FillSequence ?? 0);
        }
    }

    public async Task SaveAsync(string account, BookChanges changes, Func<string, long> sequenceOf, decimal cash, decimal fees, long fillSequence, CancellationToken cancellationToken)
    {
        var db = new DataConnection(_options);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var order in changes.Orders)
                {
                    await db.InsertOrReplaceAsync(OrderRow.From(account, sequenceOf(order.Id), order), token: cancellationToken).ConfigureAwait(false);
                }

                foreach (var fill in changes.Fills)
                {
                    await db.InsertOrReplaceAsync(FillRow.From(account, fill), token: cancellationToken).ConfigureAwait(false);
                }

                foreach (var position in changes.Positions.Values)
                {
                    await db.InsertOrReplaceAsync(PositionRow.From(account, position), token: cancellationToken).ConfigureAwait(false);
                }

                await db.InsertOrReplaceAsync(
                    new AccountRow { Account = account, Cash = cash, Fees = fees, FillSequence = fillSequence }, token: cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _release();
        return ValueTask.CompletedTask;
    }
}
