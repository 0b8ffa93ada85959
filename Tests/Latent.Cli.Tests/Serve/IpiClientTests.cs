using System.Text;
using System.Text.Json;
using Latent.Cli.Serve;

namespace Latent.Cli.Tests.Serve;

/// <summary>
/// <c>latent serve --ipi</c> against a server scripted message by message: the answers in the protocol's
/// order and units, the end on EXIT or on a closed socket, and one clear error (never a hang) for a server that
/// breaks the protocol.
/// </summary>
public sealed class IpiClientTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static double[] InBohr(IEnumerable<double> angstroms) => angstroms.Select(x => x / IpiUnits.Bohr).ToArray();

    /// <summary>x y z of every atom of an extended XYZ text whose rows are "symbol x y z".</summary>
    private static double[] Positions(string xyz) =>
        xyz.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .SelectMany(line => line.Split(' ').Skip(1).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    private JsonElement Eval(string path)
    {
        var run = CliRun.Of("eval", path, "--potential", "NaCl", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    [Fact]
    public void EveryMessageInOrderGivesTheEngineResultInAtomicUnitsAndExitEndsIt()
    {
        var text = Structures.NaClCluster();
        var path = temp.Write("cluster.extxyz", text);
        var positions = Positions(text);
        var expected = Eval(path);

        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl");
        Assert.Equal("NEEDINIT", server.Status());
        server.Header("INIT");
        server.Int32(0);
        server.Int32(1);
        server.Send([0]);
        Assert.Equal("READY", server.Status());
        server.PosData(new double[9], InBohr(positions)); // a cluster: ASE sends a zero cell
        Assert.Equal("HAVEDATA", server.Status());
        server.Header("GETFORCE");
        Assert.Equal("FORCEREADY", server.ReadHeader());
        var energy = server.ReadDoubles(1)[0];
        Assert.Equal(8, server.ReadInt32());
        var forces = server.ReadDoubles(24);
        var virial = server.ReadDoubles(9);
        Assert.Equal(1, server.ReadInt32());
        Assert.Equal([0], server.Receive(1)); // --extras none: the one zero byte ASE's own client sends

        Assert.Equal(expected.GetProperty("energy").GetDouble(), energy * IpiUnits.Hartree, 1e-12);
        var expectedForces = expected.GetProperty("forces").EnumerateArray().SelectMany(f => f.EnumerateArray().Select(c => c.GetDouble())).ToArray();
        for (var k = 0; k < 24; k++)
            Assert.Equal(expectedForces[k], forces[k] * IpiUnits.Hartree / IpiUnits.Bohr, 1e-12);
        Assert.All(virial, v => Assert.Equal(0.0, v)); // no stress for a cluster

        // Ready for the next geometry without another INIT, and it is computed afresh.
        Assert.Equal("READY", server.Status());
        positions[0] += 0.05;
        server.PosData(new double[9], InBohr(positions));
        Assert.Equal("HAVEDATA", server.Status());
        server.Header("GETFORCE");
        Assert.Equal("FORCEREADY", server.ReadHeader());
        var moved = server.ReadDoubles(1)[0];
        Assert.NotEqual(energy, moved);
        server.Receive(4 + 8 * 24 + 8 * 9 + 4 + 1);

        server.Header("EXIT");
        var run = server.Finish();
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("after 2 force calls", run.Stderr);
    }

    [Fact]
    public void PeriodicCellGivesTheVirialAndJsonExtrasAndAClosedSocketEndsItCleanly()
    {
        var text = Structures.RockSaltCell();
        var path = temp.Write("cell.extxyz", text);
        var expected = Eval(path);
        var a = 2 * Structures.NaClDistance / IpiUnits.Bohr;

        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl", "--extras", "json", "--threads", "1");
        Assert.Equal("NEEDINIT", server.Status());
        // No INIT: some servers send the positions at once.
        server.PosData([a, 0, 0, 0, a, 0, 0, 0, a], InBohr(Positions(text)));
        server.Header("GETFORCE");
        Assert.Equal("FORCEREADY", server.ReadHeader());
        var energy = server.ReadDoubles(1)[0];
        server.ReadInt32();
        server.ReadDoubles(24);
        var virial = server.ReadDoubles(9);
        var extras = JsonDocument.Parse(Encoding.UTF8.GetString(server.Receive(server.ReadInt32()))).RootElement;

        var volume = Math.Pow(2 * Structures.NaClDistance, 3);
        var stress = expected.GetProperty("stress").EnumerateArray().Select(s => s.GetDouble()).ToArray();
        Assert.NotEqual(0.0, stress[0]);
        // −σV in Hartree: the diagonal is xx yy zz, the off-diagonal yz xz xy.
        int[] voigt = [0, 5, 4, 5, 1, 3, 4, 3, 2];
        for (var k = 0; k < 9; k++)
            Assert.Equal(-stress[voigt[k]] * volume, virial[k] * IpiUnits.Hartree, 1e-12);
        Assert.Equal(expected.GetProperty("energy").GetDouble(), energy * IpiUnits.Hartree, 1e-12);
        Assert.Equal(expected.GetProperty("energy").GetDouble(), extras.GetProperty("A").GetDouble());
        Assert.Equal(expected.GetProperty("internal_energy").GetDouble(), extras.GetProperty("E").GetDouble());
        Assert.Equal(expected.GetProperty("charges").EnumerateArray().Select(q => q.GetDouble()), extras.GetProperty("charges").EnumerateArray().Select(q => q.GetDouble()));
        Assert.Equal(expected.GetProperty("energy").GetDouble(), extras.GetProperty("energies").EnumerateArray().Sum(e => e.GetDouble()), 1e-9);
        Assert.Equal(8, extras.GetProperty("weights").GetArrayLength());

        server.Close();
        var run = server.Finish();
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void ServerClosingBeforeAnyMessageEndsItCleanly()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl");
        server.Close();
        var run = server.Finish();
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("after 0 force calls", run.Stderr);
    }

    [Theory]
    [InlineData("status      ", "malformed header \"status      \"")]
    [InlineData("STATUS\0\0\0\0\0\0", "malformed header \"STATUS\\x00")]
    [InlineData("HELLO       ", "sent 'HELLO', which is not a message of the protocol")]
    [InlineData("GETFORCE    ", "before sending positions (POSDATA)")]
    public void BadHeaderIsOneClearErrorWithExitTwo(string header, string fragment)
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl");
        server.Send(Encoding.ASCII.GetBytes(header));
        var run = server.Finish();
        run.AssertUserError(fragment);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MessageCutShortIsAnErrorAfterTheTimeoutNotAHang()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl", "--timeout", "0.5");
        server.Header("POSDATA");
        server.Doubles(1, 2, 3); // 3 of the 9 numbers of the cell, and then nothing while the socket stays open
        var run = server.Finish();
        run.AssertUserError("stopped in the middle of POSDATA: nothing came for 0.5 s (--timeout)");
    }

    [Fact]
    public void WrongAtomCountIsAClearError()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl");
        server.Header("POSDATA");
        server.Doubles(new double[18]);
        server.Int32(5);
        var run = server.Finish();
        run.AssertUserError("positions of 5 atoms, but the structure served has 8");
    }

    [Fact]
    public void AtomsOnTopOfEachOtherEndItWithTheEngineMessage()
    {
        var text = Structures.NaClCluster();
        var path = temp.Write("cluster.extxyz", text);
        var positions = Positions(text);
        (positions[3], positions[4], positions[5]) = (positions[0], positions[1], positions[2]);
        using var server = new ScriptedIpiServer();
        server.Start("serve", path, "--potential", "NaCl");
        server.PosData(new double[9], InBohr(positions));
        var run = server.Finish();
        run.AssertUserError("atoms 0 (Na) and 1 (Cl) are on top of each other");
    }

    [Fact]
    public void MissingServerAndBadAddressAreUserErrors()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        CliRun.Of("serve", path, "--potential", "NaCl", "--ipi", "unix:latent-test-" + Guid.NewGuid().ToString("N"))
            .AssertUserError("cannot connect to an i-PI server there");
        CliRun.Of("serve", path, "--potential", "NaCl", "--ipi", "localhost").AssertUserError("give host:port");
        CliRun.Of("serve", path, "--potential", "NaCl", "--ipi", "localhost:1", "--threads", "0").AssertUserError("--threads must be 1 or more");
    }
}
