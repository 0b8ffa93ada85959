using System.Runtime.InteropServices;
using Latent.Cli.Output;

namespace Latent.Cli.Safety;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation, so a run finishes its current step, writes its last frame
/// and its restart state, and exits with 130 or 143 as a shell expects. A second signal is not caught: it
/// ends the process at once, for a run that does not come back.
/// </summary>
public sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private int caught;

    public SignalStop()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The signal caught, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>128 + the signal's number: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;

    /// <summary>"SIGINT" or "SIGTERM".</summary>
    public string Name => Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref caught, 1) == 1)
        {
            return;
        }

        context.Cancel = true;
        Signal = context.Signal;
        source.Cancel();
    }
}
