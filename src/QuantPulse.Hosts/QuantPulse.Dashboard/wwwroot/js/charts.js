// The dashboard's only hand-written script: thin controllers over TradingView lightweight-charts (global
// LightweightCharts, loaded by App.razor), and the reload after a server restart. ChartInterop.cs is the one C#
// caller; all data shaping happens in C#.
const LWC = () => globalThis.LightweightCharts;

function themeOptions(theme, seconds) {
    const dark = theme !== 'light';
    return {
        layout: {
            background: { type: 'solid', color: dark ? '#12161f' : '#ffffff' },
            textColor: dark ? '#c8cdd8' : '#1f2430',
            attributionLogo: true,
            panes: { separatorColor: dark ? '#2a3140' : '#d5d9e0' },
        },
        grid: {
            vertLines: { color: dark ? '#1d2330' : '#eef0f4' },
            horzLines: { color: dark ? '#1d2330' : '#eef0f4' },
        },
        rightPriceScale: { borderColor: dark ? '#2a3140' : '#d5d9e0' },
        timeScale: { borderColor: dark ? '#2a3140' : '#d5d9e0', timeVisible: true, secondsVisible: !!seconds, rightOffset: 3 },
    };
}

// How many of the latest candles a price chart shows when it loads (all of them when it has fewer): 150, or one
// per 7 px on a narrow screen.
const INITIAL_BARS = 150;
const initialBars = width => Math.max(30, Math.min(INITIAL_BARS, Math.floor(width / 7)));

const fmt = v => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toLocaleString(undefined, { maximumFractionDigits: 5 });

