#include "ensemble_system.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
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
  int outputs = 1;
  for (int k = 0; k < potential.pair_count; k++) outputs = std::max(outputs, potential.pairs[k].layout.output_count);
  kernel_outputs_.assign(outputs + 1, 0);
  const int zero = outputs, s = stride_, ss = s * s;
  copy_plan_.assign(static_cast<std::size_t>(potential.pair_count) * plan_width(), zero);
  for (int k = 0; k < potential.pair_count; k++) {
    const PairLayout &layout = potential.pairs[k].layout;
    int *plan = &copy_plan_[static_cast<std::size_t>(k) * plan_width()];
    const int sa = layout.state_count_a, sb = layout.state_count_b;
    plan[ss] = layout.derivative[layout.pair_potential];
    for (int alpha = 0; alpha < sa; alpha++)
      for (int beta = 0; beta < sb; beta++) {
        plan[alpha * s + beta] = layout.electrostatics[alpha * sb + beta];
        plan[ss + 1 + alpha * s + beta] = layout.derivative[layout.electrostatics[alpha * sb + beta]];
      }
    int *density = plan + 2 * ss + 1;
    for (int beta = 0; beta < sb; beta++) {
      density[beta] = layout.density_at_a[beta];
      density[2 * s + beta] = layout.derivative[layout.density_at_a[beta]];
    }
    for (int alpha = 0; alpha < sa; alpha++) {
      density[s + alpha] = layout.density_at_b[alpha];
      density[3 * s + alpha] = layout.derivative[layout.density_at_b[alpha]];
    }
  }
  embedding_of_.assign(element_count_, -1);
  for (int k = 0; k < potential.embedding_count; k++) embedding_of_[potential.embeddings[k].element] = k;
}

void EnsembleSystem::reserve_short(std::size_t n) {
  if (short_atoms_.size() >= 2 * n) return;
  ensure(short_atoms_, 2 * n);
  const std::size_t pairs = short_atoms_.size() / 2;
  short_field_.resize(pairs * field_width());
  short_force_.resize(pairs * force_width());
  if (local_densities_) short_density_.resize(pairs * density_width());
}

void EnsembleSystem::start_densities(int p) {
  local_densities_ = true;
  short_density_.resize(short_atoms_.size() / 2 * density_width());
  std::fill(short_density_.begin(), short_density_.begin() + static_cast<std::size_t>(p) * density_width(), 0.0);
}

