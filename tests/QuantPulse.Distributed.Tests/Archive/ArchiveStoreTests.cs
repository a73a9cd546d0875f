using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Testing;

namespace QuantPulse.Distributed.Tests.Archive;

/// <summary>
/// The TimescaleDB path as far as it can be checked on a PostgreSQL without the extension: the detection query, the
/// SQL sent to TimescaleDB, and what TimescaleDB would require of the table.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ArchiveStoreTests(Servers servers)
{
    [Fact]
    public async Task IsHypertableAsync_PostgresWithoutTimescale_FindsTheTablePartitionedByDay()
    {
        var db = await servers.Postgres.CreateDatabaseAsync();
        await DistributedSchema.MigrateAsync(db, CancellationToken.None);

        Assert.Equal("p false", await Streams.ScalarAsync<string>(db, ArchiveStore.DetectSql));
        Assert.False(await new ArchiveStore(db).IsHypertableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsHypertableAsync_PlainTableWithoutTimescale_RefusesNamingTheTable()
    {
        var db = await servers.Postgres.CreateDatabaseAsync();
        await Streams.ScalarAsync<int>(db, "CREATE TABLE tick_archive (symbol text); SELECT 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ArchiveStore(db).IsHypertableAsync(CancellationToken.None));

        Assert.Contains("tick_archive is neither partitioned by day nor a TimescaleDB hypertable (relkind and extension: r false)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_WithoutTimescale_KeysTheArchiveOnItsTimeColumnAsAHypertableRequires()
    {
        // TimescaleDB refuses a unique index that leaves out the partitioning column; the same key serves both paths.
        var db = await servers.Postgres.CreateDatabaseAsync();
        await DistributedSchema.MigrateAsync(db, CancellationToken.None);

        var key = await Streams.RowsAsync(db, """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = 'tick_archive'::regclass AND i.indisprimary ORDER BY a.attnum
            """);
        Assert.Equal(["symbol", "time", "entry_ms", "entry_seq"], key);
        Assert.Equal("timestamp with time zone", await Streams.ScalarAsync<string>(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tick_archive'::regclass AND attname = 'time'"));
    }

    [Fact]
    public void Migration_WithTimescale_CreatesAHypertableOfOneDayChunksOnTime()
    {
        var script = DistributedSchema.Scripts().Single(s => s.Version == 6).Sql;

        Assert.Contains("EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')", script, StringComparison.Ordinal);
        Assert.Contains("PERFORM create_hypertable('tick_archive', 'time', chunk_time_interval => interval '1 day');", script, StringComparison.Ordinal);
    }

    [Fact]
    public void DropChunksSql_FirstKeptDay_DropsChunksEndingBeforeItsMidnightUtc()
    {
        Assert.Equal(
            "SELECT count(*) FROM drop_chunks('tick_archive', older_than => TIMESTAMPTZ '2026-03-07 00:00:00+00')",
            ArchiveStore.DropChunksSql(new DateOnly(2026, 3, 7)));
    }
}
