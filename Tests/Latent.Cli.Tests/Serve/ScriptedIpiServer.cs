using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Latent.Cli.Tests.Serve;

/// <summary>
/// The server side of i-PI written out by hand for the tests: it listens on a free loopback port, runs
/// <c>latent serve</c> in process against it, and lets a test send each message and read each answer in order.
/// </summary>
public sealed class ScriptedIpiServer : IDisposable
{
    /// <summary>Seconds within which latent serve must finish after the script ends: a hang fails the test.</summary>
    public const int FinishSeconds = 30;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private Socket? client;
    private Task<CliRun>? run;

    public ScriptedIpiServer() => listener.Start();

    /// <summary>The --ipi address of this server.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Starts <c>latent serve</c> with these arguments (the address is added) and accepts its connection.</summary>
    public void Start(params string[] args)
    {
        run = Task.Run(() => CliRun.Of([.. args, "--ipi", Address]));
        var accept = listener.AcceptSocketAsync();
        Assert.True(Task.WaitAny([accept, run], TimeSpan.FromSeconds(FinishSeconds)) == 0,
            run.IsCompleted ? $"latent serve ended before connecting: {run.Result.Stderr}" : "latent serve did not connect");
        client = accept.Result;
        client.ReceiveTimeout = FinishSeconds * 1000;
    }

    /// <summary>The outcome of latent serve, which must come within <see cref="FinishSeconds"/>.</summary>
    public CliRun Finish()
    {
        Assert.True(run!.Wait(TimeSpan.FromSeconds(FinishSeconds)), $"latent serve still runs {FinishSeconds} s after the script ended");
        return run.Result;
    }

    public void Send(ReadOnlySpan<byte> bytes) => client!.Send(bytes);

    public void Header(string name) => Send(Encoding.ASCII.GetBytes(name.PadRight(12)));

    public void Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Send(bytes);
    }

    public void Doubles(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (var k = 0; k < values.Length; k++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), values[k]);
        Send(bytes);
    }

    /// <summary>POSDATA: the cell's 9 numbers (columns are the lattice vectors), its inverse, the atom count and the positions, in Bohr.</summary>
    public void PosData(double[] cell, double[] positions)
    {
        Header("POSDATA");
        Doubles(cell);
        Doubles(new double[9]); // the inverse: latent serve does not need it
        Int32(positions.Length / 3);
        Doubles(positions);
    }

    /// <summary>Sends STATUS and returns the answer without its padding.</summary>
    public string Status()
    {
        Header("STATUS");
        return ReadHeader();
    }

    public string ReadHeader() => Encoding.ASCII.GetString(Receive(12)).TrimEnd(' ');

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Receive(4));

    public double[] ReadDoubles(int count)
    {
        var bytes = Receive(8 * count);
        return Enumerable.Range(0, count).Select(k => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * k))).ToArray();
    }

    public byte[] Receive(int count)
    {
        var bytes = new byte[count];
        var got = 0;
        while (got < count)
        {
            var n = client!.Receive(bytes, got, count - got, SocketFlags.None);
            Assert.True(n > 0, $"latent serve closed the connection after {got} of {count} bytes");
            got += n;
        }

        return bytes;
    }

    /// <summary>Closes the connection, as ASE does instead of sending EXIT.</summary>
    public void Close() => client?.Close();

    public void Dispose()
    {
        client?.Dispose();
        listener.Stop();
        run?.Wait(TimeSpan.FromSeconds(FinishSeconds));
    }
}
