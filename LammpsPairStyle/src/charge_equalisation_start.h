// A start for the weight solver from charge equalisation (QEq), a port of the .NET engine's ChargeEqualisationStart
// (Runtime/Latent.Runtime/Engine/Solver/ChargeEqualisationStart.cs): each atom's energy as a parabola through its
// neutral, cation and anion states (chi = (E+ - E-)/2, J = E+ + E- - 2 E0), point charges interacting through the
// long-range kernel, and sum q = Q; its charge pattern is mapped onto weights. Near an ionic-covalent crossing the
// free energy has an ionic and a neutral minimum and the anneal follows whichever branch it starts on; starting
// here as well finds the ionic one where it is lower. A dense solve over the whole system, so small systems only
// (GlobalAtoms::MAX_ATOMS); every rank solves the same equations and keeps its own atoms' weights.
#ifndef LATENT_CHARGE_EQUALISATION_START_H
#define LATENT_CHARGE_EQUALISATION_START_H

#include <vector>

#include "global_atoms.h"

namespace latent {

class ChargeEqualisationStart {
 public:
  /// Writes the start's weights of the owned atoms (nlocal * stride); false when there is none: fewer than two
  /// atoms, atoms not gathered (too many), or equations without a solution.
  bool weights(const EnsembleSystem &system, const GlobalAtoms &atoms, double total_charge, double *weights);

 private:
  std::vector<double> local_, coulomb_, matrix_, rhs_, chi_, hardness_;
};

}  // namespace latent

#endif
