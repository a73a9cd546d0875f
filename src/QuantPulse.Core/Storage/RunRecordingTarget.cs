using System.Data.Common;
using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>
/// Passes every batch to a storage sink and, once the sink has finished, records in the <c>runs</c> table how the
/// run ended (<see cref="RunStatus.Completed"/>, or <see cref="RunStatus.Failed"/> when the sink faulted).
/// </summary>
/// <remarks>
/// <see cref="Completion"/> ends after the run is recorded, with the sink's own outcome; a failure to record the
/// end is logged, never thrown, so it cannot hide the sink's result.
/// </remarks>
internal sealed class RunRecordingTarget : ITargetBlock<MarketBatch>
{
    private readonly ITargetBlock<MarketBatch> _sink;

    public RunRecordingTarget(ITargetBlock<MarketBatch> sink, IRunRepository runs, string runId, TimeProvider time, ILogger logger)
    {
        _sink = sink;
        Completion = RecordEndAsync(sink.Completion, runs, runId, time, logger);
    }

    public Task Completion { get; }

    public void Complete() => _sink.Complete();

    public void Fault(Exception exception) => _sink.Fault(exception);

    public DataflowMessageStatus OfferMessage(
        DataflowMessageHeader messageHeader, MarketBatch messageValue, ISourceBlock<MarketBatch>? source, bool consumeToAccept) =>
        _sink.OfferMessage(messageHeader, messageValue, source, consumeToAccept);

    public override string ToString() => _sink.ToString() ?? nameof(RunRecordingTarget);

    private static async Task RecordEndAsync(Task sink, IRunRepository runs, string runId, TimeProvider time, ILogger logger)
    {
        try
        {
            await sink.ConfigureAwait(false);
        }
        catch
        {
            await RecordAsync(runs, runId, RunStatus.Failed, time, logger).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(runs, runId, RunStatus.Completed, time, logger).ConfigureAwait(false);
    }

    private static async Task RecordAsync(IRunRepository runs, string runId, RunStatus status, TimeProvider time, ILogger logger)
    {
        try
        {
            await runs.FinishAsync(runId, status, time.GetUtcNow()).ConfigureAwait(false);
            Log.RunFinished(logger, runId, status);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            Log.RunNotRecorded(logger, runId, status, ex.Message);
        }
    }
}
