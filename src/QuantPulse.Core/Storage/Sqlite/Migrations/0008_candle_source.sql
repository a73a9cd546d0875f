-- QuantPulse schema, version 8 (SQLite): where a stored candle came from.
-- NULL: closed by the pipeline from ticks (the ticks carry their own source); 'upload': stored by an OHLC upload.
-- A nullable column without a default is added without rewriting the table; the partial index holds only the
-- candles that have a source, so listing the uploaded symbols does not scan the pipeline's candles.

ALTER TABLE candles ADD COLUMN source TEXT;
CREATE INDEX ix_candles_source_symbol ON candles (source, symbol) WHERE source IS NOT NULL;
