namespace Latent.Cli.Bench.Lammps;

/// <summary>A LAMMPS run that failed or printed no timing; the message carries LAMMPS's last ERROR line.</summary>
internal sealed class LammpsException(string message) : Exception(message);
