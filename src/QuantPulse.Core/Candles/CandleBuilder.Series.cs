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

        private decimal _open;
        private decimal _high;
        private decimal _low;
        private decimal _close;
        private decimal _volume;
        private int _count;
        private long _openTickTime;
        private long _closeTickTime;

        public void Begin(long start, long time, decimal price, decimal size)
        {
            HasForming = true;
            FormingStart = start;
            _open = _high = _low = _close = price;
            _volume = size;
            _count = 1;
            _openTickTime = _closeTickTime = time;
        }

        /// <summary>Whether a tick at <paramref name="time"/> falls in the forming candle and its size would overflow the volume.</summary>
        public bool WouldOverflow(long time, decimal size) =>
            HasForming && (ulong)(time - FormingStart) < (ulong)Duration && size > decimal.MaxValue - _volume;

        public void Update(long time, decimal price, decimal size)
        {
            if (price > _high)
            {
                _high = price;
            }
            else if (price < _low)
            {
                _low = price;
            }

            _volume += size;
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
            _volume,
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
