#include "integer_patterns.h"

#include <algorithm>
#include <cmath>
#include <climits>

namespace latent {

long long IntegerPatterns::prepare(const EnsembleSystem &system, const GlobalAtoms &atoms, double total_charge, int limit) {
  started_ = false;
  if (!atoms.available()) return -1;
  if (prepared_ && !atoms.changed() && total_charge == prepared_charge_ && limit == prepared_limit_) return count_;
  const double rounded = std::round(total_charge);
  target_ = static_cast<int>(rounded);
  count_ = std::fabs(total_charge - rounded) > 1e-9 ? -1 : count(system, atoms, limit);
  prepared_ = true;
  prepared_charge_ = total_charge;
  prepared_limit_ = limit;
  return count_;
}

long long IntegerPatterns::count(const EnsembleSystem &system, const GlobalAtoms &atoms, int limit) {
  const int n = atoms.count();
  atoms_ = n;
  if (n == 0 || limit <= 0) return -1;
  suffix_min_.assign(n + 1, 0);
  choice_.assign(n, 0);
  prefix_.assign(n + 1, 0);
  // Suffix ranges of the charge: ways(g, c) lives on [suffix_min[g], suffix_min[g] + width).
  int suffix_max = 0;
  for (int g = n - 1; g >= 0; g--) {
    const int e = atoms.element(g);
    int lo = INT_MAX, hi = INT_MIN;
    for (int a = 0; a < system.potential().elements[e].state_count; a++) {
      lo = std::min(lo, state_charge(system, e, a));
      hi = std::max(hi, state_charge(system, e, a));
    }
    suffix_min_[g] = suffix_min_[g + 1] + lo;
    suffix_max += hi;
  }
  if (target_ < suffix_min_[0] || target_ > suffix_max) return -1;
  width_ = suffix_max - suffix_min_[0] + 1;
  // Each suffix's range is no wider than the whole's.
  if (static_cast<long long>(n + 1) * width_ > MAX_TABLE_ENTRIES) return -1;
  ways_.assign(static_cast<std::size_t>(n + 1) * width_, 0);
  ways_[static_cast<std::size_t>(n) * width_] = 1;
  const int cap = limit + 1;
  for (int g = n - 1; g >= 0; g--) {
    const std::size_t row = static_cast<std::size_t>(g) * width_;
    const int e = atoms.element(g);
    for (int a = 0; a < system.potential().elements[e].state_count; a++) {
      const int qa = state_charge(system, e, a);
      for (int c = 0; c < width_; c++) {
        const int rest = ways(g + 1, suffix_min_[g] + c - qa);
        if (rest > 0) ways_[row + c] = std::min(cap, ways_[row + c] + rest);
      }
    }
  }
  const int total = ways(0, target_);
  return total > 0 && total <= limit ? total : -1;
}

bool IntegerPatterns::next(const EnsembleSystem &system, const GlobalAtoms &atoms, double *weights) {
  int g;
  if (!started_) {
    started_ = true;
    g = 0;
    choice_[0] = -1;
    prefix_[0] = 0;
  } else {
    g = atoms_ - 1;
  }
  while (g >= 0) {
    const int e = atoms.element(g);
    const int states = system.potential().elements[e].state_count;
    int a = choice_[g] + 1;
    // The next state of atom g from which the remaining atoms can still reach the target.
    while (a < states && !(ways(g + 1, target_ - prefix_[g] - state_charge(system, e, a)) > 0)) a++;
    if (a == states) {
      g--;
      continue;
    }
    choice_[g] = a;
    prefix_[g + 1] = prefix_[g] + state_charge(system, e, a);
    if (g == atoms_ - 1) {
      const int s = system.stride();
      std::fill(weights, weights + static_cast<std::size_t>(system.local_count()) * s, 0.0);
      for (int i = 0; i < system.local_count(); i++) weights[static_cast<std::size_t>(i) * s + choice_[atoms.index_of(i)]] = 1;
      return true;
    }
    g++;
    choice_[g] = -1;
  }
  return false;
}

}  // namespace latent