void EnsembleSystem::bind(int nlocal, int nall, const int *element, double **x, int inum, const int *ilist, const int *numneigh,
                          int **firstneigh, int neighbour_mask) {
  nlocal_ = nlocal;
  nall_ = nall;
  x_ = x;
  long long local = nlocal;
  MPI_Allreduce(&local, &nglobal_, 1, MPI_LONG_LONG, MPI_SUM, world_);
  const int s = stride_;
  ensure(element_, nall);
  std::copy(element, element + nall, element_.begin());
  const std::size_t states = static_cast<std::size_t>(nall) * s;
  ensure(weights_, states);
  ensure(field_, states);
  ensure(eps_extra_, states);
  ensure(atom_rows_, static_cast<std::size_t>(nall) * (s + 1));
  ensure(atom_sums_, static_cast<std::size_t>(nall) * (s + 1));
  ensure(charge_atom_, nall);
  ensure(rho_, nall);
  ensure(potential_long_, nall);
  ensure(embed_value_, nall);
  ensure(embed_slope_, nall);
  ensure(pair_half_, nall);
  ensure(reverse_buffer_, static_cast<std::size_t>(nall) * (s + 2));
  std::fill(pair_half_.begin(), pair_half_.begin() + nall, 0.0);

  // One pass over the half list: the pairs inside a cutoff, oriented so that a has the lower element index,
  // their kernels and long-range factors evaluated and copied into the records (ensemble_system.h); half the pair
  // term to each atom. A rank's density records start at its first pair with a density (a kernel may give none).
  const double cut_short = potential_.cutoff;
  const double cut = std::max(cut_short, coulomb_.cutoff());
  const int field_w = field_width(), force_w = force_width(), density_w = density_width(), ss = s * s;
  const int plan_w = plan_width();
  // Far enough above cut^2 that the rounded square root of anything larger is not below cut.
  const double beyond = cut * cut * (1 + 1e-12);
  double *out = kernel_outputs_.data();
  local_densities_ = false;
  int shorts = 0, longs = 0;
  for (int ii = 0; ii < inum; ii++) {
    const int i = ilist[ii];
    const int *jlist = firstneigh[i];
    for (int jj = 0; jj < numneigh[i]; jj++) {
      const int j = jlist[jj] & neighbour_mask;
      const bool i_first = element[i] <= element[j];
      const int a = i_first ? i : j, b = i_first ? j : i;
      const double dx = x[a][0] - x[b][0], dy = x[a][1] - x[b][1], dz = x[a][2] - x[b][2];
      const double rsq = dx * dx + dy * dy + dz * dz;
      if (rsq > beyond) continue;  // the neighbour list's skin: no square root for what is surely outside
      const double r = std::sqrt(rsq);
      if (!(r < cut)) continue;
      double g, gp;
      coulomb_.evaluate(r, g, gp);
      const int k = r < cut_short ? kernel_index(element[a], element[b]) : -1;
      if (k < 0) {
        if (2 * static_cast<std::size_t>(longs) + 2 > long_atoms_.size()) {
          ensure(long_atoms_, 2 * static_cast<std::size_t>(longs) + 2);
          long_records_.resize(long_atoms_.size() / 2 * kLongWidth);
        }
        long_atoms_[2 * longs] = a;
        long_atoms_[2 * longs + 1] = b;
        double *record = &long_records_[static_cast<std::size_t>(longs) * kLongWidth];
        record[0] = g;
        record[1] = gp;
        longs++;
        continue;
      }
      const PairKernel &kernel = potential_.pairs[k];
      kernel.scalar(r, out);
      reserve_short(static_cast<std::size_t>(shorts) + 1);
      const int p = shorts++;
      short_atoms_[2 * p] = a;
      short_atoms_[2 * p + 1] = b;
      const int *plan = &copy_plan_[static_cast<std::size_t>(k) * plan_w];
      double *field = &short_field_[static_cast<std::size_t>(p) * field_w];
      double *force = &short_force_[static_cast<std::size_t>(p) * force_w];
      field[0] = g;
      for (int c = 0; c < ss; c++) field[1 + c] = out[plan[c]];
      force[0] = out[plan[ss]];
      force[1] = gp;
      for (int c = 0; c < ss; c++) force[2 + c] = out[plan[ss + 1 + c]];
      const double half = 0.5 * out[kernel.layout.pair_potential];
      pair_half_[a] += half;
      pair_half_[b] += half;
      const int *density_plan = plan + 2 * ss + 1;
      if (!local_densities_) {
        // Whether any density output is not zero (NaN included, -0 not), from the bits without the sign: a
        // branch-free check, as every pair of a potential without densities makes it.
        std::uint64_t bits = 0;
        for (int c = 0; c < density_w; c++) {
          std::uint64_t value;
          std::memcpy(&value, &out[density_plan[c]], sizeof value);
          bits |= value << 1;
        }
        if (bits != 0) start_densities(p);
      }
      if (local_densities_) {
        double *density = &short_density_[static_cast<std::size_t>(p) * density_w];
        for (int c = 0; c < density_w; c++) density[c] = out[density_plan[c]];
      }
    }
  }
  short_count_ = shorts;
  long_count_ = longs;
  int densities = local_densities_ ? 1 : 0, any = 0;
  MPI_Allreduce(&densities, &any, 1, MPI_INT, MPI_MAX, world_);
  has_densities_ = any != 0;
  exchange_.reverse(pair_half_.data(), 1);
}

