namespace Latent.Runtime.Dynamics;

/// <summary>
/// One thermo line of a molecular-dynamics run. The conserved quantity of NVE is
/// <see cref="Total"/> = free energy A + kinetic energy, because forces are −∂A/∂R.
/// </summary>
/// <param name="Step">Step number (0 is the starting state).</param>
/// <param name="Time">Simulated time (fs).</param>
/// <param name="Potential">Free energy A (eV).</param>
/// <param name="Kinetic">Kinetic energy (eV).</param>
/// <param name="Total">A + kinetic (eV).</param>
/// <param name="Temperature">Kinetic temperature (K) over the integrator's degrees of freedom.</param>
/// <param name="MaxChargeChange">max_i |q_i(t) − q_i(t − dt)| (e): how far the latent charges moved in the last step (0 at step 0).</param>
/// <param name="SolverIterations">Self-consistency iterations the latent-weight solve of this step took.</param>
public readonly record struct MdStep(int Step, double Time, double Potential, double Kinetic, double Total, double Temperature, double MaxChargeChange, int SolverIterations);
