namespace Latent.Cli.Demo;

/// <summary>Where an ion of a cube sits, by how many of the cube's faces it lies on (0 to 3), so the cast is the count.</summary>
public enum CubeSite
{
    Interior = 0,
    Face = 1,
    Edge = 2,
    Corner = 3,
}
