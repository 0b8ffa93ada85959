using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Latent.Cli.Output;

namespace Latent.Cli.Serve;

/// <summary>
/// The framing of the i-PI protocol on one socket: 12-byte ASCII headers padded with spaces, little-endian
/// int32 and float64. Waiting for the next header has no time limit (a server may think for as long as it
/// likes between requests), but once a message has begun the rest of it must come within the timeout, so a
/// server that sends a short or garbled message gives an error instead of a client that waits forever.
/// </summary>
public sealed class IpiConnection : IDisposable
{
    /// <summary>Bytes in a header.</summary>
    public const int HeaderLength = 12;

    private readonly Socket socket;
    private readonly int timeoutMilliseconds;
    private readonly string peer;
    private readonly byte[] header = new byte[HeaderLength];
    private byte[] buffer = new byte[1024];
    private int pending;

    public IpiConnection(Socket socket, TimeSpan timeout, string peer)
    {
        this.socket = socket;
        timeoutMilliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        this.peer = peer;
    }

    /// <summary>The next header without its padding, or null when the server closed the connection between messages.</summary>
    /// <exception cref="UserError">Not a header (bytes other than capital letters followed by spaces), or cut short.</exception>
    public string? ReadHeader()
    {
        socket.ReceiveTimeout = 0;
        var first = Receive(header.AsSpan(0, 1), "a header");
        if (first == 0)
            return null;
        socket.ReceiveTimeout = timeoutMilliseconds;
        ReceiveExactly(header.AsSpan(1), "a header");
        var length = 0;
        while (length < HeaderLength && header[length] is >= (byte)'A' and <= (byte)'Z')
            length++;
        for (var k = length; k < HeaderLength; k++)
        {
            if (header[k] != (byte)' ' || length == 0)
                throw new UserError($"the i-PI server at {peer} sent a malformed header {Shown(header)}: a header is 12 ASCII bytes, a capitalised word padded with spaces");
        }

        return Encoding.ASCII.GetString(header, 0, length);
    }

    /// <summary>One int32 of the message <paramref name="message"/>.</summary>
    public int ReadInt32(string message)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReceiveExactly(bytes, message);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Fills <paramref name="values"/> with float64s of the message <paramref name="message"/>.</summary>
    public void ReadDoubles(Span<double> values, string message)
    {
        var bytes = Scratch(values.Length * sizeof(double));
        ReceiveExactly(bytes, message);
        for (var k = 0; k < values.Length; k++)
            values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(k * 8)..]);
    }

    /// <summary>Reads and drops <paramref name="count"/> bytes of the message <paramref name="message"/>.</summary>
    public void Skip(int count, string message)
    {
        while (count > 0)
        {
            var chunk = Math.Min(count, buffer.Length);
            ReceiveExactly(buffer.AsSpan(0, chunk), message);
            count -= chunk;
        }
    }

    /// <summary>Queues a header; <see cref="Flush"/> sends what is queued as one write.</summary>
    public void WriteHeader(string name)
    {
        var bytes = Reserve(HeaderLength);
        bytes.Fill((byte)' ');
        Encoding.ASCII.GetBytes(name, bytes);
    }

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        var bytes = Reserve(values.Length * sizeof(double));
        for (var k = 0; k < values.Length; k++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[(k * 8)..], values[k]);
    }

    public void WriteBytes(ReadOnlySpan<byte> values) => values.CopyTo(Reserve(values.Length));

    /// <summary>Sends everything queued.</summary>
    /// <returns>False when the server has closed the connection (nothing more can be said to it).</returns>
    public bool Flush()
    {
        try
        {
            var sent = 0;
            while (sent < pending)
                sent += socket.Send(buffer, sent, pending - sent, SocketFlags.None);
            return true;
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return false;
        }
        finally
        {
            pending = 0;
        }
    }

    public void Dispose() => socket.Dispose();

    private int Receive(Span<byte> bytes, string what)
    {
        try
        {
            return socket.Receive(bytes);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.TimedOut)
        {
            throw new UserError($"the i-PI server at {peer} stopped in the middle of {what}: nothing came for {timeoutMilliseconds / 1000.0:0.###} s (--timeout)");
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0; // a reset is the server going away, as a close is
        }
    }

    private void ReceiveExactly(Span<byte> bytes, string what)
    {
        var got = 0;
        while (got < bytes.Length)
        {
            var n = Receive(bytes[got..], what);
            if (n == 0)
                throw new UserError($"the i-PI server at {peer} closed the connection in the middle of {what} ({got} of {bytes.Length} bytes came)");
            got += n;
        }
    }

    private Span<byte> Scratch(int length)
    {
        if (buffer.Length < length + pending)
            Array.Resize(ref buffer, Math.Max(length + pending, 2 * buffer.Length));
        return buffer.AsSpan(pending, length);
    }

    private Span<byte> Reserve(int length)
    {
        var span = Scratch(length);
        pending += length;
        return span;
    }

    private static string Shown(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            if (b is >= 32 and < 127 and not (byte)'"' and not (byte)'\\')
                text.Append((char)b);
            else
                text.Append($"\\x{b:x2}");
        }

        return text.Append('"').ToString();
    }
}
