using QuantPulse.Distributed.Internal;

namespace QuantPulse.Distributed.Tests.Internal;

public sealed class WorkerRosterTests
{
    private const int Unlimited = int.MaxValue;

    [Fact]
    public void Targets_SecondWorkerJoinsOneOwningAll_SplitsEvenly()
    {
        var targets = WorkerRoster.Targets(8, [("a", Unlimited), ("b", Unlimited)], Owners("aaaaaaaa"));

        Assert.Equal(4, targets["a"]);
        Assert.Equal(4, targets["b"]);
    }

    [Fact]
    public void Targets_OwnershipAlreadyBalanced_IsItsOwnTarget()
    {
        // "a" sorts first but owns fewer: the odd partition stays with a worker that has it now, so nothing moves.
        var targets = WorkerRoster.Targets(8, [("a", Unlimited), ("b", Unlimited), ("c", Unlimited)], Owners("bbbcccaa"));

        Assert.Equal(2, targets["a"]);
        Assert.Equal(3, targets["b"]);
        Assert.Equal(3, targets["c"]);
    }

    [Fact]
    public void Targets_ThirdWorkerJoins_EveryPartitionDealtAndCountsDifferByAtMostOne()
    {
        var targets = WorkerRoster.Targets(16, [("a", Unlimited), ("b", Unlimited), ("c", Unlimited)], Owners("aaaaaaaabbbbbbbb"));

        Assert.Equal(16, targets.Values.Sum());
        Assert.Equal(6, targets["a"]);
        Assert.Equal(5, targets["b"]);
        Assert.Equal(5, targets["c"]);
    }

    [Fact]
    public void Targets_CappedWorker_OthersTakeWhatItCannot()
    {
        var targets = WorkerRoster.Targets(8, [("a", 1), ("b", Unlimited), ("c", Unlimited)], Owners("........"));

        Assert.Equal(1, targets["a"]);
        Assert.Equal(4, targets["b"]);
        Assert.Equal(3, targets["c"]);
    }

    [Fact]
    public void Targets_CapsBelowThePartitionCount_LeaveTheRestUndealt()
    {
        var targets = WorkerRoster.Targets(8, [("a", 2), ("b", 3)], Owners("........"));

        Assert.Equal(2, targets["a"]);
        Assert.Equal(3, targets["b"]);
    }

    [Fact]
    public void Targets_LeaseOfAWorkerNotOnTheRoster_CountsForNobody()
    {
        // "x" died: its leases have not expired yet, but the live workers' shares cover every partition.
        var targets = WorkerRoster.Targets(4, [("a", Unlimited), ("b", Unlimited)], Owners("xxab"));

        Assert.Equal(2, targets["a"]);
        Assert.Equal(2, targets["b"]);
        Assert.Equal(2, targets.Count);
    }

    // One character per partition: the owning worker, or '.' for a free partition.
    private static string?[] Owners(string owners) => [.. owners.Select(c => c == '.' ? null : c.ToString())];
}
