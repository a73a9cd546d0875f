-- QuantPulse schema, version 3 (PostgreSQL): ticks get a key (symbol, "time", seq), so a COPY retried after a lost
-- acknowledgement is skipped instead of stored twice. seq numbers the ticks of one symbol that share one stored
-- instant, in arrival order within a batch (0 for almost every tick). Rows stored before this version are numbered
-- the same way, in their physical order.

ALTER TABLE ticks ADD COLUMN seq integer;
UPDATE ticks SET seq = numbered.seq
FROM (SELECT ctid AS row_id, (ROW_NUMBER() OVER (PARTITION BY symbol, "time" ORDER BY ctid) - 1)::integer AS seq FROM ticks) AS numbered
WHERE ticks.ctid = numbered.row_id;
ALTER TABLE ticks ALTER COLUMN seq SET NOT NULL;
ALTER TABLE ticks ADD CONSTRAINT ticks_pkey PRIMARY KEY (symbol, "time", seq);
DROP INDEX ix_ticks_symbol_time;
