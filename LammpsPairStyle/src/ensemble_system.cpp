#include "ensemble_system.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace latent {

void AtomTerms::resize(int n) {
  atomic.assign(n, 0);
  electrostatic.assign(n, 0);
  pair.assign(n, 0);
  embedding.assign(n, 0);
  entropy.assign(n, 0);
}

namespace {

template <typename T> void ensure(std::vector<T> &v, std::size_t n) {
  // Grow by half again, as LAMMPS's own arrays do, so a step that needs a few more pairs does not reallocate every time.
  if (v.size() < n) v.resize(n + n / 2);
}

}  // namespace

EnsembleSystem::EnsembleSystem(const PotentialDescription &potential, const LongRangeCoulomb &coulomb, MPI_Comm world, Exchange &exchange)
    : potential_(potential), coulomb_(coulomb), world_(world), exchange_(exchange), element_count_(potential.element_count) {
  stride_ = 1;
  for (int e = 0; e < element_count_; e++) stride_ = std::max(stride_, potential.elements[e].state_count);
  state_count_.resize(element_count_);
  charge_.assign(static_cast<std::size_t>(element_count_) * stride_, 0);
  log_degeneracy_.assign(charge_.size(), 0);
  energy_.assign(charge_.size(), 0);
  for (int e = 0; e < element_count_; e++) {
    const ElementDescription &element = potential.elements[e];
    state_count_[e] = element.state_count;
    for (int a = 0; a < element.state_count; a++) {
      charge_[e * stride_ + a] = element.states[a].charge;
      log_degeneracy_[e * stride_ + a] = std::log(static_cast<double>(element.states[a].degeneracy));
      energy_[e * stride_ + a] = element.states[a].energy;
    }
  }
  kernel_of_.assign(static_cast<std::size_t>(element_count_) * element_count_, -1);
  for (int k = 0; k < potential.pair_count; k++) {
    kernel_of_[potential.pairs[k].a * element_count_ + potential.pairs[k].b] = k;
    kernel_of_[potential.pairs[k].b * element_count_ + potential.pairs[k].a] = k;
  }
  embedding_of_.assign(element_count_, -1);
  for (int k = 0; k < potential.embedding_count; k++) embedding_of_[potential.embeddings[k].element] = k;
}

