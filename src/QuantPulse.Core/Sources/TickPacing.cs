namespace QuantPulse.Sources;

/// <summary>How an offline source (the simulated market, a recording) hands out its ticks.</summary>
public enum TickPacing
{
    /// <summary>
    /// In step with the injected <see cref="TimeProvider"/>: the simulated market produces a tick per interval
    /// of the clock, a replay waits for the recorded gaps (divided by its speed factor). Live-like.
    /// </summary>
    Paced = 0,

    /// <summary>Without waiting: every tick is handed out as soon as it is asked for (files, back-tests).</summary>
    AsFastAsPossible = 1,
}
