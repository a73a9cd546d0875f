using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components;

/// <summary>The one place that talks to <c>wwwroot/js/charts.js</c> (TradingView lightweight-charts).</summary>
/// <remarks>Scoped per circuit; the module is imported once and released with the circuit.</remarks>
internal sealed class ChartInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    /// <summary>Creates a candlestick chart with volume, the given indicator lines and panes.</summary>
    public async Task<PriceChartHandle> CreatePriceChartAsync<T>(ElementReference container, DotNetObjectReference<T> callbacks, PriceChartSpec spec)
        where T : class
    {
        var module = await ModuleAsync().ConfigureAwait(false);
        var chart = await module.InvokeAsync<IJSObjectReference>("createPriceChart", container, callbacks, spec).ConfigureAwait(false);
        return new PriceChartHandle(chart);
    }

    /// <summary>Creates a chart of lines, areas or histograms over time, or over a number when <see cref="SeriesChartSpec.Numeric"/>.</summary>
    public async Task<SeriesChartHandle> CreateSeriesChartAsync(ElementReference container, SeriesChartSpec spec)
    {
        var module = await ModuleAsync().ConfigureAwait(false);
        var chart = await module.InvokeAsync<IJSObjectReference>("createSeriesChart", container, spec).ConfigureAwait(false);
        return new SeriesChartHandle(chart);
    }

    /// <summary>Makes the page reload by itself when the server rejects its reconnecting circuit (after a restart).</summary>
    public async Task ReloadWhenRejectedAsync()
    {
        var module = await ModuleAsync().ConfigureAwait(false);
        await module.InvokeVoidAsync("reloadWhenRejected").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            await ChartHandle.ReleaseAsync(await _module.ConfigureAwait(false), dispose: false).ConfigureAwait(false);
        }
    }

    private Task<IJSObjectReference> ModuleAsync() =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/charts.js").AsTask();
}

/// <summary>A chart living in the browser; disposing removes it.</summary>
internal abstract class ChartHandle(IJSObjectReference chart) : IAsyncDisposable
{
    protected IJSObjectReference Chart => chart;

    public Task SetThemeAsync(bool light) => InvokeAsync("setTheme", light ? "light" : "dark");

    public ValueTask DisposeAsync() => ReleaseAsync(chart, dispose: true);

