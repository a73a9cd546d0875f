using Bunit;
using QuantPulse.Dashboard.Components.Shared;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class PickerTests : BunitContext
{
    private static readonly IReadOnlyList<SymbolChoice> Symbols = SymbolChoice.From(new Dictionary<string, string>
    {
        ["R_100"] = "deriv",
        ["SIM_V25"] = "simulated",
        ["SIM_V100"] = "simulated",
    });

    [Fact]
    public void SymbolPicker_MixedSources_ListsSimulatedFirstAndLabelsThem()
    {
        var picker = Render<SymbolPicker>(p => p.Add(c => c.Symbols, Symbols).Add(c => c.Value, "SIM_V100"));

        var options = picker.FindAll("[data-testid=symbol-picker] option").Select(o => o.TextContent).ToList();
        Assert.Equal(["SIM_V100 (SIMULATED)", "SIM_V25 (SIMULATED)", "R_100 (deriv)"], options);
    }

    [Fact]
    public void SymbolPicker_Change_RaisesTheChosenSymbol()
    {
        string? chosen = null;
        var picker = Render<SymbolPicker>(p => p.Add(c => c.Symbols, Symbols).Add(c => c.ValueChanged, (string s) => chosen = s));

        picker.Find("[data-testid=symbol-picker]").Change("R_100");

        Assert.Equal("R_100", chosen);
    }

    [Fact]
    public void SymbolPicker_UnknownValue_IsIgnored()
    {
        string? chosen = null;
        var picker = Render<SymbolPicker>(p => p.Add(c => c.Symbols, Symbols).Add(c => c.ValueChanged, (string s) => chosen = s));

        picker.Find("[data-testid=symbol-picker]").Change("NOPE");

        Assert.Null(chosen);
    }

    [Fact]
    public void SymbolPicker_NoSymbols_IsDisabled()
    {
        var picker = Render<SymbolPicker>(p => p.Add(c => c.Symbols, []));

        Assert.True(picker.Find("[data-testid=symbol-picker]").HasAttribute("disabled"));
    }

    [Fact]
    public void TimeframePicker_Change_RaisesTheParsedTimeframe()
    {
        Timeframe? chosen = null;
        var picker = Render<TimeframePicker>(p => p
            .Add(c => c.Timeframes, [Timeframe.OneMinute, Timeframe.FiveMinutes])
            .Add(c => c.Value, Timeframe.OneMinute)
            .Add(c => c.ValueChanged, (Timeframe t) => chosen = t));

        Assert.Equal(["1m", "5m"], picker.FindAll("option").Select(o => o.TextContent));
        picker.Find("[data-testid=timeframe-picker]").Change("5m");

        Assert.Equal(Timeframe.FiveMinutes, chosen);
    }

    [Fact]
    public void TimeframePicker_TimeframeNotOffered_IsIgnored()
    {
        Timeframe? chosen = null;
        var picker = Render<TimeframePicker>(p => p
            .Add(c => c.Timeframes, [Timeframe.OneMinute])
            .Add(c => c.ValueChanged, (Timeframe t) => chosen = t));

        picker.Find("[data-testid=timeframe-picker]").Change("1h");

        Assert.Null(chosen);
    }
}