template <int S> void EnsembleSystem::accumulate_field() {
  const int s = S > 0 ? S : stride_;
  const int width = 1 + s * s, row_width = s + 1;
  const double ke = kCoulombConstant;
  const double *rows = atom_rows_.data();
  double *sums = atom_sums_.data();
  const int *atoms = short_atoms_.data();
  const double *records = short_field_.data();
  // Every input is read before any sum is written: the compiler cannot tell the arrays apart and would otherwise
  // read each weight again after every store. The sums are added in the same order either way.
  constexpr int N = S > 0 ? S : 1;
  for (int p = 0; p < short_count_; p++) {
    const int a = atoms[2 * p], b = atoms[2 * p + 1];
    const double *record = &records[static_cast<std::size_t>(p) * width];
    const double g = record[0];
    const double *block = record + 1;
    const double *wa = &rows[static_cast<std::size_t>(a) * row_width];
    const double *wb = &rows[static_cast<std::size_t>(b) * row_width];
    const double qa = wa[s], qb = wb[s];
    double *ua = &sums[static_cast<std::size_t>(a) * row_width];
    double *ub = &sums[static_cast<std::size_t>(b) * row_width];
    if (S > 0) {
      double la[N], lb[N], row_sums[N], column_sums[N];
      for (int k = 0; k < N; k++) {
        la[k] = wa[k];
        lb[k] = wb[k];
      }
      for (int alpha = 0; alpha < N; alpha++) {
        double row = 0;
        for (int beta = 0; beta < N; beta++) row += block[alpha * N + beta] * lb[beta];
        row_sums[alpha] = row;
      }
      for (int beta = 0; beta < N; beta++) {
        double column = 0;
        for (int alpha = 0; alpha < N; alpha++) column += block[alpha * N + beta] * la[alpha];
        column_sums[beta] = column;
      }
      ua[N] += ke * qb * g;
      ub[N] += ke * qa * g;
      for (int k = 0; k < N; k++) {
        ua[k] += row_sums[k];
        ub[k] += column_sums[k];
      }
      continue;
    }
    ua[s] += ke * qb * g;
    ub[s] += ke * qa * g;
    for (int alpha = 0; alpha < s; alpha++) {
      double row = 0;
      for (int beta = 0; beta < s; beta++) row += block[alpha * s + beta] * wb[beta];
      ua[alpha] += row;
    }
    for (int beta = 0; beta < s; beta++) {
      double column = 0;
      for (int alpha = 0; alpha < s; alpha++) column += block[alpha * s + beta] * wa[alpha];
      ub[beta] += column;
    }
  }
  for (int p = 0; p < long_count_; p++) {
    const int a = long_atoms_[2 * p], b = long_atoms_[2 * p + 1];
    const double g = long_records_[static_cast<std::size_t>(p) * kLongWidth];
    const double qa = rows[static_cast<std::size_t>(a) * row_width + s], qb = rows[static_cast<std::size_t>(b) * row_width + s];
    sums[static_cast<std::size_t>(a) * row_width + s] += ke * qb * g;
    sums[static_cast<std::size_t>(b) * row_width + s] += ke * qa * g;
  }
}

template <int S> void EnsembleSystem::accumulate_density() {
  const int s = S > 0 ? S : stride_;
  for (int p = 0; p < short_count_; p++) {
    const int a = short_atoms_[2 * p], b = short_atoms_[2 * p + 1];
    const double *density = &short_density_[static_cast<std::size_t>(p) * 4 * s];
    const double *wa = &weights_[static_cast<std::size_t>(a) * s];
    const double *wb = &weights_[static_cast<std::size_t>(b) * s];
    double at_a = 0, at_b = 0;
    for (int beta = 0; beta < s; beta++) at_a += wb[beta] * density[beta];
    for (int alpha = 0; alpha < s; alpha++) at_b += wa[alpha] * density[s + alpha];
    rho_[a] += at_a;
    rho_[b] += at_b;
  }
}

