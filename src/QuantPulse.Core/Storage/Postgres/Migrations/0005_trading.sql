-- QuantPulse schema, version 5 (PostgreSQL): the paper broker's accounts, orders, fills and positions.
-- Quantities, prices, cash and fees are numeric; instants are timestamptz.
-- seq is an order's place in its account's book: orders work on a tick in that order, before and after a restart.

CREATE TABLE trading_accounts (
    account       text    NOT NULL PRIMARY KEY,
    cash          numeric NOT NULL,
    fees          numeric NOT NULL,
    fill_sequence bigint  NOT NULL
);

CREATE TABLE trading_orders (
    account            text        NOT NULL,
    id                 text        NOT NULL,
    seq                bigint      NOT NULL,
    client_order_id    text        NOT NULL,
    symbol             text        NOT NULL,
    side               text        NOT NULL CHECK (side IN ('buy', 'sell')),
    type               text        NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit')),
    quantity           numeric     NOT NULL,
    time_in_force      text        NOT NULL CHECK (time_in_force IN ('day', 'gtc', 'ioc', 'fok')),
    status             text        NOT NULL CHECK (status IN ('new', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired')),
    limit_price        numeric     NULL,
    stop_price         numeric     NULL,
    stop_triggered     boolean     NOT NULL,
    take_profit        numeric     NULL,
    stop_loss          numeric     NULL,
    parent_id          text        NULL,
    leg                text        NOT NULL CHECK (leg IN ('none', 'take_profit', 'stop_loss')),
    filled_quantity    numeric     NOT NULL,
    average_fill_price numeric     NULL,
    fees               numeric     NOT NULL,
    reason             text        NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (account, id)
);
CREATE UNIQUE INDEX ux_trading_orders_client_order_id ON trading_orders (account, client_order_id);
CREATE INDEX ix_trading_orders_seq ON trading_orders (account, seq);

CREATE TABLE trading_fills (
    account  text        NOT NULL,
    id       text        NOT NULL,
    order_id text        NOT NULL,
    symbol   text        NOT NULL,
    side     text        NOT NULL CHECK (side IN ('buy', 'sell')),
    quantity numeric     NOT NULL,
    price    numeric     NOT NULL,
    fee      numeric     NOT NULL,
    "time"   timestamptz NOT NULL,
    PRIMARY KEY (account, id)
);
CREATE INDEX ix_trading_fills_order_id ON trading_fills (account, order_id);

CREATE TABLE trading_positions (
    account       text    NOT NULL,
    symbol        text    NOT NULL,
    quantity      numeric NOT NULL,
    average_price numeric NOT NULL,
    realized_pnl  numeric NOT NULL,
    last_price    numeric NOT NULL,
    PRIMARY KEY (account, symbol)
);