void EnsembleSystem::bind(int nlocal, int nall, const int *element, double **x, int inum, const int *ilist, const int *numneigh,
                          int **firstneigh, int neighbour_mask) {
  nlocal_ = nlocal;
  nall_ = nall;
  long long local = nlocal;
  MPI_Allreduce(&local, &nglobal_, 1, MPI_LONG_LONG, MPI_SUM, world_);
  const int s = stride_;
  ensure(element_, nall);
  std::copy(element, element + nall, element_.begin());
  const std::size_t states = static_cast<std::size_t>(nall) * s;
  ensure(weights_, states);
  ensure(field_, states);
  ensure(eps_extra_, states);
  ensure(charge_atom_, nall);
  ensure(rho_, nall);
  ensure(potential_long_, nall);
  ensure(embed_value_, nall);
  ensure(embed_slope_, nall);
  ensure(pair_half_, nall);
  ensure(reverse_buffer_, static_cast<std::size_t>(nall) * (s + 2));

  const double cut_short = potential_.cutoff;
  const double cut = std::max(cut_short, coulomb_.cutoff());
  std::size_t pairs = 0;
  for (int ii = 0; ii < inum; ii++) pairs += numneigh[ilist[ii]];
  ensure(pair_a_, pairs);
  ensure(pair_b_, pairs);
  ensure(pair_kernel_, pairs);
  ensure(pair_output_, pairs);
  ensure(pair_coupling_, pairs);
  ensure(pair_r_, pairs);
  ensure(pair_dx_, pairs);
  ensure(pair_dy_, pairs);
  ensure(pair_dz_, pairs);
  ensure(pair_g_, pairs);
  ensure(pair_gp_, pairs);

  // First pass: which pairs lie inside a cutoff, their orientation (a: the lower element index, as the kernels
  // are generated for element pairs a <= b) and where their kernel outputs go.
  int count = 0;
  std::size_t output_size = 0, coupling_size = 0;
  for (int ii = 0; ii < inum; ii++) {
    const int i = ilist[ii];
    const int *jlist = firstneigh[i];
    for (int jj = 0; jj < numneigh[i]; jj++) {
      const int j = jlist[jj] & neighbour_mask;
      const bool i_first = element[i] <= element[j];
      const int a = i_first ? i : j, b = i_first ? j : i;
      const double dx = x[a][0] - x[b][0], dy = x[a][1] - x[b][1], dz = x[a][2] - x[b][2];
      const double r = std::sqrt(dx * dx + dy * dy + dz * dz);
      if (!(r < cut)) continue;
      pair_a_[count] = a;
      pair_b_[count] = b;
      pair_r_[count] = r;
      pair_dx_[count] = dx;
      pair_dy_[count] = dy;
      pair_dz_[count] = dz;
      const int k = r < cut_short ? kernel_index(element[a], element[b]) : -1;
      pair_kernel_[count] = k;
      pair_output_[count] = static_cast<int>(output_size);
      pair_coupling_[count] = static_cast<int>(coupling_size);
      if (k >= 0) {
        output_size += potential_.pairs[k].layout.output_count;
        coupling_size += potential_.pairs[k].layout.state_count_a * potential_.pairs[k].layout.state_count_b;
      }
      count++;
    }
  }
  pair_count_ = count;
  ensure(outputs_, output_size);
  ensure(couplings_, coupling_size);

  // Second pass: the kernels, the long-range factors, half the pair term to each atom, and whether any state
  // gives a host density (without, the embedding's part of epsilon and of the forces is zero and skipped).
  std::fill(pair_half_.begin(), pair_half_.begin() + nall, 0.0);
  int densities = 0;
  for (int p = 0; p < count; p++) {
    coulomb_.evaluate(pair_r_[p], pair_g_[p], pair_gp_[p]);
    const int k = pair_kernel_[p];
    if (k < 0) continue;
    const PairKernel &kernel = potential_.pairs[k];
    double *out = &outputs_[pair_output_[p]];
    kernel.scalar(pair_r_[p], out);
    const PairLayout &layout = kernel.layout;
    double *block = &couplings_[pair_coupling_[p]];
    for (int c = 0; c < layout.state_count_a * layout.state_count_b; c++) block[c] = out[layout.electrostatics[c]];
    const double half = 0.5 * out[layout.pair_potential];
    pair_half_[pair_a_[p]] += half;
    pair_half_[pair_b_[p]] += half;
    if (!densities) {
      for (int beta = 0; beta < layout.state_count_b; beta++)
        densities |= out[layout.density_at_a[beta]] != 0 || out[layout.derivative[layout.density_at_a[beta]]] != 0;
      for (int alpha = 0; alpha < layout.state_count_a; alpha++)
        densities |= out[layout.density_at_b[alpha]] != 0 || out[layout.derivative[layout.density_at_b[alpha]]] != 0;
    }
  }
  int any = 0;
  MPI_Allreduce(&densities, &any, 1, MPI_INT, MPI_MAX, world_);
  has_densities_ = any != 0;
  exchange_.reverse(pair_half_.data(), 1);
}

