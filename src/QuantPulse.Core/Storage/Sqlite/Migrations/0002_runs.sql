-- QuantPulse schema, version 2 (SQLite): runs, and signals and trades attributed to the run that stored them.
-- run_scope is the namespace of signal and trade IDs: '' for the shared scope (live hosts, which reload each
-- other's open trades), or a back-test's own run id, so runs over the same ticks with other settings never clash.
-- run_id is the run that stored the row ('' for rows stored before runs were recorded).

CREATE TABLE runs (
    id         TEXT NOT NULL PRIMARY KEY,
    started    TEXT NOT NULL,
    finished   TEXT NULL,
    command    TEXT NOT NULL,
    parameters TEXT NOT NULL,
    input      TEXT NULL,
    status     TEXT NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED'))
);
CREATE INDEX ix_runs_started ON runs (started);

-- SQLite cannot change a primary key in place: each table is rebuilt with (run_scope, id) as its key.
CREATE TABLE signals_v2 (
    id            TEXT    NOT NULL,
    asset         TEXT    NOT NULL,
    timestamp     TEXT    NOT NULL,
    type          TEXT    NOT NULL CHECK (type IN ('BUY', 'SELL')),
    confidence    REAL    NOT NULL,
    entry_price   TEXT    NOT NULL,
    stop_loss     TEXT    NOT NULL,
    take_profit   TEXT    NOT NULL,
    rr_ratio      REAL    NOT NULL,
    strategy      TEXT    NOT NULL,
    confirmations TEXT    NOT NULL CHECK (json_valid(confirmations)),
    run_id        TEXT    NOT NULL DEFAULT '',
    run_scope     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (run_scope, id)
);
INSERT INTO signals_v2 (id, asset, timestamp, type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations)
SELECT id, asset, timestamp, type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations FROM signals;
DROP TABLE signals;
ALTER TABLE signals_v2 RENAME TO signals;
CREATE INDEX ix_signals_asset_timestamp ON signals (asset, timestamp);
CREATE INDEX ix_signals_timestamp ON signals (timestamp);
CREATE INDEX ix_signals_run_id ON signals (run_id);

CREATE TABLE trades_v2 (
    id                  TEXT NOT NULL,
    signal_id           TEXT NOT NULL,
    asset               TEXT NOT NULL,
    entry_price         TEXT NOT NULL,
    stop_loss           TEXT NOT NULL,
    take_profit         TEXT NOT NULL,
    open_time           TEXT NOT NULL,
    close_time          TEXT NULL,
    result              TEXT NULL CHECK (result IN ('WIN', 'LOSS', 'EXPIRED')),
    duration_seconds    REAL NULL,
    movement_percentage REAL NULL,
    close_price         TEXT NULL,
    run_id              TEXT NOT NULL DEFAULT '',
    run_scope           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_scope, id)
);
INSERT INTO trades_v2 (id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price)
SELECT id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price FROM trades;
DROP TABLE trades;
ALTER TABLE trades_v2 RENAME TO trades;
CREATE INDEX ix_trades_asset_open_time ON trades (asset, open_time);
CREATE INDEX ix_trades_open_time ON trades (open_time);
CREATE INDEX ix_trades_result ON trades (result);
CREATE INDEX ix_trades_signal_id ON trades (signal_id);
CREATE INDEX ix_trades_run_id ON trades (run_id);
