-- QuantPulse schema, version 4 (SQLite): alert rules and their triggers. A rule's parameters are columns; which
-- ones apply depends on its condition (docs/alerts.md). Times are UTC. A trigger keeps the rule's id and name, so its
-- history stays readable after the rule is deleted. delivery is the webhook state: none, pending, delivered, failed.

CREATE TABLE alerts (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL,
    symbol           TEXT    NOT NULL,
    condition        TEXT    NOT NULL,
    level            REAL    NULL,
    indicator        TEXT    NULL,
    other_indicator  TEXT    NULL,
    other_symbol     TEXT    NULL,
    percent          REAL    NULL,
    factor           REAL    NULL,
    threshold        REAL    NULL,
    candles          INTEGER NULL,
    hedge_ratio      REAL    NOT NULL,
    interval         TEXT    NOT NULL,
    frequency        TEXT    NOT NULL,
    cooldown_seconds REAL    NOT NULL,
    expires          TEXT    NULL,
    enabled          INTEGER NOT NULL,
    origin           TEXT    NOT NULL,
    created          TEXT    NOT NULL,
    updated          TEXT    NOT NULL
);
CREATE INDEX ix_alerts_symbol ON alerts (symbol);

CREATE TABLE alert_triggers (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    alert_id          INTEGER NOT NULL,
    alert_name        TEXT    NOT NULL,
    symbol            TEXT    NOT NULL,
    condition         TEXT    NOT NULL,
    value             REAL    NOT NULL,
    threshold         REAL    NOT NULL,
    time              TEXT    NOT NULL,
    candle_open_time  TEXT    NULL,
    message           TEXT    NOT NULL,
    stored_at         TEXT    NOT NULL,
    delivery          TEXT    NOT NULL,
    delivery_attempts INTEGER NOT NULL,
    delivery_error    TEXT    NULL
);
CREATE INDEX ix_alert_triggers_time ON alert_triggers (time);
CREATE INDEX ix_alert_triggers_alert_id ON alert_triggers (alert_id);
