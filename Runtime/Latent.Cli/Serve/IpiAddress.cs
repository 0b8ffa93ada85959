using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Latent.Cli.Output;

namespace Latent.Cli.Serve;

/// <summary>
/// Where the i-PI server listens: <c>host:port</c> (TCP) or <c>unix:NAME</c>, the UNIX socket
/// <c>/tmp/ipi_NAME</c> as ASE and i-PI name it.
/// </summary>
public sealed record IpiAddress(EndPoint EndPoint, string Text)
{
    /// <summary>The folder and prefix of i-PI's UNIX sockets.</summary>
    public const string UnixPrefix = "/tmp/ipi_";

    /// <exception cref="UserError">Neither form, a port outside 1–65535, or an empty name.</exception>
    public static IpiAddress Parse(string text)
    {
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var name = text["unix:".Length..];
            if (name.Length == 0 || name.Contains('/'))
                throw new UserError($"--ipi {text}: a UNIX socket is unix:NAME, a name without '/' (it becomes {UnixPrefix}NAME)");
            return new IpiAddress(new UnixDomainSocketEndPoint(UnixPrefix + name), UnixPrefix + name);
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new UserError($"--ipi {text}: give host:port (a port from 1 to 65535, e.g. localhost:31415) or unix:NAME");
        var host = text[..colon];
        var endPoint = IPAddress.TryParse(host, out var ip) ? (EndPoint)new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        return new IpiAddress(endPoint, text);
    }

    /// <summary>Connects to the server (which must already listen: ASE and i-PI bind before they start a client).</summary>
    /// <exception cref="UserError">Nothing listens there, or the host is unknown.</exception>
    public Socket Connect()
    {
        var socket = EndPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(EndPoint);
            if (socket.ProtocolType == ProtocolType.Tcp)
                socket.NoDelay = true; // one small message per reply: waiting to batch them only adds latency
            return socket;
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new UserError($"--ipi {Text}: cannot connect to an i-PI server there: {error.Message} (start the server first)");
        }
    }
}
