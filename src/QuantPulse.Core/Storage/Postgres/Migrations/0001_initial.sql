-- QuantPulse schema, version 1 (PostgreSQL).
-- Prices, sizes and volumes are numeric (exact decimals, scale kept); instants are timestamptz (UTC, microseconds);
-- ratios, durations and movements are double precision, as in the domain.

CREATE TABLE signals (
    id            text             NOT NULL PRIMARY KEY,
    asset         text             NOT NULL,
    "timestamp"   timestamptz      NOT NULL,
    type          text             NOT NULL CHECK (type IN ('BUY', 'SELL')),
    confidence    double precision NOT NULL,
    entry_price   numeric          NOT NULL,
    stop_loss     numeric          NOT NULL,
    take_profit   numeric          NOT NULL,
    rr_ratio      double precision NOT NULL,
    strategy      text             NOT NULL,
    confirmations jsonb            NOT NULL
);
CREATE INDEX ix_signals_asset_timestamp ON signals (asset, "timestamp");
CREATE INDEX ix_signals_timestamp ON signals ("timestamp");

CREATE TABLE trades (
    id                  text             NOT NULL PRIMARY KEY,
    signal_id           text             NOT NULL,
    asset               text             NOT NULL,
    entry_price         numeric          NOT NULL,
    stop_loss           numeric          NOT NULL,
    take_profit         numeric          NOT NULL,
    open_time           timestamptz      NOT NULL,
    close_time          timestamptz      NULL,
    result              text             NULL CHECK (result IN ('WIN', 'LOSS', 'EXPIRED')),
    duration_seconds    double precision NULL,
    movement_percentage double precision NULL,
    close_price         numeric          NULL
);
CREATE INDEX ix_trades_asset_open_time ON trades (asset, open_time);
CREATE INDEX ix_trades_open_time ON trades (open_time);
CREATE INDEX ix_trades_result ON trades (result);
CREATE INDEX ix_trades_signal_id ON trades (signal_id);

CREATE TABLE candles (
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
CREATE INDEX ix_candles_open_time ON candles (open_time);

CREATE TABLE ticks (
    symbol text        NOT NULL,
    "time" timestamptz NOT NULL,
    price  numeric     NOT NULL,
    size   numeric     NOT NULL,
    source text        NOT NULL
);
CREATE INDEX ix_ticks_symbol_time ON ticks (symbol, "time");
