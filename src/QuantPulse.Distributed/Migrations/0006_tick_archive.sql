-- QuantPulse.Distributed schema, version 6 (PostgreSQL): the tick archive the archiver role fills, and its candle
-- aggregates. Number 6 is the project's number for the tick archive (Core keeps 0006 free for it).
--
-- tick_archive holds every tick of the tick streams once, keyed by (symbol, "time", entry_ms, entry_seq): the
-- Redis entry id numbers the ticks of a symbol that share an instant, in arrival order, and stays the same when a
-- batch is written again after a lost acknowledgement, so the retry is skipped instead of stored twice.
-- With TimescaleDB installed in the database the table is a hypertable with one-day chunks; otherwise it is
-- partitioned by day with declarative partitioning, and the archiver creates the daily partitions ahead and
-- detaches old ones (retention).

DO $$
DECLARE
    hypertable constant boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
BEGIN
    EXECUTE 'CREATE TABLE tick_archive (
        symbol    text        NOT NULL,
        "time"    timestamptz NOT NULL,
        entry_ms  bigint      NOT NULL,
        entry_seq bigint      NOT NULL,
        price     numeric     NOT NULL,
        size      numeric     NOT NULL,
        bid       numeric     NULL,
        ask       numeric     NULL,
        side      smallint    NOT NULL,
        source    text        NOT NULL,
        PRIMARY KEY (symbol, "time", entry_ms, entry_seq)
    )' || CASE WHEN hypertable THEN '' ELSE ' PARTITION BY RANGE ("time")' END;
    IF hypertable THEN
        PERFORM create_hypertable('tick_archive', 'time', chunk_time_interval => interval '1 day');
    END IF;
END
$$;

-- 1m candles built from the archived ticks, and 5m, 1h, 1d built from them (5m from 1m, 1h from 5m, 1d from 1h),
-- with the bucket rules of live candles: [start, start + timeframe), start rounded down in UTC.
CREATE TABLE tick_candles (
    symbol    text        NOT NULL,
    timeframe text        NOT NULL,
    open_time timestamptz NOT NULL,
    open      numeric     NOT NULL,
    high      numeric     NOT NULL,
    low       numeric     NOT NULL,
    close     numeric     NOT NULL,
    volume    numeric     NOT NULL,
    ticks     integer     NOT NULL,
    PRIMARY KEY (symbol, timeframe, open_time)
);
