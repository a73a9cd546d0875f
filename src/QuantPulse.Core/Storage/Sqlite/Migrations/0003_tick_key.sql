-- QuantPulse schema, version 3 (SQLite): ticks get a key (symbol, time, seq), so a batch written again after a
-- lost acknowledgement is skipped instead of stored twice. seq numbers the ticks of one symbol that share one
-- stored instant, in arrival order within a batch (0 for almost every tick). Rows stored before this version are
-- numbered the same way, in their insertion order.

CREATE TABLE ticks_keyed (
    symbol TEXT    NOT NULL,
    time   TEXT    NOT NULL,
    price  TEXT    NOT NULL,
    size   TEXT    NOT NULL,
    source TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (symbol, time, seq)
) WITHOUT ROWID;

INSERT INTO ticks_keyed (symbol, time, price, size, source, seq)
SELECT symbol, time, price, size, source, ROW_NUMBER() OVER (PARTITION BY symbol, time ORDER BY rowid) - 1
FROM ticks;

DROP TABLE ticks;
ALTER TABLE ticks_keyed RENAME TO ticks;
