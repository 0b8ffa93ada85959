#include "global_atoms.h"

#include <algorithm>
#include <string>

#include "optimal_damping.h"

namespace latent {

bool GlobalAtoms::gather(const EnsembleSystem &system, const long long *ids) {
  available_ = false;
  if (system.global_count() > MAX_ATOMS) {
    changed_ = true;
    previous_elements_.clear();
    return false;
  }
  MPI_Comm world = system.world();
  int ranks = 1;
  MPI_Comm_size(world, &ranks);
  const int nlocal = system.local_count();
  // Pairs (ID, element) of the owned atoms, then everybody's.
  send_.resize(2 * static_cast<std::size_t>(nlocal));
  for (int i = 0; i < nlocal; i++) {
    send_[2 * i] = ids[i];
    send_[2 * i + 1] = system.element_of(i);
  }
  counts_.assign(ranks, 0);
  offsets_.assign(ranks, 0);
  const int mine = 2 * nlocal;
  MPI_Allgather(&mine, 1, MPI_INT, counts_.data(), 1, MPI_INT, world);
  int total = 0;
  for (int r = 0; r < ranks; r++) {
    offsets_[r] = total;
    total += counts_[r];
  }
  receive_.resize(total);
  MPI_Allgatherv(send_.data(), mine, MPI_LONG_LONG, receive_.data(), counts_.data(), offsets_.data(), MPI_LONG_LONG, world);
  const int n = total / 2;
  order_.resize(n);
  for (int k = 0; k < n; k++) order_[k] = k;
  std::sort(order_.begin(), order_.end(), [&](int a, int b) { return receive_[2 * a] < receive_[2 * b]; });
  ids_.resize(n);
  elements_.resize(n);
  for (int g = 0; g < n; g++) {
    ids_[g] = receive_[2 * order_[g]];
    elements_[g] = static_cast<int>(receive_[2 * order_[g] + 1]);
    if (g > 0 && ids_[g] == ids_[g - 1]) throw SolveError("two atoms share ID " + std::to_string(ids_[g]) + ": pair_style latent needs unique atom IDs");
  }
  changed_ = elements_ != previous_elements_;
  previous_elements_ = elements_;
  // Owned and ghost atoms: a ghost is an image of an owned atom and carries its ID.
  const int nall = system.all_count();
  index_of_.resize(nall);
  for (int i = 0; i < nall; i++) {
    const auto at = std::lower_bound(ids_.begin(), ids_.end(), ids[i]);
    if (at == ids_.end() || *at != ids[i]) throw SolveError("a ghost atom's ID " + std::to_string(ids[i]) + " belongs to no owned atom");
    index_of_[i] = static_cast<int>(at - ids_.begin());
  }
  available_ = true;
  return true;
}

}  // namespace latent
