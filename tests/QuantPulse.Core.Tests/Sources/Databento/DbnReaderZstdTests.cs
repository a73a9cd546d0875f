using QuantPulse.Internal;
using QuantPulse.Sources.Databento;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Databento;

public class DbnReaderZstdTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Read_ZstdFrames_YieldTheRecordsOfTheUncompressedFile(int frames)
    {
        var writer = Trades(500);

        var plain = ReadAll(new DbnReader(new MemoryStream(writer.ToArray())), out var plainMetadata);
        var compressed = ReadAll(new DbnReader(new MemoryStream(writer.ToZstd(frames))), out var metadata);

        Assert.Equal(500, plain.Count);
        Assert.Equal(plain, compressed);
        Assert.Equal(plainMetadata.Symbols, metadata.Symbols);
        Assert.Equal("trades", metadata.Schema);
    }

    [Fact]
    public void Read_SkippableFrameFirst_IsPassedOver()
    {
        var writer = Trades(20);
        byte[] skippable = [0x5A, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4];

        var records = ReadAll(new DbnReader(new MemoryStream([.. skippable, .. writer.ToZstd(2)])), out _);

        Assert.Equal(ReadAll(new DbnReader(new MemoryStream(writer.ToArray())), out _), records);
    }

    [Fact]
    public void Read_ZstdCutInsideAFrame_ReadsWhatIsWholeThenThrowsOneLine()
    {
        // Several 128 KiB zstd blocks, so the first ones decompress before the cut.
        var compressed = Trades(20_000, varied: true).ToZstd();
        using var reader = new DbnReader(new MemoryStream(compressed[..(compressed.Length * 2 / 3)]));
        var read = 0;

        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            while (reader.Read(out _))
            {
                read++;
            }
        });

        Assert.Equal("the zstd data is cut short (the file ends inside a compressed frame)", ex.Message);
        Assert.InRange(read, 1, 19_999);
    }

    [Fact]
    public void Read_CorruptZstd_ThrowsOneLineNamingTheCorruption()
    {
        var compressed = Trades(2000).ToZstd();
        for (var i = compressed.Length / 2; i < (compressed.Length / 2) + 16; i++)
        {
            compressed[i] ^= 0x5A;
        }

        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            using var reader = new DbnReader(new MemoryStream(compressed));
            while (reader.Read(out _))
            {
            }
        });

        Assert.StartsWith("the zstd data is corrupt (", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("time,symbol,price\n2024-01-02T00:00:00Z,AAPL,1\n", "the zstd data is not DBN once decompressed (it does not start with 'DBN')")]
    [InlineData("", "the zstd data decompresses to nothing")]
    public void Read_ZstdOfSomethingElse_ThrowsOneLine(string content, string expected)
    {
        var compressed = DbnFileWriter.Zstd(System.Text.Encoding.ASCII.GetBytes(content));

        var ex = Assert.Throws<InvalidDataException>(() => new DbnReader(new MemoryStream(compressed)));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Read_LargeZstdFile_ReadsTheInputInBoundedChunks()
    {
        var compressed = Trades(100_000, varied: true).ToZstd();
        var input = new CountingStream(new MemoryStream(compressed));

        using var reader = new DbnReader(input);
        Assert.True(reader.Read(out var first));
        var afterFirst = input.BytesRead;
        var count = 1;
        while (reader.Read(out _))
        {
            count++;
        }

        Assert.Equal(QuantPulse.Sources.Databento.DbnRecordKind.Trade, first.Kind);
        Assert.Equal(100_000, count);
        Assert.True(compressed.Length > 1 << 20, $"the compressed file is {compressed.Length} bytes");
        Assert.True(afterFirst <= 256 << 10, $"{afterFirst} of {compressed.Length} compressed bytes read for the first record");
        Assert.Equal(compressed.Length, input.BytesRead);
    }

    [Fact]
    public void Open_ZstdFileWithAnyName_IsDecompressed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.bin");
        try
        {
            Trades(3).WriteZstdTo(path);

            using var reader = DbnReader.Open(path);

            Assert.Equal(3, ReadAll(reader, out _).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, true)]
    [InlineData(new byte[] { 0x50, 0x2A, 0x4D, 0x18 }, true)]
    [InlineData(new byte[] { 0x5F, 0x2A, 0x4D, 0x18 }, true)]
    [InlineData(new byte[] { 0x60, 0x2A, 0x4D, 0x18 }, false)]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F }, false)]
    [InlineData(new byte[] { (byte)'D', (byte)'B', (byte)'N', 2 }, false)]
    public void IsCompressed_FirstBytes_RecognisesZstdAndSkippableFrames(byte[] start, bool expected) =>
        Assert.Equal(expected, ZstdInput.IsCompressed(start));

    private static DbnFileWriter Trades(int count, bool varied = false)
    {
        var writer = new DbnFileWriter("trades", 3).Map("AAPL", 1).Map("MSFT", 2);
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var price = varied ? 100m + (random.Next(1_000_000) / 10_000m) : 100m + (i % 17 * 0.25m);
            var size = varied ? (uint)random.Next(1, 100_000) : (uint)(1 + (i % 5));
            writer.Trade((uint)(1 + (i % 2)), T0.AddTicks(i * (varied ? random.Next(1, 50_000) : 17_000)), price, size, i % 3 == 0 ? 'A' : 'B');
        }

        return writer;
    }

    private static List<DbnRecord> ReadAll(DbnReader reader, out DbnMetadata metadata)
    {
        using (reader)
        {
            metadata = reader.Metadata;
            var records = new List<DbnRecord>();
            while (reader.Read(out var record))
            {
                records.Add(record);
            }

            return records;
        }
    }

    private sealed class CountingStream(Stream inner) : ReadOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
