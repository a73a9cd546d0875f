using QuantPulse.Model;

namespace QuantPulse.Candles;

internal sealed partial class CandleBuilder
{
    /// <summary>Everything the builder knows about one symbol.</summary>
    private sealed class SymbolState
    {
        private readonly long _finestDuration;

        public SymbolState(string symbol, Timeframe[] timeframes, int historyLength)
        {
            Symbol = symbol;
            Series = new Series[timeframes.Length];
            for (var i = 0; i < timeframes.Length; i++)
            {
                Series[i] = new Series(timeframes[i], historyLength);
            }

            _finestDuration = timeframes[0].DurationTicks;
            MaxTime = long.MinValue;
            OpenFloor = long.MinValue;
            LastTickTime = long.MinValue;

            // A new symbol does not inherit earlier heartbeats: it has no closed candle the clock could protect, and
            // a feed that joins late (a connector warming up from history) must find its first buckets open. The
            // feed's watermark holds the clock back while it back-fills.
        }

        /// <summary>The symbol string as first seen; candles share this instance.</summary>
        public string Symbol { get; }

        /// <summary>One series per timeframe, shortest first.</summary>
        public Series[] Series { get; }

        /// <summary>The newest instant applied to this symbol: a tick time or a heartbeat (UTC ticks).</summary>
        public long MaxTime { get; private set; }

        /// <summary>The start of the open shortest-timeframe bucket; a tick before it is late.</summary>
        public long OpenFloor { get; private set; }

        /// <summary>The newest applied tick time (heartbeats excluded), for the duplicate policy.</summary>
        public long LastTickTime { get; set; }

        public void Advance(long time)
        {
            MaxTime = time;
            if (time - OpenFloor >= _finestDuration || OpenFloor == long.MinValue)
            {
                OpenFloor = Series[0].Timeframe.BucketStartTicks(time);
            }
        }
    }

    /// <summary>One (symbol, timeframe) series: the forming candle, the last close and the history ring.</summary>
    private sealed class Series(Timeframe timeframe, int historyLength)
    {
        public Timeframe Timeframe { get; } = timeframe;

        public long Duration { get; } = timeframe.DurationTicks;

        public CandleRing History { get; } = new(historyLength);

        public bool HasForming { get; private set; }

        public long FormingStart { get; private set; }

        /// <summary>Whether a candle has closed, so <see cref="PreviousClose"/> and <see cref="NextStart"/> mean something.</summary>
        public bool HasPrevious { get; private set; }

        /// <summary>The close of the last closed candle: the price of gap-filled candles.</summary>
        public decimal PreviousClose { get; private set; }

        /// <summary>The start of the first bucket after the last emitted candle.</summary>
        public long NextStart { get; set; }

        // High, low and volume carry their exact integer form too (ExactDecimal), so the per-tick comparisons and the
        // volume sum are integer instructions while the values fit; the decimal fields stay the source of the output.
        private decimal _open;
        private decimal _high;
        private decimal _low;
        private decimal _close;
        private decimal _volume;
        private ExactDecimal _highExact;
        private ExactDecimal _lowExact;
        private ExactDecimal _volumeExact;
        private int _count;
        private long _openTickTime;
        private long _closeTickTime;

        private decimal Volume => _volumeExact.IsExact ? _volumeExact.ToDecimal() : _volume;

        public void Begin(long start, long time, in TickValues tick)
        {
            HasForming = true;
            FormingStart = start;
            _open = _high = _low = _close = tick.Price;
            _highExact = _lowExact = tick.ExactPrice;
            _volume = tick.Size;
            _volumeExact = tick.ExactSize;
            _count = 1;
            _openTickTime = _closeTickTime = time;
        }

        /// <summary>Whether a tick at <paramref name="time"/> falls in the forming candle and its size would overflow the volume.</summary>
        /// <remarks>An exact volume and an exact size are each below 2^63, so their sum cannot come near <see cref="decimal.MaxValue"/>.</remarks>
        public bool WouldOverflow(long time, in TickValues tick) =>
            HasForming && (ulong)(time - FormingStart) < (ulong)Duration
            && !(_volumeExact.IsExact && tick.ExactSize.IsExact)
            && tick.Size > decimal.MaxValue - Volume;

        public void Update(long time, in TickValues tick)
        {
            var price = tick.Price;
            if ((ExactDecimal.CompareSameScale(tick.ExactPrice, _highExact) ?? decimal.Compare(price, _high)) > 0)
            {
                _high = price;
                _highExact = tick.ExactPrice;
            }
            else if ((ExactDecimal.CompareSameScale(tick.ExactPrice, _lowExact) ?? decimal.Compare(price, _low)) < 0)
            {
                _low = price;
                _lowExact = tick.ExactPrice;
            }

            if (_volumeExact.IsExact)
            {
                // The sum goes straight into the field: a local copied into it afterwards would be stored field by
                // field and reloaded whole, a reload the processor cannot forward from those stores.
                var previous = _volumeExact;
                _volumeExact = ExactDecimal.Add(previous, tick.ExactSize);
                if (!_volumeExact.IsExact)
                {
                    _volume = previous.ToDecimal() + tick.Size;
                }
            }
            else
            {
                _volume += tick.Size;
            }

            _count++;

            // Close is the latest timestamp, the later arrival winning a tie; open is the earliest timestamp,
            // the earlier arrival winning a tie.
            if (time >= _closeTickTime)
            {
                _close = price;
                _closeTickTime = time;
            }
            else if (time < _openTickTime)
            {
                _open = price;
                _openTickTime = time;
            }
        }

        public Candle ToCandle(string symbol, bool isClosed) => new(
            symbol,
            Timeframe,
            new DateTimeOffset(FormingStart, TimeSpan.Zero),
            _open,
            _high,
            _low,
            _close,
            Volume,
            _count,
            isClosed);

        public void MarkClosed(Candle candle)
        {
            History.Add(candle);
            HasForming = false;
            HasPrevious = true;
            PreviousClose = candle.Close;
            NextStart = FormingStart + Duration;
        }
    }

    /// <summary>A tick's price and size, as decimals and in their exact integer form, split once for every timeframe.</summary>
    private readonly struct TickValues(decimal price, decimal size)
    {
        public decimal Price { get; } = price;

        public decimal Size { get; } = size;

        public ExactDecimal ExactPrice { get; } = ExactDecimal.From(price);

        public ExactDecimal ExactSize { get; } = ExactDecimal.From(size);
    }

    /// <summary>A fixed-capacity ring of the most recent closed candles, grown on demand up to its capacity.</summary>
    private sealed class CandleRing(int capacity)
    {
        private Candle[] _items = new Candle[Math.Min(capacity, 16)];
        private int _start;
        private int _count;

        public int Count => _count;

        public void Add(Candle candle)
        {
            if (_count < _items.Length)
            {
                _items[(_start + _count) % _items.Length] = candle;
                _count++;
                return;
            }

            if (_items.Length < capacity)
            {
                var grown = new Candle[Math.Min(capacity, _items.Length * 2)];
                CopyTo(grown);
                _items = grown;
                _start = 0;
                _items[_count++] = candle;
                return;
            }

            _items[_start] = candle;
            _start = (_start + 1) % _items.Length;
        }

        public Candle[] ToArray()
        {
            var copy = new Candle[_count];
            CopyTo(copy);
            return copy;
        }

        private void CopyTo(Candle[] destination)
        {
            var first = Math.Min(_count, _items.Length - _start);
            Array.Copy(_items, _start, destination, 0, first);
            Array.Copy(_items, 0, destination, first, _count - first);
        }
    }
}
