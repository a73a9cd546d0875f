using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Storage;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// The <c>runs</c> row of one back-test: its id, what it ran, and how it ended. The run's signals and trades live
/// in a scope of its own (<see cref="RunScope.Own"/>), so a database may hold many runs over the same ticks.
/// </summary>
/// <remarks>
/// The default id is derived from the settings and the input file's content, so running the same back-test again
/// makes the same run: its earlier rows are removed first and written again, identically. A run that fails or is
/// interrupted has its rows removed and is recorded as failed.
/// </remarks>
internal sealed class BacktestLedger
{
    /// <summary>The option that names the run.</summary>
    public const string RunIdOption = "--run-id";

    /// <summary>The option's help line.</summary>
    public static OptionSpec Option { get; } = new(
        RunIdOption,
        "ID",
        "Run id (letters, digits, . _ : -, at most 64) the run's rows are stored under and the trades file is written from; the same id replaces that run",
        "bt- and a digest of the settings and the input");

    private readonly IMarketStore _store;
    private readonly TimeProvider _time;

    private BacktestLedger(IMarketStore store, string runId, TimeProvider time)
    {
        _store = store;
        _time = time;
        RunId = runId;
        Store = store.ForRun(runId, RunScope.Own);
    }

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The store view the run writes and reads its signals and trades through.</summary>
    public IMarketStore Store { get; }

    /// <summary>
    /// The run id given with <see cref="RunIdOption"/>, or the one derived from the settings and the input's content,
    /// which is computed in the background (reading the whole input) so the caller can open the database meanwhile.
    /// </summary>
    /// <exception cref="UsageException">The given id is not a valid run id (thrown at once).</exception>
    public static Task<string> ChooseRunIdAsync(string? given, BacktestSettings settings, string input)
    {
        if (given is not null)
        {
            return RunRecord.IsValidId(given)
                ? Task.FromResult(given)
                : throw new UsageException($"{RunIdOption}: '{given}' is not a run id (use 1 to 64 letters, digits, '.', '_', ':' or '-')");
        }

        return Task.Run(() => DerivedRunId(settings, input));
    }

    private static string DerivedRunId(BacktestSettings settings, string input)
    {
        // A pipe, a FIFO or a device reports no length and cannot be read twice: its content is not known before the
        // run reads it, so such a run is told apart by when it started instead of being matched to an earlier one.
        string content;
        if (new FileInfo(input).Length > 0)
        {
            using var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            content = Convert.ToHexStringLower(SHA256.HashData(file));
        }
        else
        {
            content = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(input)} at {TimeProvider.System.GetUtcNow():O}");
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Parameters(settings) + "\n" + content));
        return "bt-" + Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>What decides the run's results, as stored in <c>runs.parameters</c>.</summary>
    public static string Parameters(BacktestSettings settings) => string.Create(
        CultureInfo.InvariantCulture,
        $"strategy {settings.Strategy} on {settings.Timeframe} candles; levels {settings.DescribeLevels()}; simulator {settings.DescribeSimulator()}");

    /// <summary>Removes what an earlier run with the same id stored and records this run as running.</summary>
    public static async Task<BacktestLedger> StartAsync(
        IMarketStore store, string runId, BacktestSettings settings, string input, CancellationToken cancellationToken)
    {
        var ledger = new BacktestLedger(store, runId, TimeProvider.System);
        await store.Runs.RemoveOwnRowsAsync(runId, cancellationToken);
        await store.Runs.StartAsync(
            new RunRecord(runId, ledger._time.GetUtcNow(), "backtest", Parameters(settings), Path.GetFullPath(input), RunStatus.Running),
            cancellationToken);
        return ledger;
    }

    /// <summary>Records the run as completed.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken) =>
        _store.Runs.FinishAsync(RunId, RunStatus.Completed, _time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Removes the run's rows and records it as failed, even when the run was cancelled; a database that cannot be
    /// reached any more leaves the run recorded as running, which its id still attributes.
    /// </summary>
    public async Task FailAsync()
    {
        try
        {
            await _store.Runs.RemoveOwnRowsAsync(RunId, CancellationToken.None);
            await _store.Runs.FinishAsync(RunId, RunStatus.Failed, _time.GetUtcNow(), CancellationToken.None);
        }
        catch (DbException)
        {
            // The failure that ended the run is what the user is told about.
        }
    }
}
