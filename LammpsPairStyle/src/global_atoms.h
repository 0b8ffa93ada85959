// Every atom of a small system, on every rank, in one order: the starts of a cold solve that look at the system
// as a whole (every integer charge pattern, charge equalisation) need each atom's element and a place in one
// matrix, independent of how LAMMPS divides the atoms over ranks. The order is by atom ID, which is the order of
// the data file and of the structure `latent eval` reads, so patterns are tried in the .NET engine's order.
#ifndef LATENT_GLOBAL_ATOMS_H
#define LATENT_GLOBAL_ATOMS_H

#include <vector>

#include "ensemble_system.h"

namespace latent {

class GlobalAtoms {
 public:
  /// Most atoms gathered: beyond, a whole-system start costs more than it can save (the .NET engine's charge-
  /// equalisation limit), and neither whole-system start is tried.
  static constexpr int MAX_ATOMS = 1500;

  /// Gathers the IDs and elements of the owned atoms of every rank (`ids` of owned and ghost atoms, as bound to
  /// `system`). False, with nothing gathered, when the system has more than MAX_ATOMS atoms.
  bool gather(const EnsembleSystem &system, const long long *ids);
  /// Whether the last gather succeeded.
  bool available() const { return available_; }
  int count() const { return static_cast<int>(ids_.size()); }
  /// The element of atom g in ID order.
  int element(int g) const { return elements_[g]; }
  /// The place in ID order of the rank's owned or ghost atom i (a ghost has its owner's place).
  int index_of(int i) const { return index_of_[i]; }
  /// index_of of every owned and ghost atom.
  const int *indices() const { return index_of_.data(); }
  /// Whether the atoms' elements in ID order differ from those of the gather before: what a pattern count depends on.
  bool changed() const { return changed_; }

 private:
  bool available_ = false;
  bool changed_ = true;
  std::vector<long long> ids_;  // sorted
  std::vector<int> elements_;   // in ID order
  std::vector<int> previous_elements_;
  std::vector<int> index_of_;   // per owned and ghost atom
  std::vector<long long> send_, receive_;
  std::vector<int> counts_, offsets_, order_;
};

}  // namespace latent

#endif
