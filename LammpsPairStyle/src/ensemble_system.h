// One configuration of a rank's atoms (owned and ghost) under one potential, the C++ counterpart of the .NET
// engine's EnsembleSystem (Runtime/Latent.Runtime/Engine/EnsembleSystem.cs): every pair kernel and long-range
// factor is evaluated once per step (bind), then the weight solver asks for epsilon = dE/dw and the free energy
// many times at fixed positions, and forces follow at the solution. Weights are stored with a fixed stride of
// the largest state count (padding states have zero weight, charge and energy). Sums over pairs that touch ghost
// atoms reach their owners through the Exchange's reverse communication; ghost weights and embedding slopes
// arrive by forward communication; every total is summed over ranks with MPI_Allreduce.
#ifndef LATENT_ENSEMBLE_SYSTEM_H
#define LATENT_ENSEMBLE_SYSTEM_H

#include <mpi.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "long_range_coulomb.h"
#include "latent_potential.h"

namespace latent {

/// How the system reaches other ranks: the pair style implements it with LAMMPS's comm.
class Exchange {
 public:
  virtual ~Exchange() = default;
  /// Copies `stride` values per atom from owners to their ghosts (data has room for owned and ghost atoms).
  virtual void forward(double *data, int stride) = 0;
  /// Adds `stride` values per ghost atom onto its owner.
  virtual void reverse(double *data, int stride) = 0;
};

/// Per-atom parts of the free energy on the owned atoms, pairs split half and half (EnergyTerms in .NET).
struct AtomTerms {
  std::vector<double> atomic, electrostatic, pair, embedding, entropy;
  void resize(int n);
  double free_energy(int i) const { return atomic[i] + electrostatic[i] + pair[i] + embedding[i] + entropy[i]; }
};

class EnsembleSystem {
 public:
  EnsembleSystem(const PotentialDescription &potential, const LongRangeCoulomb &coulomb, MPI_Comm world, Exchange &exchange);

  /// The largest number of states of an element: the stride of every weight array.
  int stride() const { return stride_; }
  int local_count() const { return nlocal_; }
  /// Owned and ghost atoms bound.
  int all_count() const { return nall_; }
  long long global_count() const { return nglobal_; }
  int element_of(int i) const { return element_[i]; }
  int state_count(int i) const { return state_count_[element_[i]]; }
  /// Charge, log-degeneracy and energy of state a of atom i's element.
  double state_charge(int i, int a) const { return charge_[element_[i] * stride_ + a]; }
  double state_log_degeneracy(int i, int a) const { return log_degeneracy_[element_[i] * stride_ + a]; }
  const PotentialDescription &potential() const { return potential_; }
  MPI_Comm world() const { return world_; }

  /// Evaluates every kernel for the rank's pairs: `element` maps each owned and ghost atom to its element index;
  /// `neighbours(i)` of the half list (j may be a ghost), positions x. Arrays grow only when a step needs more.
  void bind(int nlocal, int nall, const int *element, double **x, int inum, const int *ilist, const int *numneigh, int **firstneigh, int neighbour_mask);

  /// epsilon_ia = dE/dw_ia of the owned atoms at the owned atoms' weights (both nlocal * stride).
  void epsilon(const double *weights, double *epsilon);
  /// The free energy A = E + theta sum w ln(w/g), summed over all ranks; per-atom terms when `terms` is given.
  double free_energy(const double *weights, double theta, AtomTerms *terms);
  /// Sum over all ranks of the charges of the weights.
  double total_charge(const double *weights) const;
  /// Charges of owned and ghost atoms at the weights of the last epsilon or free_energy.
  const double *charges() const { return charge_atom_.data(); }
  /// Largest number of outputs an embedding kernel writes.
  static constexpr int EMBEDDING_OUTPUTS_MAX = 16;
  /// Adds -dA/dR of every pair at the weights of the last epsilon or free_energy to f (owned and ghost rows);
  /// calls tally(i, j, fpair, dx, dy, dz) per pair for the virial. The positions are still those given to bind.
  template <typename Tally> void add_forces(double **f, Tally tally) const;
  /// Adds k_e g(r) of each of the rank's pairs to an n x n matrix over atoms placed by `index_of` (owned and ghost
  /// atoms; a ghost has its owner's place): both triangles, and twice on the diagonal for an atom and its own
  /// periodic image, as the .NET engine's long-range Matrix(). Summed over ranks, plus 2 k_e self_coefficient() on
  /// the diagonal, it is the point-charge Coulomb matrix of the whole system.
  void add_coulomb_matrix(const int *index_of, int n, double *matrix) const;
  /// The long-range sum's self term per unit charge squared (zero for the bare sum of a cluster).
  double self_coefficient() const { return coulomb_.self_coefficient(); }

