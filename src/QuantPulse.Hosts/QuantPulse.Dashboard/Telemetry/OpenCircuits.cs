using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace QuantPulse.Dashboard.Telemetry;

/// <summary>
/// The Blazor Server circuits open on this host (one per dashboard tab), as the <c>quantpulse.ui.circuits</c> gauge:
/// what the circuits benchmark divides the host's memory by, and how a load test knows its circuits are real.
/// </summary>
internal sealed class OpenCircuits
{
    private readonly Meter _meter;
    private int _count;

    public OpenCircuits(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(QuantPulse.Hosting.QuantPulseMetrics.MeterName);
        _meter.CreateObservableGauge("quantpulse.ui.circuits", () => Count, "{circuit}", "Open Blazor Server circuits (dashboard tabs).");
    }

    /// <summary>Circuits open now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts each circuit from its opening to its closing (a disconnected circuit kept for reconnection still counts).</summary>
    internal sealed class Handler(OpenCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref circuits._count);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref circuits._count);
            return Task.CompletedTask;
        }
    }
}
