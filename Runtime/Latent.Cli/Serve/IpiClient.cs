using Latent.Cli.Output;

namespace Latent.Cli.Serve;

/// <summary>
/// The client side of the i-PI protocol: answers STATUS with NEEDINIT (before INIT), READY or HAVEDATA,
/// takes INIT, POSDATA and GETFORCE, and ends on EXIT or when the server closes the connection (ASE's
/// SocketIOCalculator closes instead of sending EXIT). After FORCEREADY it is READY again, as i-PI's own
/// drivers are, so a server sends INIT once. A server that skips INIT (some do) may send POSDATA at once.
/// </summary>
public sealed class IpiClient
{
    private const string Status = "STATUS", Init = "INIT", PosData = "POSDATA", GetForce = "GETFORCE", Exit = "EXIT";

    /// <summary>The longest INIT string taken (i-PI sends a few parameters; this bounds a garbled length).</summary>
    private const int MaxInitBytes = 1 << 20;

    private readonly IpiConnection connection;
    private readonly IpiForceField forceField;
    private readonly double[] cell = new double[9];
    private readonly double[] inverse = new double[9];
    private readonly double[] positions;
    private bool initialised;
    private bool haveData;

    public IpiClient(IpiConnection connection, IpiForceField forceField)
    {
        this.connection = connection;
        this.forceField = forceField;
        positions = new double[3 * forceField.Count];
    }

    /// <summary>Requests answered with FORCEREADY so far.</summary>
    public int Answered { get; private set; }

    /// <summary>Serves requests until EXIT or until the server closes the connection.</summary>
    /// <exception cref="UserError">A header that is not one of the protocol's, a message cut short or of the wrong size, or GETFORCE before any POSDATA.</exception>
    public void Run()
    {
        while (true)
        {
            var header = connection.ReadHeader();
            switch (header)
            {
                case null or Exit:
                    return;
                case Status:
                    connection.WriteHeader(!initialised ? "NEEDINIT" : haveData ? "HAVEDATA" : "READY");
                    if (!connection.Flush())
                        return;
                    break;
                case Init:
                    ReadInit();
                    initialised = true;
                    haveData = false;
                    break;
                case PosData:
                    ReadPositions();
                    forceField.Evaluate(cell, positions);
                    initialised = true;
                    haveData = true;
                    break;
                case GetForce:
                    if (!haveData)
                        throw new UserError("the i-PI server asked for forces (GETFORCE) before sending positions (POSDATA)");
                    SendForces();
                    haveData = false;
                    Answered++;
                    if (!connection.Flush())
                        return;
                    break;
                default:
                    throw new UserError($"the i-PI server sent '{header}', which is not a message of the protocol (STATUS, INIT, POSDATA, GETFORCE or EXIT)");
            }
        }
    }

    private void ReadInit()
    {
        connection.ReadInt32(Init); // the bead (replica) index: one structure is served whichever it is
        var length = connection.ReadInt32(Init);
        if (length is < 0 or > MaxInitBytes)
            throw new UserError($"the i-PI server's INIT announces {length} bytes of initialisation string (0 to {MaxInitBytes} expected)");
        // Latent needs nothing from it: the potential and the structure come from the command line.
        connection.Skip(length, Init);
    }

    private void ReadPositions()
    {
        connection.ReadDoubles(cell, PosData);
        connection.ReadDoubles(inverse, PosData);
        var atoms = connection.ReadInt32(PosData);
        if (atoms != forceField.Count)
            throw new UserError($"the i-PI server sent positions of {atoms} atoms, but the structure served has {forceField.Count} "
                + "(i-PI carries no species: start one latent serve per structure)");
        connection.ReadDoubles(positions, PosData);
        foreach (var value in cell)
        {
            if (!double.IsFinite(value))
                throw new UserError("the i-PI server sent a cell with a number that is not finite");
        }

        for (var k = 0; k < positions.Length; k++)
        {
            if (!double.IsFinite(positions[k]))
                throw new UserError($"the i-PI server sent a position of atom {k / 3} that is not finite");
        }
    }

    private void SendForces()
    {
        connection.WriteHeader("FORCEREADY");
        connection.WriteDouble(forceField.Energy);
        connection.WriteInt32(forceField.Count);
        connection.WriteDoubles(forceField.Forces);
        connection.WriteDoubles(forceField.Virial);
        var extras = forceField.Extras;
        connection.WriteInt32(extras.Length);
        connection.WriteBytes(extras);
    }
}