 private:
  void intermediates(const double *weights);
  int kernel_index(int a, int b) const { return kernel_of_[a * element_count_ + b]; }
  // Room for at least n short-range pairs (and their densities once a pair has any).
  void reserve_short(std::size_t n);
  // Turns on the density records at short-range pair p: the pairs before it had none, so theirs are zero.
  void start_densities(int p);
  // The state loops for S states per element (S = 0: the stride read at run time), chosen by stride_.
  template <int S> void accumulate_field();
  template <int S> void accumulate_density();
  template <int S> void accumulate_density_slopes();
  template <int S, typename Tally> void add_short_forces(double **f, Tally &tally) const;
  template <typename Tally> void add_long_forces(double **f, Tally &tally) const;
  /// -dA/dr = slope along x_a - x_b onto both atoms, and the tally for the virial.
  template <typename Tally> void apply_pair_force(double **f, int a, int b, double slope, Tally &tally) const;

  const PotentialDescription &potential_;
  LongRangeCoulomb coulomb_;
  MPI_Comm world_;
  Exchange &exchange_;
  int element_count_;
  int stride_;
  std::vector<int> state_count_;
  std::vector<double> charge_, log_degeneracy_, energy_;  // per element * stride
  std::vector<int> kernel_of_;                            // element pair -> index into potential.pairs
  std::vector<int> embedding_of_;                         // element -> index into potential.embeddings (-1: none)
  std::vector<double> kernel_outputs_;                    // one pair kernel's outputs, reused pair after pair, then a 0
  // Per kernel, which of its outputs fills each entry of a pair's records (the zero after the outputs for the
  // padding states): C_ab (S x S), then phi' and C_ab' (1 + S x S), then the density record (4 S).
  std::vector<int> copy_plan_;
  int plan_width() const { return 2 * stride_ * stride_ + 1 + 4 * stride_; }
  bool has_densities_ = false;                            // on any rank
  bool local_densities_ = false;                          // on this rank: the density records are filled

  int nlocal_ = 0, nall_ = 0;
  double **x_ = nullptr;  // the positions of the last bind
  long long nglobal_ = 0;
  std::vector<int> element_;

  // The rank's pairs, copied at bind into records that the solver's sums and the forces stream through in pair
  // order instead of gathering them from the kernels' outputs through the layout. a is the pair's atom of the
  // lower element index (kernels are generated for element pairs a <= b). Every block has S x S entries with S
  // the stride, zero beyond an element's own states, so the loops have one fixed shape per potential.
  // Short range (inside the kernels' cutoff):
  //   field record   [g, C_ab (S x S, alpha * S + beta)]                   read by every epsilon and free energy
  //   force record   [phi', g', C_ab' (S x S)]   read once per step by the forces, which take (dx, dy, dz) and r
  //                                               from the positions again rather than streaming four more numbers
  //   density record [at A (S), at B (S), their r-derivatives (S, S)]       only where a kernel gives a density
  // Long range only (beyond it, inside the Coulomb cutoff): [g, g'].
  // (dx, dy, dz) = x_a - x_b; g, g' the long-range factor and its r-derivative.
  static constexpr int kLongWidth = 2;
  int field_width() const { return 1 + stride_ * stride_; }
  int force_width() const { return 2 + stride_ * stride_; }
  int density_width() const { return 4 * stride_; }
  std::vector<int> short_atoms_, long_atoms_;  // a, b per pair
  std::vector<double> short_field_, short_force_, short_density_, long_records_;
  int short_count_ = 0, long_count_ = 0;

