namespace Latent.Runtime.Validation;

/// <summary>A low-index face of a face-centred cubic crystal, the plane its <see cref="FccLayers"/> are stacked normal to.</summary>
public enum FccFace
{
    /// <summary>(100): square layers of two atoms per conventional cell face, a/2 apart, stacked ABAB.</summary>
    Face100,

    /// <summary>(111): close-packed triangular layers a/√3 apart, stacked ABCABC.</summary>
    Face111,
}
