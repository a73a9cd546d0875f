using System.Text;
using System.Text.Json;
using QuantPulse.Sources.Live;

namespace QuantPulse.Tests.Sources.Live;

public class SymbolTableTests
{
    [Fact]
    public void Find_KnownBytes_ReturnsTheIndexAndTheSameStringEveryTime()
    {
        var table = new SymbolTable(["R_100", "BTCUSDT"]);

        Assert.Equal(1, table.Find("BTCUSDT"u8));
        Assert.Same(table[1], table[table.Find(Encoding.UTF8.GetBytes("BTCUSDT"))]);
        Assert.Equal(-1, table.Find("btcusdt"u8));
        Assert.Equal(-1, table.Find(""u8));
        Assert.Equal(-1, table.Find(Encoding.UTF8.GetBytes(new string('X', 100))));
    }

    [Fact]
    public void Find_EscapedJsonString_Unescapes()
    {
        var table = new SymbolTable(["R_100"]);
        var reader = new Utf8JsonReader("\"R\\u005f100\""u8);
        reader.Read();

        Assert.Equal(0, table.Find(ref reader));
    }

    [Fact]
    public void Constructor_DuplicateSymbol_Throws() =>
        Assert.Throws<ArgumentException>(() => new SymbolTable(["A", "A"]));
}
