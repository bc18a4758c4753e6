using System.Net;
using System.Net.Sockets;

namespace Storefront.Platform832.Tests.Client;

/// <summary>
/// A TCP proxy in front of the simulator that can lose an answer: with <see cref="DropNextAnswer"/> set, the next
/// request it forwards reaches the platform (which applies it and records its nonce), and the client's connection is
/// then reset before any byte of the answer, as a network fault or a load balancer does. Unlike an aborted request in
/// Kestrel, this is what makes .NET's handler resend a request by itself on a kept-alive connection.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private int _dropNext;

    public DroppingProxy(Uri upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void DropNextAnswer() => Interlocked.Exchange(ref _dropNext, 1);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            var toUpstream = PumpAsync(down, up, onData: null);
            var toClient = PumpAsync(up, down, onData: () =>
            {
                // The platform has answered: drop the client's connection instead of passing the answer on.
                if (Interlocked.Exchange(ref _dropNext, 0) == 0) return false;
                client.Client.LingerState = new LingerOption(true, 0);
                client.Close();
                return true;
            });
            await Task.WhenAny(toUpstream, toClient);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(Stream from, Stream to, Func<bool>? onData)
    {
        var buffer = new byte[16384];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            if (onData?.Invoke() == true) return;
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
