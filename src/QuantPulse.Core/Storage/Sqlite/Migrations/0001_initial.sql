-- QuantPulse schema, version 1 (SQLite).
-- Instants are TEXT in ISO-8601 UTC with exactly six fraction digits, 'YYYY-MM-DDTHH:MM:SS.ffffffZ', so text
-- order is time order and SQLite's date functions read them. Prices, sizes and volumes are TEXT holding the
-- exact decimal in invariant form ('1234.5678'), never REAL; CAST(price AS REAL) when approximate maths will do.

CREATE TABLE signals (
    id            TEXT    NOT NULL PRIMARY KEY,
    asset         TEXT    NOT NULL,
    timestamp     TEXT    NOT NULL,
    type          TEXT    NOT NULL CHECK (type IN ('BUY', 'SELL')),
    confidence    REAL    NOT NULL,
    entry_price   TEXT    NOT NULL,
    stop_loss     TEXT    NOT NULL,
    take_profit   TEXT    NOT NULL,
    rr_ratio      REAL    NOT NULL,
    strategy      TEXT    NOT NULL,
    confirmations TEXT    NOT NULL CHECK (json_valid(confirmations))
);
CREATE INDEX ix_signals_asset_timestamp ON signals (asset, timestamp);
CREATE INDEX ix_signals_timestamp ON signals (timestamp);

CREATE TABLE trades (
    id                  TEXT NOT NULL PRIMARY KEY,
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
    close_price         TEXT NULL
);
CREATE INDEX ix_trades_asset_open_time ON trades (asset, open_time);
CREATE INDEX ix_trades_open_time ON trades (open_time);
CREATE INDEX ix_trades_result ON trades (result);
CREATE INDEX ix_trades_signal_id ON trades (signal_id);

CREATE TABLE candles (
    symbol    TEXT    NOT NULL,
    timeframe TEXT    NOT NULL,
    open_time TEXT    NOT NULL,
    open      TEXT    NOT NULL,
    high      TEXT    NOT NULL,
    low       TEXT    NOT NULL,
    close     TEXT    NOT NULL,
    volume    TEXT    NOT NULL,
    ticks     INTEGER NOT NULL,
    PRIMARY KEY (symbol, timeframe, open_time)
) WITHOUT ROWID;
CREATE INDEX ix_candles_open_time ON candles (open_time);

CREATE TABLE ticks (
    symbol TEXT NOT NULL,
    time   TEXT NOT NULL,
    price  TEXT NOT NULL,
    size   TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX ix_ticks_symbol_time ON ticks (symbol, time);
