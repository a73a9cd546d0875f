using System.Text;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.SQLite;
using LinqToDB.Mapping;
using Microsoft.Data.Sqlite;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite file, each set up the same way: linq2db ones with the SQLite value forms, and the
/// connection string the plain ADO.NET paths open (<see cref="SqliteBackend"/>).
/// </summary>
/// <remarks>
/// linq2db's provider and mapping schema are made on the first linq2db connection, not before: a process that only
/// runs the plain-SQL paths (the command-line back-test) never builds them.
/// </remarks>
internal sealed class SqliteConnectionFactory
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>Instants and decimals as exact invariant text (see <see cref="SqliteValues"/>), in parameters, literals and reads.</summary>
    private static readonly Lazy<MappingSchema> Schema = new(CreateSchema);

    private readonly Lazy<DataOptions> _options;

    public SqliteConnectionFactory(string path)
    {
        _ = NativeLibrary.Value;
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _options = new(() => new DataOptions()
            .UseConnectionString(SQLiteTools.GetDataProvider(SQLiteProvider.Microsoft), ConnectionString)
            .UseMappingSchema(Schema.Value)
            .UseAfterConnectionOpened(
                connection => Pragma(connection),
                (connection, cancellationToken) => PragmaAsync(connection, cancellationToken)));
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>A connection that opens a pooled SQLite connection on first use; the caller disposes it.</summary>
    public DataConnection Create() => new(_options.Value);

    /// <summary>Closes the pooled connections, releasing the file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void Pragma(System.Data.Common.DbConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
    }

    /// <summary>Sets up a newly opened connection.</summary>
    /// <remarks>WAL makes NORMAL durable against application crashes; only an OS crash can lose the last commits.</remarks>
    public static async Task PragmaAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var pragma = connection.CreateCommand();
        await using (pragma.ConfigureAwait(false))
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static MappingSchema CreateSchema()
    {
        var schema = new MappingSchema("QuantPulse.Sqlite");

        // Text columns to linq2db too: compared as the fixed-width text they are (an index range), never through strftime.
        schema.SetDataType(typeof(DateTimeOffset), DataType.NVarChar);
        schema.SetDataType(typeof(decimal), DataType.NVarChar);
        schema.SetConverter<DateTimeOffset, string>(SqliteValues.Time);
        schema.SetConverter<string, DateTimeOffset>(SqliteValues.ParseTime);
        schema.SetConverter<decimal, string>(SqliteValues.Decimal);
        schema.SetConverter<string, decimal>(SqliteValues.ParseDecimal);
        schema.SetConverter<DateTimeOffset, DataParameter>(time => new DataParameter { Value = SqliteValues.Time(time), DataType = DataType.NVarChar });
        schema.SetConverter<decimal, DataParameter>(value => new DataParameter { Value = SqliteValues.Decimal(value), DataType = DataType.NVarChar });
        schema.SetValueToSqlConverter(typeof(DateTimeOffset), (sql, _, _, value) => Quote(sql, SqliteValues.Time((DateTimeOffset)value)));
        schema.SetValueToSqlConverter(typeof(decimal), (sql, _, _, value) => Quote(sql, SqliteValues.Decimal((decimal)value)));
        return schema;
    }

    // Both forms are digits, signs, separators and letters only: nothing to escape.
    private static void Quote(StringBuilder sql, string text) => sql.Append('\'').Append(text).Append('\'');
}
