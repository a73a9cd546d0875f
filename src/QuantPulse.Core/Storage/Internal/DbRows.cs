using System.Data.Common;
using Dapper;

namespace QuantPulse.Storage.Internal;

/// <summary>Runs a query through Dapper and maps each row by hand, so every column is read with its exact type.</summary>
internal static class DbRows
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(DbConnection connection, CommandDefinition command, Func<DbDataReader, T> map)
    {
        var rows = new List<T>();
        var reader = await connection.ExecuteReaderAsync(command).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(command.CancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }
        }

        return rows;
    }
}
