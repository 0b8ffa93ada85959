#include "weight_solver.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace latent {

namespace {

// Whether every owned atom, on every rank, has at least half its weight on the pattern's state.
bool on_pattern(const EnsembleSystem &system, const double *weights, const double *pattern) {
  const std::size_t n = static_cast<std::size_t>(system.local_count()) * system.stride();
  int on = 1;
  for (std::size_t k = 0; k < n && on; k++)
    if (pattern[k] == 1 && weights[k] < 0.5) on = 0;
  int all = 0;
  MPI_Allreduce(&on, &all, 1, MPI_INT, MPI_MIN, system.world());
  return all != 0;
}

}  // namespace

void WeightSolver::check_reachable(const EnsembleSystem &system, double total_charge) const {
  double local[2] = {0, 0};
  for (int i = 0; i < system.local_count(); i++) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int a = 0; a < system.state_count(i); a++) {
      lo = std::min(lo, system.state_charge(i, a));
      hi = std::max(hi, system.state_charge(i, a));
    }
    local[0] += lo;
    local[1] += hi;
  }
  double total[2];
  MPI_Allreduce(local, total, 2, MPI_DOUBLE, MPI_SUM, system.world());
  if (total_charge < total[0] - 1e-12 || total_charge > total[1] + 1e-12) {
    std::ostringstream message;
    message << "a total charge of " << total_charge << " e cannot be reached: with these atoms' states it lies between " << total[0]
            << " and " << total[1] << " e";
    throw SolveError(message.str());
  }
}

void WeightSolver::isolated_atoms(const EnsembleSystem &system, double *weights) const {
  // Each atom in its lowest-energy neutral state, or its lowest-energy state without a neutral one.
  const int s = system.stride();
  std::fill(weights, weights + static_cast<std::size_t>(system.local_count()) * s, 0.0);
  for (int i = 0; i < system.local_count(); i++) {
    const ElementDescription &element = system.potential().elements[system.element_of(i)];
    int best = -1;
    for (int a = 0; a < element.state_count; a++) {
      const bool neutral = element.states[a].charge == 0;
      const bool best_charged = best >= 0 && element.states[best].charge != 0;
      if (best < 0 || (neutral && (best_charged || element.states[a].energy < element.states[best].energy)) ||
          (!neutral && best_charged && element.states[a].energy < element.states[best].energy))
        best = a;
    }
    weights[static_cast<std::size_t>(i) * s + best] = 1;
  }
}

Outcome WeightSolver::annealed(EnsembleSystem &system, double theta, double total_charge) {
  double *weights = work_.start_weights.data();
  isolated_atoms(system, weights);
  double lambda = 0;
  int iterations = 0;
  for (double t = settings_.anneal_start; t > theta * 1.000001; t *= settings_.anneal_factor) {
    // An intermediate temperature only sets the path: an unconverged stage hands on what it reached.
    const Outcome stage = OptimalDamping::minimise(system, t, total_charge, weights, lambda, settings_.anneal_tolerance, settings_.max_iterations, work_, weights, false);
    lambda = stage.lambda;
    iterations += stage.iterations;
  }
  Outcome final = OptimalDamping::minimise(system, theta, total_charge, weights, lambda, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data());
  final.iterations += iterations;
  return final;
}

void WeightSolver::prepare_patterns(const EnsembleSystem &system, double total_charge) {
  // Buffers sized once per potential (assign keeps their capacity), so a probe allocates nothing.
  const int elements = system.potential().element_count;
  local_atoms_of_.assign(elements, 0);
  atoms_of_.assign(elements, 0);
  choice_.assign(elements, 0);
  for (int i = 0; i < system.local_count(); i++) local_atoms_of_[system.element_of(i)]++;
  MPI_Allreduce(local_atoms_of_.data(), atoms_of_.data(), elements, MPI_LONG_LONG, MPI_SUM, system.world());
  const double rounded = std::round(total_charge);
  patterns_none_ = std::fabs(total_charge - rounded) > 1e-9;
  pattern_target_ = static_cast<long long>(rounded);
  patterns_started_ = false;
}

bool WeightSolver::next_pattern(const EnsembleSystem &system, double *weights) {
  if (patterns_none_) return false;
  const PotentialDescription &potential = system.potential();
  const int elements = potential.element_count;
  for (;;) {
    // The next combination of states over the elements that have atoms (an odometer).
    if (!patterns_started_) {
      patterns_started_ = true;
    } else {
      int e = 0;
      for (; e < elements; e++) {
        if (atoms_of_[e] == 0) continue;
        if (++choice_[e] < potential.elements[e].state_count) break;
        choice_[e] = 0;
      }
      if (e == elements) return false;
    }
    long long total = 0;
    for (int e = 0; e < elements; e++) total += atoms_of_[e] * potential.elements[e].states[choice_[e]].charge;
    if (total != pattern_target_) continue;
    const int s = system.stride();
    std::fill(weights, weights + static_cast<std::size_t>(system.local_count()) * s, 0.0);
    for (int i = 0; i < system.local_count(); i++) weights[static_cast<std::size_t>(i) * s + choice_[system.element_of(i)]] = 1;
    return true;
  }
}