void EnsembleSystem::intermediates(const double *weights) {
  const int s = stride_;
  const int nlocal = nlocal_, nall = nall_;
  std::copy(weights, weights + static_cast<std::size_t>(nlocal) * s, weights_.begin());
  exchange_.forward(weights_.data(), s);
  for (int i = 0; i < nall; i++) {
    const double *w = &weights_[static_cast<std::size_t>(i) * s];
    const double *q = &charge_[element_[i] * s];
    double sum = 0;
    for (int a = 0; a < s; a++) sum += w[a] * q[a];
    charge_atom_[i] = sum;
  }
  std::fill(field_.begin(), field_.begin() + static_cast<std::size_t>(nall) * s, 0.0);
  std::fill(rho_.begin(), rho_.begin() + nall, 0.0);
  std::fill(potential_long_.begin(), potential_long_.begin() + nall, 0.0);
  const double ke = kCoulombConstant;
  for (int p = 0; p < pair_count_; p++) {
    const int a = pair_a_[p], b = pair_b_[p];
    const double g = pair_g_[p];
    potential_long_[a] += ke * charge_atom_[b] * g;
    potential_long_[b] += ke * charge_atom_[a] * g;
    const int k = pair_kernel_[p];
    if (k < 0) continue;
    const PairLayout &layout = potential_.pairs[k].layout;
    const double *block = &couplings_[pair_coupling_[p]];
    const double *wa = &weights_[static_cast<std::size_t>(a) * s];
    const double *wb = &weights_[static_cast<std::size_t>(b) * s];
    double *ua = &field_[static_cast<std::size_t>(a) * s];
    double *ub = &field_[static_cast<std::size_t>(b) * s];
    const int sa = layout.state_count_a, sb = layout.state_count_b;
    for (int alpha = 0; alpha < sa; alpha++) {
      double row = 0;
      for (int beta = 0; beta < sb; beta++) row += block[alpha * sb + beta] * wb[beta];
      ua[alpha] += row;
    }
    for (int beta = 0; beta < sb; beta++) {
      double column = 0;
      for (int alpha = 0; alpha < sa; alpha++) column += block[alpha * sb + beta] * wa[alpha];
      ub[beta] += column;
    }
    if (has_densities_) {
      const double *out = &outputs_[pair_output_[p]];
      double at_a = 0, at_b = 0;
      for (int beta = 0; beta < sb; beta++) at_a += wb[beta] * out[layout.density_at_a[beta]];
      for (int alpha = 0; alpha < sa; alpha++) at_b += wa[alpha] * out[layout.density_at_b[alpha]];
      rho_[a] += at_a;
      rho_[b] += at_b;
    }
  }
  // The ghosts' shares of u, the host density and V belong to their owners.
  const int width = s + 2;
  for (int i = nlocal; i < nall; i++) {
    double *row = &reverse_buffer_[static_cast<std::size_t>(i) * width];
    std::copy(&field_[static_cast<std::size_t>(i) * s], &field_[static_cast<std::size_t>(i) * s] + s, row);
    row[s] = rho_[i];
    row[s + 1] = potential_long_[i];
  }
  for (int i = 0; i < nlocal; i++) std::fill(&reverse_buffer_[static_cast<std::size_t>(i) * width], &reverse_buffer_[static_cast<std::size_t>(i) * width] + width, 0.0);
  exchange_.reverse(reverse_buffer_.data(), width);
  const double self = 2 * ke * coulomb_.self_coefficient();
  double embedding[EMBEDDING_OUTPUTS_MAX];
  for (int i = 0; i < nlocal; i++) {
    const double *row = &reverse_buffer_[static_cast<std::size_t>(i) * width];
    for (int a = 0; a < s; a++) field_[static_cast<std::size_t>(i) * s + a] += row[a];
    rho_[i] += row[s];
    potential_long_[i] += row[s + 1] + self * charge_atom_[i];
    const int k = embedding_of_[element_[i]];
    if (k >= 0) {
      potential_.embeddings[k].scalar(rho_[i], embedding);
      embed_value_[i] = embedding[potential_.embedding_layout.value];
      embed_slope_[i] = embedding[potential_.embedding_layout.slope];
    } else {
      embed_value_[i] = embed_slope_[i] = 0;
    }
  }
  if (has_densities_) exchange_.forward(embed_slope_.data(), 1);
}

