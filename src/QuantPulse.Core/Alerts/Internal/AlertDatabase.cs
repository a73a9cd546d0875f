using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.SQLite;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage;

namespace QuantPulse.Alerts.Internal;

/// <summary>The one place alert tables get their connections: linq2db options for the configured database.</summary>
internal static class AlertDatabase
{
    private static readonly Lazy<bool> SqliteNative = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static DataOptions Options(StorageOptions storage) => storage.Provider switch
    {
        StorageProvider.Sqlite => SqliteOptions(storage.Path),
        StorageProvider.Postgres => new DataOptions().UsePostgreSQL(
            storage.ConnectionString ?? throw new ArgumentException("PostgreSQL storage needs a ConnectionString.", nameof(storage))),
        _ => throw new ArgumentException($"Unknown storage provider {storage.Provider}.", nameof(storage)),
    };

    public static DataConnection Open(DataOptions options) => new(options);

    private static DataOptions SqliteOptions(string path)
    {
        _ = SqliteNative.Value;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
        return new DataOptions().UseSQLite(connectionString, SQLiteProvider.Microsoft);
    }
}
