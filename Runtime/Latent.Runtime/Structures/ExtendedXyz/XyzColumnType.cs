namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>The type letter of a per-atom column in <c>Properties=</c>.</summary>
public enum XyzColumnType
{
    /// <summary><c>R</c>: real numbers (<see cref="double"/>).</summary>
    Real,

    /// <summary><c>I</c>: integers (<see cref="int"/>).</summary>
    Integer,

    /// <summary><c>S</c>: strings without whitespace.</summary>
    String,

    /// <summary><c>L</c>: logicals written T or F.</summary>
    Logical,
}
