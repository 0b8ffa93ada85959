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
  /// calls tally(i, j, fpair, dx, dy, dz) per pair for the virial.
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
  bool has_densities_ = false;

  int nlocal_ = 0, nall_ = 0;
  long long nglobal_ = 0;
  std::vector<int> element_;

  // The rank's pairs: atom a of the kernel (the lower element index) and b, r, the unit-free separation
  // (x_a - x_b), kernel outputs (short range) and the long-range g, g'.
  std::vector<int> pair_a_, pair_b_, pair_kernel_, pair_output_;
  std::vector<double> pair_r_, pair_dx_, pair_dy_, pair_dz_, pair_g_, pair_gp_;
  std::vector<double> outputs_;
  // Each short-range pair's block C_ab (a of the pair's atom a, b of b) copied contiguously at bind: the solver sums
  // the field several times per step, and streaming 9 numbers per pair beats gathering them from the kernel's outputs.
  std::vector<double> couplings_;
  std::vector<int> pair_coupling_;
  int pair_count_ = 0;

  // Per owned and ghost atom (stride values where per state): weights, charges, short-range field u,
  // host density, long-range potential V, embedding F, F', half the pair term.
  std::vector<double> weights_;
  std::vector<double> charge_atom_, field_, rho_, potential_long_, embed_value_, embed_slope_, pair_half_, eps_extra_;
  std::vector<double> reverse_buffer_;
};

template <typename Tally> void EnsembleSystem::add_forces(double **f, Tally tally) const {
  const int s = stride_;
  const double ke = kCoulombConstant;
  for (int p = 0; p < pair_count_; p++) {
    const int a = pair_a_[p], b = pair_b_[p];
    double slope = 0;
    const int k = pair_kernel_[p];
    if (k >= 0) {
      const PairKernel &kernel = potential_.pairs[k];
      const PairLayout &layout = kernel.layout;
      const double *out = &outputs_[pair_output_[p]];
      const double *wa = &weights_[static_cast<std::size_t>(a) * s];
      const double *wb = &weights_[static_cast<std::size_t>(b) * s];
      slope = out[layout.derivative[layout.pair_potential]];
      double sum = 0;
      for (int alpha = 0; alpha < layout.state_count_a; alpha++) {
        double row = 0;
        for (int beta = 0; beta < layout.state_count_b; beta++)
          row += wb[beta] * out[layout.derivative[layout.electrostatics[alpha * layout.state_count_b + beta]]];
        sum += wa[alpha] * row;
      }
      slope += sum;
      if (has_densities_) {
        double at_a = 0, at_b = 0;
        for (int beta = 0; beta < layout.state_count_b; beta++) at_a += wb[beta] * out[layout.derivative[layout.density_at_a[beta]]];
        for (int alpha = 0; alpha < layout.state_count_a; alpha++) at_b += wa[alpha] * out[layout.derivative[layout.density_at_b[alpha]]];
        slope += embed_slope_[a] * at_a + embed_slope_[b] * at_b;
      }
    }
    slope += ke * charge_atom_[a] * charge_atom_[b] * pair_gp_[p];
    const double r = pair_r_[p];
    const double fpair = -slope / r;
    const double dx = pair_dx_[p], dy = pair_dy_[p], dz = pair_dz_[p];
    f[a][0] += dx * fpair;
    f[a][1] += dy * fpair;
    f[a][2] += dz * fpair;
    f[b][0] -= dx * fpair;
    f[b][1] -= dy * fpair;
    f[b][2] -= dz * fpair;
    tally(a, b, fpair, dx, dy, dz);
  }
}

}  // namespace latent

#endif
