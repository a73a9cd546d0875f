using System.Text;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Core.Tests.Sources.Csv;

public class Utf8CellsTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("  1.25 \t", "1.25")]
    [InlineData("\tX\r", "X")]
    [InlineData("é", "é")]
    [InlineData(" é ", "é")]
    [InlineData(" a b ", "a b")]
    [InlineData("a\u00a0b", "a\u00a0b")]
    public void TryTrim_AsciiWhiteSpaceAtTheEnds_TrimmedAsStringTrim(string cell, string expected)
    {
        Assert.True(Utf8Cells.TryTrim(Encoding.UTF8.GetBytes(cell), out var trimmed));

        Assert.Equal(expected, Encoding.UTF8.GetString(trimmed));
        Assert.Equal(cell.Trim(), expected);
    }

    [Theory]
    [InlineData("\u00a0abc")]
    [InlineData("abc\u2003")]
    [InlineData(" \u3000abc ")]
    [InlineData(" abc\u00a0 ")]
    public void TryTrim_NonAsciiWhiteSpaceAtAnEnd_FalseForTheTextParser(string cell)
    {
        Assert.False(Utf8Cells.TryTrim(Encoding.UTF8.GetBytes(cell), out _));
    }
}
