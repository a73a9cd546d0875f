-- QuantPulse schema, version 5 (SQLite): the paper broker's accounts, orders, fills and positions.
-- Quantities, prices, cash and fees are exact decimals stored as TEXT; instants are ISO-8601 UTC TEXT.
-- seq is an order's place in its account's book: orders work on a tick in that order, before and after a restart.

CREATE TABLE trading_accounts (
    account       TEXT    NOT NULL PRIMARY KEY,
    cash          TEXT    NOT NULL,
    fees          TEXT    NOT NULL,
    fill_sequence INTEGER NOT NULL
);

CREATE TABLE trading_orders (
    account            TEXT    NOT NULL,
    id                 TEXT    NOT NULL,
    seq                INTEGER NOT NULL,
    client_order_id    TEXT    NOT NULL,
    symbol             TEXT    NOT NULL,
    side               TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
    type               TEXT    NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit')),
    quantity           TEXT    NOT NULL,
    time_in_force      TEXT    NOT NULL CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok')),
    status             TEXT    NOT NULL CHECK (status IN ('new', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired')),
    limit_price        TEXT    NULL,
    stop_price         TEXT    NULL,
    stop_triggered     INTEGER NOT NULL,
    take_profit        TEXT    NULL,
    stop_loss          TEXT    NULL,
    parent_id          TEXT    NULL,
    leg                TEXT    NOT NULL CHECK (leg IN ('none', 'take_profit', 'stop_loss')),
    filled_quantity    TEXT    NOT NULL,
    average_fill_price TEXT    NULL,
    fees               TEXT    NOT NULL,
    reason             TEXT    NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    PRIMARY KEY (account, id)
);
CREATE UNIQUE INDEX ux_trading_orders_client_order_id ON trading_orders (account, client_order_id);
CREATE INDEX ix_trading_orders_seq ON trading_orders (account, seq);

CREATE TABLE trading_fills (
    account  TEXT    NOT NULL,
    id       TEXT    NOT NULL,
    order_id TEXT    NOT NULL,
    symbol   TEXT    NOT NULL,
    side     TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
    quantity TEXT    NOT NULL,
    price    TEXT    NOT NULL,
    fee      TEXT    NOT NULL,
    time     TEXT    NOT NULL,
    PRIMARY KEY (account, id)
);
CREATE INDEX ix_trading_fills_order_id ON trading_fills (account, order_id);

CREATE TABLE trading_positions (
    account       TEXT NOT NULL,
    symbol        TEXT NOT NULL,
    quantity      TEXT NOT NULL,
    average_price TEXT NOT NULL,
    realized_pnl  TEXT NOT NULL,
    last_price    TEXT NOT NULL,
    PRIMARY KEY (account, symbol)
);
