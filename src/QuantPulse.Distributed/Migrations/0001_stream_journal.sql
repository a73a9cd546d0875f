-- QuantPulse.Distributed schema, version 1 (PostgreSQL): the journal of the ticks each partition's worker has
-- applied, in stream order, keyed by the Redis entry id (milliseconds, sequence). A worker that takes a partition
-- over rebuilds its candle, indicator, signal and trade state by replaying this journal.

CREATE TABLE stream_journal (
    partition  integer     NOT NULL,
    entry_ms   bigint      NOT NULL,
    entry_seq  bigint      NOT NULL,
    symbol     text        NOT NULL,
    "time"     timestamptz NOT NULL,
    price      numeric     NOT NULL,
    size       numeric     NOT NULL,
    bid        numeric     NULL,
    ask        numeric     NULL,
    side       smallint    NOT NULL,
    source     text        NOT NULL,
    PRIMARY KEY (partition, entry_ms, entry_seq)
);
