#include "charge_equalisation_start.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latent {

namespace {

// Solves a x = b in place (x in b) by Gaussian elimination with partial pivoting; false if a is singular.
bool solve_dense(std::vector<double> &a, std::vector<double> &b, int n) {
  for (int k = 0; k < n; k++) {
    int pivot = k;
    for (int r = k + 1; r < n; r++)
      if (std::fabs(a[static_cast<std::size_t>(r) * n + k]) > std::fabs(a[static_cast<std::size_t>(pivot) * n + k])) pivot = r;
    if (!(std::fabs(a[static_cast<std::size_t>(pivot) * n + k]) > 0)) return false;
    if (pivot != k) {
      for (int c = 0; c < n; c++) std::swap(a[static_cast<std::size_t>(k) * n + c], a[static_cast<std::size_t>(pivot) * n + c]);
      std::swap(b[k], b[pivot]);
    }
    const double *row_k = &a[static_cast<std::size_t>(k) * n];
    for (int r = k + 1; r < n; r++) {
      double *row = &a[static_cast<std::size_t>(r) * n];
      const double factor = row[k] / row_k[k];
      if (factor == 0) continue;
      for (int c = k; c < n; c++) row[c] -= factor * row_k[c];
      b[r] -= factor * b[k];
    }
  }
  for (int k = n - 1; k >= 0; k--) {
    double sum = b[k];
    for (int c = k + 1; c < n; c++) sum -= a[static_cast<std::size_t>(k) * n + c] * b[c];
    b[k] = sum / a[static_cast<std::size_t>(k) * n + k];
  }
  return true;
}

}  // namespace

bool ChargeEqualisationStart::weights(const EnsembleSystem &system, const GlobalAtoms &atoms, double total_charge, double *weights) {
  if (!atoms.available()) return false;
  const int n = atoms.count();
  if (n < 2) return false;
  const PotentialDescription &potential = system.potential();

  // The parabola of each element: its lowest neutral, cation and anion states; a missing ion is a stiff parabola
  // that keeps the charge near the states the element has.
  chi_.assign(potential.element_count, 0);
  hardness_.assign(potential.element_count, 0);
  for (int e = 0; e < potential.element_count; e++) {
    const ElementDescription &element = potential.elements[e];
    const double inf = std::numeric_limits<double>::infinity();
    double e0 = inf, plus = inf, minus = inf;
    for (int a = 0; a < element.state_count; a++) {
      const StateDescription &state = element.states[a];
      if (state.charge == 0) e0 = std::min(e0, state.energy);
      if (state.charge == 1) plus = std::min(plus, state.energy);
      if (state.charge == -1) minus = std::min(minus, state.energy);
    }
    const double zero = e0 < inf ? e0 : 0;
    if (!(plus < inf)) plus = zero + 100;
    if (!(minus < inf)) minus = zero + 100;
    chi_[e] = 0.5 * (plus - minus);
    hardness_[e] = std::max(plus + minus - 2 * zero, 1e-3);
  }

  // The Coulomb matrix of the whole system: each rank's pairs, summed over ranks.
  local_.assign(static_cast<std::size_t>(n) * n, 0.0);
  system.add_coulomb_matrix(atoms.indices(), n, local_.data());
  coulomb_.resize(local_.size());
  MPI_Allreduce(local_.data(), coulomb_.data(), static_cast<int>(local_.size()), MPI_DOUBLE, MPI_SUM, system.world());

  // [M 1; 1^T 0][q; -mu] = [-chi; Q].
  const int size = n + 1;
  const double self = 2 * kCoulombConstant * system.self_coefficient();
  matrix_.assign(static_cast<std::size_t>(size) * size, 0.0);
  rhs_.assign(size, 0.0);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) matrix_[static_cast<std::size_t>(i) * size + j] = coulomb_[static_cast<std::size_t>(i) * n + j];
    matrix_[static_cast<std::size_t>(i) * size + i] += self + hardness_[atoms.element(i)];
    rhs_[i] = -chi_[atoms.element(i)];
    matrix_[static_cast<std::size_t>(i) * size + n] = -1;
    matrix_[static_cast<std::size_t>(n) * size + i] = 1;
  }
  rhs_[n] = total_charge;
  if (!solve_dense(matrix_, rhs_, size)) return false;
  for (int i = 0; i < size; i++)
    if (std::isnan(rhs_[i])) return false;

  // Each owned atom's charge, clamped to what its states allow, shared between the two nearest-charge states.
  const int s = system.stride();
  std::fill(weights, weights + static_cast<std::size_t>(system.local_count()) * s, 0.0);
  for (int i = 0; i < system.local_count(); i++) {
    const ElementDescription &element = potential.elements[system.element_of(i)];
    double q_min = std::numeric_limits<double>::infinity(), q_max = -q_min;
    for (int a = 0; a < element.state_count; a++) {
      q_min = std::min(q_min, static_cast<double>(element.states[a].charge));
      q_max = std::max(q_max, static_cast<double>(element.states[a].charge));
    }
    const double target = std::min(std::max(rhs_[atoms.index_of(i)], q_min), q_max);
    int below = -1, above = -1;
    for (int a = 0; a < element.state_count; a++) {
      const int q = element.states[a].charge;
      if (q <= target && (below < 0 || q > element.states[below].charge)) below = a;
      if (q >= target && (above < 0 || q < element.states[above].charge)) above = a;
    }
    double *w = &weights[static_cast<std::size_t>(i) * s];
    if (below == above || element.states[above].charge == element.states[below].charge) {
      w[below] = 1;
    } else {
      const double t = (target - element.states[below].charge) / (element.states[above].charge - element.states[below].charge);
      w[below] = 1 - t;
      w[above] = t;
    }
  }
  return true;
}

}  // namespace latent
