using System.Net.Sockets;
using System.Text;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tests.Cli;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serve;

/// <summary><c>hebb serve</c> as a real process and a signal: it stops accepting connections, answers the request in
/// flight, and exits 0 within 5 s.</summary>
public sealed class ShutdownTests
{
    [Theory]
    [InlineData(2)]    // SIGINT
    [InlineData(15)]   // SIGTERM
    public async Task ASignalFinishesTheRequestInFlightThenExitsZero(int signal)
    {
        using var folder = new TemporaryFolder();
        string model = folder.PathOf("model.safetensors");
        ModelFile.Save(model, Mlp.Note());
        using var process = HebbProcess.Start("serve", model, "--port", "0");
        string? url = null;
        Assert.True(process.WaitForLine(line => (url = Url(line)) is not null, TimeSpan.FromSeconds(30)), string.Join('\n', process.Errors));
        var address = new Uri(url!);

        // Half a request: its headers and half its body, the rest sent after the signal.
        byte[] body = Encoding.UTF8.GetBytes(ServedFolder.Body(ServedFolder.Digits(1)));
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/predict HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await Task.Delay(300);

        var signalled = DateTime.UtcNow;
        process.Signal(signal);
        await Task.Delay(500);
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var late = new TcpClient();
            await late.ConnectAsync(address.Host, address.Port);
        });

        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        var answer = new StringBuilder();
        var buffer = new byte[65536];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        Assert.StartsWith("HTTP/1.1 200", answer.ToString());
        Assert.Contains("\"predictions\":[{\"class\":", answer.ToString());

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(5)), "still running 5 s after the signal");
        Assert.True(DateTime.UtcNow - signalled < TimeSpan.FromSeconds(5));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("hebb serve: stopped", process.Output);
    }

    private static string? Url(string line)
    {
        int start = line.IndexOf("http://", StringComparison.Ordinal);
        return start < 0 ? null : line[start..line.IndexOf('/', start + "http://".Length)] + "/";
    }
}