  // Per owned and ghost atom (stride values where per state): weights, charges, short-range field u,
  // host density, long-range potential V, embedding F, F', half the pair term.
  std::vector<double> weights_;
  std::vector<double> charge_atom_, field_, rho_, potential_long_, embed_value_, embed_slope_, pair_half_, eps_extra_;
  std::vector<double> reverse_buffer_;
  // The field sums' per-atom inputs [w (S), q] and outputs [u (S), V] side by side, so the scattered atom b of a
  // pair costs at most two cache lines rather than four.
  std::vector<double> atom_rows_, atom_sums_;
};

template <typename Tally> inline void EnsembleSystem::apply_pair_force(double **f, int a, int b, double slope, Tally &tally) const {
  // The same operations as bind's, so the same r.
  const double dx = x_[a][0] - x_[b][0], dy = x_[a][1] - x_[b][1], dz = x_[a][2] - x_[b][2];
  const double r = std::sqrt(dx * dx + dy * dy + dz * dz);
  const double fpair = -slope / r;
  f[a][0] += dx * fpair;
  f[a][1] += dy * fpair;
  f[a][2] += dz * fpair;
  f[b][0] -= dx * fpair;
  f[b][1] -= dy * fpair;
  f[b][2] -= dz * fpair;
  tally(a, b, fpair, dx, dy, dz);
}

template <int S, typename Tally> void EnsembleSystem::add_short_forces(double **f, Tally &tally) const {
  const int s = S > 0 ? S : stride_;
  const int width = 2 + s * s;
  const double ke = kCoulombConstant;
  const bool densities = local_densities_;
  for (int p = 0; p < short_count_; p++) {
    const int a = short_atoms_[2 * p], b = short_atoms_[2 * p + 1];
    const double *record = &short_force_[static_cast<std::size_t>(p) * width];
    const double *derivative = record + 2;
    const double *wa = &weights_[static_cast<std::size_t>(a) * s];
    const double *wb = &weights_[static_cast<std::size_t>(b) * s];
    double slope = record[0];
    double sum = 0;
    for (int alpha = 0; alpha < s; alpha++) {
      double row = 0;
      for (int beta = 0; beta < s; beta++) row += wb[beta] * derivative[alpha * s + beta];
      sum += wa[alpha] * row;
    }
    slope += sum;
    if (densities) {
      const double *density = &short_density_[static_cast<std::size_t>(p) * 4 * s];
      double at_a = 0, at_b = 0;
      for (int beta = 0; beta < s; beta++) at_a += wb[beta] * density[2 * s + beta];
      for (int alpha = 0; alpha < s; alpha++) at_b += wa[alpha] * density[3 * s + alpha];
      slope += embed_slope_[a] * at_a + embed_slope_[b] * at_b;
    }
    slope += ke * charge_atom_[a] * charge_atom_[b] * record[1];
    apply_pair_force(f, a, b, slope, tally);
  }
}

template <typename Tally> void EnsembleSystem::add_long_forces(double **f, Tally &tally) const {
  const double ke = kCoulombConstant;
  for (int p = 0; p < long_count_; p++) {
    const int a = long_atoms_[2 * p], b = long_atoms_[2 * p + 1];
    const double *record = &long_records_[static_cast<std::size_t>(p) * kLongWidth];
    double slope = 0;
    slope += ke * charge_atom_[a] * charge_atom_[b] * record[1];
    apply_pair_force(f, a, b, slope, tally);
  }
}

template <typename Tally> void EnsembleSystem::add_forces(double **f, Tally tally) const {
  switch (stride_) {
    case 1: add_short_forces<1>(f, tally); break;
    case 2: add_short_forces<2>(f, tally); break;
    case 3: add_short_forces<3>(f, tally); break;
    case 4: add_short_forces<4>(f, tally); break;
    default: add_short_forces<0>(f, tally); break;
  }
  add_long_forces(f, tally);
}

}  // namespace latent

#endif
