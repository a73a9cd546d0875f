using System.Threading.Tasks.Dataflow;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// The behaviour every QuantPulse block shares: completion, faults, cancellation and back-pressure. A block's
/// test class derives from this base, so a block that breaks the contract fails the same tests.
/// </summary>
/// <typeparam name="TBlock">The block.</typeparam>
/// <typeparam name="TInput">The message the block accepts.</typeparam>
public abstract class BlockContractTests<TBlock, TInput>
    where TBlock : ITargetBlock<TInput>
{
    /// <summary>A generous bound for waits on completion; reaching it means a hang, not slowness.</summary>
    protected static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Complete_CalledTwice_CompletesOnceSuccessfully()
    {
        var block = CreateBlock(boundedCapacity: 4, CancellationToken.None);
        StartConsuming(block);

        block.Complete();
        block.Complete();
        await block.Completion.WaitAsync(HangTimeout);

        Assert.True(block.Completion.IsCompletedSuccessfully);
        Assert.False(await block.SendAsync(CreateMessage(0)));
    }

    [Fact]
    public async Task Complete_WithBufferedMessages_DrainsThenCompletes()
    {
        var block = CreateBlock(boundedCapacity: 8, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await block.SendAsync(CreateMessage(i)));
        }

        block.Complete();
        var consumed = StartConsuming(block);
        await block.Completion.WaitAsync(HangTimeout);

        Assert.Equal(5, consumed());
        Assert.Equal(0, BufferedCount(block));
    }

    [Fact]
    public async Task Fault_WithException_CompletionFaultsWithThatException()
    {
        var block = CreateBlock(boundedCapacity: 4, CancellationToken.None);
        var error = new InvalidOperationException("boom");

        block.Fault(error);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => block.Completion.WaitAsync(HangTimeout));
        Assert.Same(error, thrown);
        Assert.False(await block.SendAsync(CreateMessage(0)));
    }

    [Fact]
    public async Task Cancel_WithBufferedMessages_EmptiesBuffersAndCompletesCanceled()
    {
        using var cts = new CancellationTokenSource();
        var block = CreateBlock(boundedCapacity: 4, cts.Token);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await block.SendAsync(CreateMessage(i)));
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => block.Completion.WaitAsync(HangTimeout));
        Assert.True(block.Completion.IsCanceled);
        Assert.Equal(0, BufferedCount(block));
    }

    [Fact]
    public async Task SendAsync_WhenFull_PostponesUntilSpaceFrees()
    {
        var block = CreateBlock(boundedCapacity: 1, CancellationToken.None);
        Assert.True(await block.SendAsync(CreateMessage(0)));

        var postponed = block.SendAsync(CreateMessage(1));
        Assert.False(postponed.IsCompleted);

        var consumed = StartConsuming(block);
        Assert.True(await postponed.WaitAsync(HangTimeout));
        block.Complete();
        await block.Completion.WaitAsync(HangTimeout);
        Assert.Equal(2, consumed());
    }

    [Fact]
    public async Task OfferMessage_NullMessage_IsDeclinedAndTheBlockKeepsWorking()
    {
        var block = CreateBlock(boundedCapacity: 4, CancellationToken.None);

        var status = block.OfferMessage(new DataflowMessageHeader(1), default!, source: null, consumeToAccept: false);

        Assert.Equal(DataflowMessageStatus.Declined, status);
        var consumed = StartConsuming(block);
        Assert.True(await block.SendAsync(CreateMessage(0)));
        block.Complete();
        await block.Completion.WaitAsync(HangTimeout);
        Assert.True(block.Completion.IsCompletedSuccessfully);
        Assert.Equal(1, consumed());
    }

    /// <summary>Creates the block under test.</summary>
    protected abstract TBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken);

    /// <summary>A valid message; <paramref name="index"/> makes successive messages differ.</summary>
    protected abstract TInput CreateMessage(int index);

    /// <summary>
    /// Lets the block hand its output on; returns how many messages have come out so far, a count that is final
    /// once <see cref="IDataflowBlock.Completion"/> has finished.
    /// </summary>
    protected abstract Func<int> StartConsuming(TBlock block);

    /// <summary>How many messages the block holds in its buffers.</summary>
    protected abstract int BufferedCount(TBlock block);
}
