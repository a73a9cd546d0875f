using QuantPulse.Storage.Postgres;

namespace QuantPulse.Tests.Storage.Postgres;

public sealed class PostgresTickOrderTests
{
    [Fact]
    public void BySymbol_InterleavedIds_GroupsByIdKeepingBatchOrderWithinEach()
    {
        int[] ids = [3, 1, 3, 2, 1, 3, 0];
        var order = new int[ids.Length];

        PostgresTickOrder.BySymbol(ids, order);

        Assert.Equal([6, 1, 4, 3, 0, 2, 5], order);
    }

    [Theory]
    [InlineData(PostgresTickOrder.IdLimit)]
    [InlineData(-1)]
    public void BySymbol_AnIdOutsideTheSortedRange_KeepsBatchOrder(int outside)
    {
        int[] ids = [2, 1, outside, 1];
        var order = new int[ids.Length];

        PostgresTickOrder.BySymbol(ids, order);

        Assert.Equal([0, 1, 2, 3], order);
    }
}
