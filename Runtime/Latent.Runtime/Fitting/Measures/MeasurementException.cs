namespace Latent.Runtime.Fitting.Measures;

/// <summary>A structure's property cannot be measured at these parameters (no minimum in the scan, no zero-stress
/// lattice constant, an unstable crystal): at the starting values the targets cannot be fitted; during the fit the
/// step is rejected.</summary>
public sealed class MeasurementException(string message) : Exception(message);
