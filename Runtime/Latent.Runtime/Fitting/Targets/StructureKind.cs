namespace Latent.Runtime.Fitting.Targets;

/// <summary>What a targets file's structure is: built in from its elements and a lattice constant, or read from a file.</summary>
public enum StructureKind
{
    /// <summary>An isolated A–B molecule (A at the origin, B on the x axis).</summary>
    Dimer,

    /// <summary>The rock-salt crystal of a cation and an anion (conventional cell, 8 atoms).</summary>
    RockSalt,

    /// <summary>A face-centred cubic element (conventional cell, 4 atoms).</summary>
    Fcc,

    /// <summary>A body-centred cubic element (conventional cell, 2 atoms).</summary>
    Bcc,

    /// <summary>A configuration from an extended XYZ file, evaluated where it stands.</summary>
    File,
}
