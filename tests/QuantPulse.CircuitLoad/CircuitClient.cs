using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace QuantPulse.CircuitLoad;

/// <summary>
/// One Blazor Server circuit opened the way a browser tab opens it, without a browser: the prerendered page's markers,
/// <c>/_blazor</c> over WebSockets with the blazorpack protocol, <c>StartCircuit</c> then <c>UpdateRootComponents</c>.
/// It acknowledges every render batch (un-acknowledged batches throttle the circuit, as a slow browser would) and
/// answers every JavaScript call: an import or any call that returns an object gets a fresh JS object reference, the
/// rest complete with no value. Nothing is drawn; the server does all the work it does for a real tab.
/// </summary>
public sealed class CircuitClient : IAsyncDisposable
{
    // DotNet.JSCallResultType: what the .NET side expects back from a JS call.
    private const int JSObjectReferenceResult = 1;

    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly PrerenderedPage _page;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _batches;
    private long _batchBytes;
    private long _jsCalls;
    private long _nextObjectId;
    private bool _disposed;

    private CircuitClient(HttpClient http, PrerenderedPage page)
    {
        _http = http;
        _page = page;
        var builder = new HubConnectionBuilder().WithUrl(new Uri(page.BaseUri, "_blazor"), HttpTransportType.WebSockets);
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        _connection = builder.Build();
        _connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], OnRenderBatchAsync);
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType) as .NET 10 sends them.
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        _connection.On("JS.Error", [typeof(string)], args =>
        {
            End("the circuit failed on the server: " + args[0]);
            return Task.CompletedTask;
        });
        _connection.Closed += error =>
        {
            End(error is null ? "the server closed the connection" : "the connection closed: " + error.Message);
            return Task.CompletedTask;
        };
    }

    /// <summary>The page this circuit shows.</summary>
    public Uri Page => _page.Uri;

    /// <summary>The circuit id the server returned (its reconnection secret).</summary>
    public string? CircuitId { get; private set; }

    /// <summary>Render batches received (and acknowledged).</summary>
    public long RenderBatches => Interlocked.Read(ref _batches);

    /// <summary>Bytes of render batches received.</summary>
    public long RenderBatchBytes => Interlocked.Read(ref _batchBytes);

    /// <summary>JavaScript calls the circuit made (chart module import, chart creation, redraws) and got answered.</summary>
    public long JSCalls => Interlocked.Read(ref _jsCalls);

    /// <summary>Why the circuit is no longer live, or null while it is.</summary>
    public string? Failure => _ended.Task.IsCompleted ? _ended.Task.Result : null;

    /// <summary>Completes with the reason when the circuit errors or its connection closes.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Whether the connection is up and the circuit has not failed.</summary>
    public bool IsLive => Failure is null && _connection.State == HubConnectionState.Connected;

    /// <summary>Loads <paramref name="page"/> and opens its circuit; throws <see cref="CircuitException"/> when it cannot.</summary>
    public static async Task<CircuitClient> OpenAsync(HttpClient http, Uri page, CancellationToken cancellationToken)
    {
        var prerendered = await PrerenderedPage.LoadAsync(http, page, cancellationToken);
        var client = new CircuitClient(http, prerendered);
        try
        {
            await client.StartAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ended.TrySetResult("closed by the client");
        await _connection.DisposeAsync();
        if (CircuitId is not null)
        {
            // What a tab does when it is closed: the server disposes the circuit now instead of keeping it for a reconnection.
            using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", CircuitId)]);
            try
            {
                using var response = await _http.PostAsync(new Uri(_page.BaseUri, "_blazor/disconnect"), form);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The host is gone already; so is the circuit.
            }
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.StartAsync(cancellationToken);
            CircuitId = await _connection.InvokeAsync<string?>(
                "StartCircuit", _page.BaseUri.ToString(), _page.Uri.ToString(), "[]", _page.ApplicationState, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or IOException)
        {
            throw new CircuitException($"{_page.Uri}: could not connect to {new Uri(_page.BaseUri, "_blazor")}: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(CircuitId))
        {
            throw new CircuitException($"{_page.Uri}: the server refused to start a circuit" + (Failure is { } why ? $" ({why})." : "."));
        }

        // The page's components become interactive: the browser's first root-component batch, with the persisted state.
        await _connection.SendAsync("UpdateRootComponents", _page.AddOperations(), _page.ApplicationState, cancellationToken);
    }

    private async Task OnRenderBatchAsync(object?[] args)
    {
        var batchId = (long)args[0]!;
        Interlocked.Add(ref _batchBytes, ((byte[]?)args[1])?.Length ?? 0);
        Interlocked.Increment(ref _batches);
        await SendQuietlyAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var asyncHandle = (long)args[0]!;
        var resultType = (int)args[3]!;
        Interlocked.Increment(ref _jsCalls);
        if (asyncHandle == 0)
        {
            return; // fire and forget: the .NET side waits for no answer
        }

        var result = resultType == JSObjectReferenceResult
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextObjectId)}}}")
            : "null";
        await SendQuietlyAsync("EndInvokeJSFromDotNet", asyncHandle, true, string.Create(CultureInfo.InvariantCulture, $"[{asyncHandle},true,{result}]"));
    }

    /// <summary>Sends an answer; a connection that went away meanwhile is reported through <see cref="Ended"/>, not thrown.</summary>
    private async Task SendQuietlyAsync(string method, params object?[] args)
    {
        try
        {
            await _connection.SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            End($"could not answer {method}: {ex.Message}");
        }
    }

    private void End(string reason) => _ended.TrySetResult(reason);
}
