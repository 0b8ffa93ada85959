namespace Latent.Runtime.Dynamics;

/// <summary>One evaluation of a relaxation, before the step it leads to.</summary>
/// <param name="Step">Steps taken so far (0 is the starting structure).</param>
/// <param name="Energy">Free energy A (eV), the energy the forces derive from.</param>
/// <param name="Fmax">Largest force on a free atom (eV/Å).</param>
/// <param name="CellFmax">Largest row of the cell's generalised force V·|σ + p·I|/cell factor (eV/Å); 0 when the cell is fixed.</param>
/// <param name="Volume">Cell volume (Å³); 0 for a cluster.</param>
public readonly record struct RelaxStep(int Step, double Energy, double Fmax, double CellFmax, double Volume);