void EnsembleSystem::epsilon(const double *weights, double *epsilon) {
  intermediates(weights);
  const int s = stride_;
  for (int i = 0; i < nlocal_; i++) {
    const int e = element_[i];
    for (int a = 0; a < s; a++)
      epsilon[static_cast<std::size_t>(i) * s + a] =
          a < state_count_[e] ? energy_[e * s + a] + charge_[e * s + a] * potential_long_[i] + field_[static_cast<std::size_t>(i) * s + a] : 0.0;
  }
  if (!has_densities_) return;
  // Each state's density in the neighbour's embedding slope, per pair; the ghosts' shares to their owners.
  std::fill(eps_extra_.begin(), eps_extra_.begin() + static_cast<std::size_t>(nall_) * s, 0.0);
  for (int p = 0; p < pair_count_; p++) {
    const int k = pair_kernel_[p];
    if (k < 0) continue;
    const int a = pair_a_[p], b = pair_b_[p];
    const PairLayout &layout = potential_.pairs[k].layout;
    const double *out = &outputs_[pair_output_[p]];
    for (int alpha = 0; alpha < layout.state_count_a; alpha++)
      eps_extra_[static_cast<std::size_t>(a) * s + alpha] += embed_slope_[b] * out[layout.density_at_b[alpha]];
    for (int beta = 0; beta < layout.state_count_b; beta++)
      eps_extra_[static_cast<std::size_t>(b) * s + beta] += embed_slope_[a] * out[layout.density_at_a[beta]];
  }
  exchange_.reverse(eps_extra_.data(), s);
  for (std::size_t k = 0; k < static_cast<std::size_t>(nlocal_) * s; k++) epsilon[k] += eps_extra_[k];
}

double EnsembleSystem::free_energy(const double *weights, double theta, AtomTerms *terms) {
  intermediates(weights);
  const int s = stride_;
  double parts[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < nlocal_; i++) {
    const int e = element_[i];
    const double *w = &weights[static_cast<std::size_t>(i) * s];
    double atomic = 0, entropy = 0, short_range = 0;
    for (int a = 0; a < state_count_[e]; a++) {
      atomic += w[a] * energy_[e * s + a];
      if (w[a] > 0) entropy += w[a] * (std::log(w[a]) - log_degeneracy_[e * s + a]);
      short_range += w[a] * field_[static_cast<std::size_t>(i) * s + a];
    }
    const double electrostatic = 0.5 * charge_atom_[i] * potential_long_[i] + 0.5 * short_range;
    entropy *= theta;
    parts[0] += atomic;
    parts[1] += electrostatic;
    parts[2] += pair_half_[i];
    parts[3] += embed_value_[i];
    parts[4] += entropy;
    if (terms) {
      terms->atomic[i] = atomic;
      terms->electrostatic[i] = electrostatic;
      terms->pair[i] = pair_half_[i];
      terms->embedding[i] = embed_value_[i];
      terms->entropy[i] = entropy;
    }
  }
  double total[5];
  MPI_Allreduce(parts, total, 5, MPI_DOUBLE, MPI_SUM, world_);
  return total[0] + total[1] + total[2] + total[3] + total[4];
}

double EnsembleSystem::total_charge(const double *weights) const {
  const int s = stride_;
  double local = 0;
  for (int i = 0; i < nlocal_; i++)
    for (int a = 0; a < s; a++) local += weights[static_cast<std::size_t>(i) * s + a] * charge_[element_[i] * s + a];
  double total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world_);
  return total;
}

void EnsembleSystem::add_coulomb_matrix(const int *index_of, int n, double *matrix) const {
  const double ke = kCoulombConstant;
  for (int p = 0; p < pair_count_; p++) {
    const int i = index_of[pair_a_[p]], j = index_of[pair_b_[p]];
    const double g = ke * pair_g_[p];
    if (i == j) {
      matrix[static_cast<std::size_t>(i) * n + i] += 2 * g;
    } else {
      matrix[static_cast<std::size_t>(i) * n + j] += g;
      matrix[static_cast<std::size_t>(j) * n + i] += g;
    }
  }
}

}  // namespace latent