    /// <summary>Releases a browser object; a circuit that is already gone has nothing left to release.</summary>
    internal static async ValueTask ReleaseAsync(IJSObjectReference reference, bool dispose)
    {
        try
        {
            if (dispose)
            {
                await reference.InvokeVoidAsync("dispose").ConfigureAwait(false);
            }

            await reference.DisposeAsync().ConfigureAwait(false);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    protected async Task InvokeAsync(string method, params object?[] args)
    {
        try
        {
            await chart.InvokeVoidAsync(method, args).ConfigureAwait(false);
        }
        catch (JSDisconnectedException)
        {
            // The browser left; the next circuit draws its own chart.
        }
    }
}

/// <summary>A price chart in the browser.</summary>
internal sealed class PriceChartHandle(IJSObjectReference chart) : ChartHandle(chart)
{
    public Task SetHistoryAsync(IReadOnlyList<ChartBar> bars) => InvokeAsync("setHistory", bars);

    public Task PrependAsync(IReadOnlyList<ChartBar> bars) => InvokeAsync("prepend", bars);

    public Task UpdateAsync(IReadOnlyList<ChartBar> bars) => InvokeAsync("update", bars);

    public Task SetMarkersAsync(IReadOnlyList<ChartMarker> markers, IReadOnlyDictionary<string, string> texts) => InvokeAsync("setMarkers", markers, texts);

    public Task SetPriceLinesAsync(IReadOnlyList<ChartPriceLine> lines) => InvokeAsync("setPriceLines", lines);

    public Task FocusAsync(long time) => InvokeAsync("focus", time);

    public Task ShowSecondsAsync(bool on) => InvokeAsync("showSeconds", on);
}

/// <summary>A line, area or histogram chart in the browser.</summary>
internal sealed class SeriesChartHandle(IJSObjectReference chart) : ChartHandle(chart)
{
    public Task SetDataAsync(IReadOnlyList<IReadOnlyList<ChartPoint>> data) => InvokeAsync("setData", data);
}

/// <summary>What a price chart reports to its page: the last price and the open trade of its symbol.</summary>
public sealed record ChartStatus(decimal? LastPrice, Trade? OpenTrade);

/// <summary>What a price chart shows besides candles and volume.</summary>
/// <param name="Theme"><c>dark</c> or <c>light</c>.</param>
/// <param name="Lines">Indicator lines; pane 0 is the price pane.</param>
/// <param name="Seconds">Whether the time axis shows seconds (timeframes under a minute).</param>
public sealed record PriceChartSpec(string Theme, IReadOnlyList<ChartLine> Lines, bool Seconds);

/// <summary>An indicator line of a price chart, drawn from the indicator column <paramref name="Name"/>.</summary>
/// <param name="Name">The indicator column it draws.</param>
/// <param name="Color">Its CSS colour in the dark theme (and in the light one unless <paramref name="LightColor"/> is set).</param>
/// <param name="Pane">The pane it is drawn in; 0 is the price pane.</param>
/// <param name="Dashed">Drawn dashed.</param>
/// <param name="Histogram">Drawn as a histogram (in an indicator pane).</param>
/// <param name="Width">Line width in pixels.</param>
/// <param name="LightColor">Its CSS colour in the light theme, when it differs.</param>
/// <param name="Steps">Drawn as steps (a level held until it moves) instead of straight segments.</param>
/// <param name="Label">When set, the line's title: on the price axis beside its last value and in the legend.</param>
public sealed record ChartLine(
    string Name,
    string Color,
    int Pane,
    bool Dashed = false,
    bool Histogram = false,
    int Width = 1,
    string? LightColor = null,
    bool Steps = false,
    string? Label = null);

/// <summary>One candle for the chart: Unix seconds, prices as numbers, indicator values by column name.</summary>
public sealed record ChartBar(
    [property: JsonPropertyName("t")] long Time,
    [property: JsonPropertyName("o")] double Open,
    [property: JsonPropertyName("h")] double High,
    [property: JsonPropertyName("l")] double Low,
    [property: JsonPropertyName("c")] double Close,
    [property: JsonPropertyName("v")] double Volume,
    [property: JsonPropertyName("i")] IReadOnlyDictionary<string, double?>? Indicators);

/// <summary>A marker on the candle at <paramref name="Time"/> (Unix seconds).</summary>
public sealed record ChartMarker(long Time, string Position, string Color, string Shape, string Text, string Id);

/// <summary>A horizontal price line (take profit, stop loss, entry).</summary>
public sealed record ChartPriceLine(double Price, string Color, string Title);

/// <summary>One point of a series chart: Unix seconds (or a number on a numeric axis) and a value.</summary>
public sealed record ChartPoint(
    [property: JsonPropertyName("t")] double Time,
    [property: JsonPropertyName("v")] double Value,
    [property: JsonPropertyName("color")] string? Color = null);

/// <summary>A series of a series chart.</summary>
/// <param name="Name">Its title.</param>
/// <param name="Kind"><c>line</c>, <c>area</c> or <c>histogram</c>.</param>
/// <param name="Color">Its CSS colour (<c>#rrggbb</c>).</param>
/// <param name="Pane">The pane it is drawn in, 0 for the top one.</param>
public sealed record ChartSeries(string Name, string Kind, string Color, int Pane = 0);

/// <summary>What a series chart shows.</summary>
public sealed record SeriesChartSpec(string Theme, IReadOnlyList<ChartSeries> Series, bool Numeric = false);
