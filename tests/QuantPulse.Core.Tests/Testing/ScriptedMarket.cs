namespace QuantPulse.Tests.Testing;

/// <summary>
/// The clock of a fake venue's market: a step position that moves only when the venue sends a step (or a
/// disruption skips steps), a stop mark the test moves, and the disruptions due at given steps.
/// </summary>
public sealed class ScriptedMarket(int length, int start = 0)
{
    private readonly Lock _gate = new();
    private readonly List<Disruption> _disruptions = [];
    private readonly AsyncSignal _changed = new();
    private int _position = start;
    private int _stopAt = int.MaxValue;
    private int _yielded;

    public int Length { get; } = length;

    public int Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }
    }

    public void Add(Disruption disruption)
    {
        lock (_gate)
        {
            _disruptions.Add(disruption);
        }
    }

    /// <summary>The market stops before <paramref name="step"/> until told otherwise.</summary>
    public void StopAt(int step)
    {
        lock (_gate)
        {
            _stopAt = step;
        }

        _changed.Pulse();
    }

    /// <summary>The reader reports how many ticks it has seen (see <see cref="Disruption.AfterYielded"/>).</summary>
    public void ReportYielded(int count)
    {
        Volatile.Write(ref _yielded, count);
        _changed.Pulse();
    }

    /// <summary>Wakes waiters of <see cref="WaitAsync"/> (a client arrived, for example).</summary>
    public void Pulse() => _changed.Pulse();

    /// <summary>A task that completes at the next change; take it before checking, then await it if nothing is due.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _changed.WaitAsync(cancellationToken);

    /// <summary>
    /// The step to play now and the disruption due at it (already taken, its missed steps already skipped), or -1
    /// when the market must wait (stopped, finished, or a disruption waiting for the reader).
    /// </summary>
    public (int Step, Disruption? Disruption) Next(bool clientsPresent = true)
    {
        lock (_gate)
        {
            var step = _position;
            if (!clientsPresent)
            {
                return (-1, null);
            }

            var disruption = _disruptions.FirstOrDefault(d => d.AtStep == step);
            if (disruption is not null)
            {
                if (Volatile.Read(ref _yielded) < disruption.AfterYielded)
                {
                    return (-1, null);
                }

                _disruptions.Remove(disruption);
                _position += disruption.MissedSteps;
                return (step, disruption);
            }

            return step >= Length || step >= _stopAt ? (-1, null) : (step, null);
        }
    }

    /// <summary>The step was sent: the market moves on.</summary>
    public void Advance()
    {
        lock (_gate)
        {
            _position++;
        }
    }

    /// <summary>Reads the market consistently with the position (what has happened so far).</summary>
    public T Read<T>(Func<int, T> read)
    {
        lock (_gate)
        {
            return read(_position);
        }
    }
}
