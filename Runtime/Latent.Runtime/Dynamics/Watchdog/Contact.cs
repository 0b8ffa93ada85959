namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>Two atoms closer than their pair's limit (<see cref="ContactLimits.Closest"/>).</summary>
/// <param name="I">One atom's index.</param>
/// <param name="J">The other's.</param>
/// <param name="Distance">Their distance (Å), the nearest image in a periodic cell.</param>
/// <param name="Limit">The closest they may come (Å).</param>
public readonly record struct Contact(int I, int J, double Distance, double Limit);
