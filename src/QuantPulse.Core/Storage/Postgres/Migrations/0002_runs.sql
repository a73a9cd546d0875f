-- QuantPulse schema, version 2 (PostgreSQL): runs, and signals and trades attributed to the run that stored them.
-- run_scope is the namespace of signal and trade IDs: '' for the shared scope (live hosts, which reload each
-- other's open trades), or a back-test's own run id, so runs over the same ticks with other settings never clash.
-- run_id is the run that stored the row ('' for rows stored before runs were recorded).

CREATE TABLE runs (
    id         text        NOT NULL PRIMARY KEY,
    started    timestamptz NOT NULL,
    finished   timestamptz NULL,
    command    text        NOT NULL,
    parameters text        NOT NULL,
    input      text        NULL,
    status     text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED'))
);
CREATE INDEX ix_runs_started ON runs (started);

ALTER TABLE signals
    ADD COLUMN run_id    text NOT NULL DEFAULT '',
    ADD COLUMN run_scope text NOT NULL DEFAULT '';
ALTER TABLE signals DROP CONSTRAINT signals_pkey;
ALTER TABLE signals ADD PRIMARY KEY (run_scope, id);
CREATE INDEX ix_signals_run_id ON signals (run_id);

ALTER TABLE trades
    ADD COLUMN run_id    text NOT NULL DEFAULT '',
    ADD COLUMN run_scope text NOT NULL DEFAULT '';
ALTER TABLE trades DROP CONSTRAINT trades_pkey;
ALTER TABLE trades ADD PRIMARY KEY (run_scope, id);
CREATE INDEX ix_trades_run_id ON trades (run_id);