double WeightSolver::closest_pattern_gap(EnsembleSystem &system, double theta, double total_charge, const double *current,
                                         double current_objective, double stop_below) {
  double closest = std::numeric_limits<double>::infinity();
  prepare_patterns(system, total_charge);
  double *pattern = work_.start_weights.data();
  while (next_pattern(system, pattern)) {
    if (on_pattern(system, current, pattern)) continue;
    const double value = system.free_energy(pattern, theta, nullptr);
    closest = std::min(closest, (value - current_objective) / static_cast<double>(system.global_count()));
    if (closest < stop_below) break;
  }
  return closest;
}

Solution WeightSolver::solve(EnsembleSystem &system, const long long *ids, double theta, double total_charge, bool warm, double lambda,
                             double *weights, AtomTerms &terms) {
  const int s = system.stride();
  const std::size_t n = static_cast<std::size_t>(system.local_count()) * s;
  check_reachable(system, total_charge);
  work_.resize(system.local_count(), s, settings_.history);
  if (static_cast<int>(terms.atomic.size()) < system.local_count()) terms.resize(system.local_count());
  // Every atom on every rank, in ID order, for the whole-system starts (small systems only).
  atoms_.gather(system, ids);

  // Every start solves into start_result; the best so far is copied to weights. Later starts must be lower by
  // more than round-off, so a warm solve stays on its branch at a tie.
  bool have = false, terms_at_best = false;
  Solution best;
  int iterations = 0, starts = 0;
  auto consider = [&](const Outcome &outcome) {
    iterations += outcome.iterations;
    starts++;
    terms_at_best = !have || outcome.free_energy < best.free_energy - 1e-12 * std::max(1.0, std::fabs(best.free_energy));
    if (terms_at_best) {
      std::copy(work_.start_result.begin(), work_.start_result.begin() + n, weights);
      best.lambda = outcome.lambda;
      best.free_energy = outcome.free_energy;
      have = true;
    }
  };

  bool full = !warm || settings_.compare_starts || (settings_.recheck_interval > 0 && warm_solves_since_full_ + 1 >= settings_.recheck_interval);
  bool enumerated = false;
  if (warm) {
    std::copy(weights, weights + n, work_.start_weights.begin());
    consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), lambda, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    if (!full && settings_.warm_exhaustive_limit > 0 && integer_patterns_.prepare(system, atoms_, total_charge, settings_.warm_exhaustive_limit) > 0) {
      enumerated = true;
      while (integer_patterns_.next(system, atoms_, work_.start_weights.data()))
        consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), lambda, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    }
    // The probe costs a free-energy pass per pattern: on the first warm solve after a full search and every
    // probe_interval-th after it.
    const bool probe_due = settings_.probe_interval <= 1 || warm_solves_since_full_ % settings_.probe_interval == 0;
    if (!full && !enumerated && probe_due && settings_.probe_margin >= 0) {
      const double alarm = reference_known_ ? reference_gap_ - settings_.probe_margin : 0;
      const double gap = closest_pattern_gap(system, theta, total_charge, weights, best.free_energy, alarm);
      terms_at_best = false;
      full = gap < alarm;
      if (!reference_known_) {
        reference_gap_ = gap;
        reference_known_ = true;
      }
    }
  }
  if (full) {
    consider(annealed(system, theta, total_charge));
    isolated_atoms(system, work_.start_weights.data());
    consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), 0, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    if (charge_equalisation_.weights(system, atoms_, total_charge, work_.start_weights.data()))
      consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), 0, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    // The patterns write into start_weights, which a minimisation does not overwrite; their odometers are kept.
    if (!enumerated && settings_.exhaustive_limit > 0 && integer_patterns_.prepare(system, atoms_, total_charge, settings_.exhaustive_limit) > 0) {
      enumerated = true;
      while (integer_patterns_.next(system, atoms_, work_.start_weights.data()))
        consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), 0, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    }
    // Every per-element pattern is an integer pattern too: only without the enumeration.
    if (!enumerated) {
      prepare_patterns(system, total_charge);
      while (next_pattern(system, work_.start_weights.data()))
        consider(OptimalDamping::minimise(system, theta, total_charge, work_.start_weights.data(), 0, settings_.tolerance, settings_.max_iterations, work_, work_.start_result.data()));
    }
    if (settings_.probe_margin >= 0) {
      reference_gap_ = closest_pattern_gap(system, theta, total_charge, weights, best.free_energy, -std::numeric_limits<double>::infinity());
      reference_known_ = true;
      terms_at_best = false;
      // A pattern's fixed weights below the minimum found would mean the search missed the ground state.
      if (reference_gap_ < -1e-9) {
        std::ostringstream message;
        message << "the weight search did not reach the ground state: a per-element charge pattern lies " << -reference_gap_
                << " eV per atom below the lowest minimum found";
        throw SolveError(message.str());
      }
    }
  }
  warm_solves_since_full_ = full ? 0 : warm_solves_since_full_ + 1;
  if (terms_at_best) {
    for (int i = 0; i < system.local_count(); i++) {
      terms.atomic[i] = work_.terms.atomic[i];
      terms.electrostatic[i] = work_.terms.electrostatic[i];
      terms.pair[i] = work_.terms.pair[i];
      terms.embedding[i] = work_.terms.embedding[i];
      terms.entropy[i] = work_.terms.entropy[i];
    }
  } else {
    best.free_energy = system.free_energy(weights, theta, &terms);
  }
  best.iterations = iterations;
  best.starts = starts;
  best.full_search = full;
  return best;
}

}  // namespace latent
