using System.Data.Common;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// SQLite for the plain-SQL paths: pooled Microsoft.Data.Sqlite connections set up as the linq2db ones are, instants
/// and decimals as <see cref="SqliteValues"/> text, bulk writes by <see cref="SqliteRowInserter"/>.
/// </summary>
internal sealed class SqliteBackend(SqliteConnectionFactory connections) : SqlBackend
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connections.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteConnectionFactory.PragmaAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task<int> InsertNewAsync<T>(SqlSession session, IReadOnlyList<T> rows, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteRowInserter.Insert((SqliteConnection)session.Connection, rows, cancellationToken));

    public override object Time(DateTimeOffset value) => SqliteValues.Time(value);

    public override object Decimal(decimal value) => SqliteValues.Decimal(value);

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));

    public override decimal GetDecimal(DbDataReader reader, int ordinal) => SqliteValues.ParseDecimal(reader.GetString(ordinal));

    public override string Ordinal(string column) => column;
}