template <int S> void EnsembleSystem::accumulate_density_slopes() {
  const int s = S > 0 ? S : stride_;
  for (int p = 0; p < short_count_; p++) {
    const int a = short_atoms_[2 * p], b = short_atoms_[2 * p + 1];
    const double *density = &short_density_[static_cast<std::size_t>(p) * 4 * s];
    for (int alpha = 0; alpha < s; alpha++) eps_extra_[static_cast<std::size_t>(a) * s + alpha] += embed_slope_[b] * density[s + alpha];
    for (int beta = 0; beta < s; beta++) eps_extra_[static_cast<std::size_t>(b) * s + beta] += embed_slope_[a] * density[beta];
  }
}

void EnsembleSystem::intermediates(const double *weights) {
  const int s = stride_;
  const int nlocal = nlocal_, nall = nall_;
  std::copy(weights, weights + static_cast<std::size_t>(nlocal) * s, weights_.begin());
  exchange_.forward(weights_.data(), s);
  const int row_width = s + 1;
  for (int i = 0; i < nall; i++) {
    const double *w = &weights_[static_cast<std::size_t>(i) * s];
    const double *q = &charge_[element_[i] * s];
    double *row = &atom_rows_[static_cast<std::size_t>(i) * row_width];
    double sum = 0;
    for (int a = 0; a < s; a++) {
      sum += w[a] * q[a];
      row[a] = w[a];
    }
    row[s] = sum;
    charge_atom_[i] = sum;
  }
  std::fill(atom_sums_.begin(), atom_sums_.begin() + static_cast<std::size_t>(nall) * row_width, 0.0);
  switch (s) {
    case 1: accumulate_field<1>(); break;
    case 2: accumulate_field<2>(); break;
    case 3: accumulate_field<3>(); break;
    case 4: accumulate_field<4>(); break;
    default: accumulate_field<0>(); break;
  }
  for (int i = 0; i < nall; i++) {
    const double *row = &atom_sums_[static_cast<std::size_t>(i) * row_width];
    std::copy(row, row + s, &field_[static_cast<std::size_t>(i) * s]);
    potential_long_[i] = row[s];
  }
  std::fill(rho_.begin(), rho_.begin() + nall, 0.0);
  if (local_densities_) {
    switch (s) {
      case 1: accumulate_density<1>(); break;
      case 2: accumulate_density<2>(); break;
      case 3: accumulate_density<3>(); break;
      case 4: accumulate_density<4>(); break;
      default: accumulate_density<0>(); break;
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
  const double self = 2 * kCoulombConstant * coulomb_.self_coefficient();
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
  if (local_densities_) {
    switch (s) {
      case 1: accumulate_density_slopes<1>(); break;
      case 2: accumulate_density_slopes<2>(); break;
      case 3: accumulate_density_slopes<3>(); break;
      case 4: accumulate_density_slopes<4>(); break;
      default: accumulate_density_slopes<0>(); break;
    }
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
  auto add = [&](int a, int b, double g) {
    const int i = index_of[a], j = index_of[b];
    if (i == j) {
      matrix[static_cast<std::size_t>(i) * n + i] += 2 * ke * g;
    } else {
      matrix[static_cast<std::size_t>(i) * n + j] += ke * g;
      matrix[static_cast<std::size_t>(j) * n + i] += ke * g;
    }
  };
  // g is the first entry of a short-range pair's field record and of a long-range pair's record.
  for (int p = 0; p < short_count_; p++) add(short_atoms_[2 * p], short_atoms_[2 * p + 1], short_field_[static_cast<std::size_t>(p) * field_width()]);
  for (int p = 0; p < long_count_; p++) add(long_atoms_[2 * p], long_atoms_[2 * p + 1], long_records_[static_cast<std::size_t>(p) * kLongWidth]);
}

}  // namespace latent