// Price chart: candles + volume, line overlays (EMA, Bollinger), RSI and MACD panes, markers, TP/SL lines.
export function createPriceChart(container, dotnet, spec) {
    const L = LWC();
    const chart = L.createChart(container, { ...themeOptions(spec.theme, spec.seconds), autoSize: true, crosshair: { mode: 0 } });
    const candles = chart.addSeries(L.CandlestickSeries, {
        upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    });
    const volume = chart.addSeries(L.HistogramSeries, { priceScaleId: '', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    // Volume takes the bottom 18 % of the price pane and the candles' scale fits their range above it; a series
    // without volume (a simulated market, an index) leaves the candles the whole pane.
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    let hasVolume = null;
    function fitPrices(volumes) {
        if (hasVolume === volumes) return;
        hasVolume = volumes;
        candles.priceScale().applyOptions({ autoScale: true, scaleMargins: { top: 0.1, bottom: volumes ? 0.2 : 0.06 } });
    }
    fitPrices(false);
    const lines = new Map();
    const lineColor = (line, theme) => theme === 'light' && line.lightColor ? line.lightColor : line.color;
    for (const line of spec.lines) {
        const series = chart.addSeries(line.pane === 0 ? L.LineSeries : (line.histogram ? L.HistogramSeries : L.LineSeries), {
            color: lineColor(line, spec.theme), lineWidth: line.width ?? 1, lineStyle: line.dashed ? 2 : 0, lineType: line.steps ? 1 : 0,
            lastValueVisible: !!line.label, priceLineVisible: false, crosshairMarkerVisible: false,
            title: line.label ?? (line.pane === 0 || line.name.startsWith('macd_') ? '' : line.name),
        }, line.pane);
        lines.set(line.name, { series, line });
    }
    // The price pane takes four shares of the height, each indicator pane one; set again once data made them exist.
    const sizePanes = () => chart.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? 4 : 1));
    sizePanes();
    const markers = L.createSeriesMarkers(candles, []);
    let priceLines = [];
    const legend = document.createElement('div');
    legend.className = 'chart-legend';
    container.appendChild(legend);
    let last = null;
    let decimals = 0;
    const byTime = new Map();

    function showLegend(time) {
        const bar = time !== undefined ? byTime.get(time) : last;
        if (!bar) { legend.textContent = ''; return; }
        // Prices at the symbol's precision: the most decimals its candles have shown (1,060.70, not 1,060.7).
        const price = v => (v === null || v === undefined) ? '–' : Number(v).toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
        const parts = [`O ${price(bar.o)}`, `H ${price(bar.h)}`, `L ${price(bar.l)}`, `C ${price(bar.c)}`, `V ${fmt(bar.v)}`];
        for (const [name, { line }] of lines) if (bar.i && name in bar.i) parts.push(`${line.label ?? name} ${fmt(bar.i[name])}`);
        legend.textContent = parts.join('  ');
    }

    chart.subscribeCrosshairMove(param => {
        const hovered = param.hoveredObjectId ? spec.markerText?.[param.hoveredObjectId] : null;
        showLegend(param.time);
        if (hovered) legend.textContent += '  ·  ' + hovered;
    });

    // Older candles load when the user scrolls back to the first one, until the store has none older.
    let loading = false;
    let oldest = false;
    chart.timeScale().subscribeVisibleLogicalRangeChange(range => {
        if (!range || loading || oldest || byTime.size === 0 || range.from > 5) return;
        loading = true;
        const first = Math.min(...byTime.keys());
        dotnet.invokeMethodAsync('LoadOlderAsync', first)
            .then(count => { if (!count) oldest = true; })
            .finally(() => { loading = false; });
    });

    // The latest candles fill the width (fewer candles are spread over all of it); the price scale fits them.
    function fitView(count) {
        const timeScale = chart.timeScale();
        const shown = initialBars(container.clientWidth);
        if (count <= shown) timeScale.fitContent();
        else timeScale.setVisibleLogicalRange({ from: count - shown, to: count - 1 + timeScale.options().rightOffset });
    }

    function point(bar) {
        byTime.set(bar.t, bar);
        if (bar.v > 0) fitPrices(true);
        for (const v of [bar.o, bar.h, bar.l, bar.c]) decimals = Math.max(decimals, Math.min(6, (String(v).split('.')[1] ?? '').length));
        if (!last || bar.t >= last.t) last = bar;
    }

    // No volume is no bar (not a zero-height one, which would draw a line along the pane).
    const volumeBar = b => b.v > 0 ? { time: b.t, value: b.v, color: b.c >= b.o ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' } : { time: b.t };

    function setLineData(bars) {
        for (const [name, { series }] of lines) {
            series.setData(bars.map(b => (b.i && b.i[name] !== null && b.i[name] !== undefined) ? { time: b.t, value: b.i[name] } : { time: b.t }));
        }
    }

    return {
        setHistory(bars) {
            byTime.clear(); last = null; oldest = false; fitPrices(false);
            this.prepend(bars);
            fitView(byTime.size);
        },
        prepend(bars) {
            bars.forEach(point);
            const all = [...byTime.values()].sort((a, b) => a.t - b.t);
            candles.setData(all.map(b => ({ time: b.t, open: b.o, high: b.h, low: b.l, close: b.c })));
            volume.setData(all.map(volumeBar));
            setLineData(all);
            sizePanes();
            showLegend();
        },
        update(bars) {
            for (const b of bars) {
                if (last && b.t < last.t) continue;
                point(b);
                candles.update({ time: b.t, open: b.o, high: b.h, low: b.l, close: b.c });
                volume.update(volumeBar(b));
                if (b.i) {
                    for (const [name, { series }] of lines) {
                        const v = b.i[name];
                        series.update(v === null || v === undefined ? { time: b.t } : { time: b.t, value: v });
                    }
                }
            }
            showLegend();
        },
        setMarkers(list, texts) {
            spec.markerText = texts;
            markers.setMarkers(list);
        },
        setPriceLines(list) {
            for (const line of priceLines) candles.removePriceLine(line);
            priceLines = list.map(l => candles.createPriceLine({ price: l.price, color: l.color, lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: l.title }));
        },
        focus(time) {
            const range = chart.timeScale().getVisibleRange();
            const span = range ? (range.to - range.from) / 2 : 3600;
            chart.timeScale().setVisibleRange({ from: time - span, to: time + span });
        },
        showSeconds(on) { spec.seconds = on; chart.applyOptions({ timeScale: { secondsVisible: on } }); },
        setTheme(theme) {
            spec.theme = theme;
            chart.applyOptions(themeOptions(theme, spec.seconds));
            for (const { series, line } of lines.values()) if (line.lightColor) series.applyOptions({ color: lineColor(line, theme) });
        },
        dispose() { chart.remove(); legend.remove(); },
    };
}

// Line, area and histogram charts over time (equity curve, drawdown) or over a number (hour of day).
export function createSeriesChart(container, spec) {
    const L = LWC();
    const options = { ...themeOptions(spec.theme, true), autoSize: true };
    const chart = spec.numeric ? L.createOptionsChart(container, options) : L.createChart(container, options);
    const series = spec.series.map((s, i) => {
        const kind = s.kind === 'histogram' ? L.HistogramSeries : s.kind === 'area' ? L.AreaSeries : L.LineSeries;
        const style = s.kind === 'area'
            ? { lineColor: s.color, topColor: s.color + '55', bottomColor: s.color + '08', lineWidth: 2 }
            : { color: s.color, lineWidth: 2 };
        return chart.addSeries(kind, { ...style, title: s.name, priceLineVisible: false, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } }, s.pane ?? 0);
    });
    chart.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? 3 : 1));
    return {
        setData(data) {
            data.forEach((points, i) => series[i].setData(points.map(p => ({ time: p.t, value: p.v, color: p.color ?? undefined }))));
            chart.timeScale().fitContent();
        },
        setTheme(theme) { chart.applyOptions(themeOptions(theme, true)); },
        dispose() { chart.remove(); },
    };
}

// A circuit the server no longer knows (the host restarted) cannot be resumed: start a new one by reloading, as
// Blazor's built-in reconnect display does, instead of waiting for the user to click Reload.
export function reloadWhenRejected() {
    const dialog = document.getElementById('components-reconnect-modal');
    if (!dialog || dialog.dataset.reloadWhenRejected) return;
    dialog.dataset.reloadWhenRejected = 'on';
    dialog.addEventListener('components-reconnect-state-changed', e => {
        if (e.detail?.state === 'rejected') location.reload();
    });
}
