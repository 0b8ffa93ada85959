// The integer charge patterns of a small system: one state per atom (weight 1 on it) with total charge Q, a port of
// the .NET engine's IntegerPatterns (Runtime/Latent.Runtime/Engine/Solver/IntegerPatterns.cs). Each pattern is a
// vertex of the feasible set in the basin of the branch it names (ionic, neutral, inverted, mixed), so a solve
// that minimises from every one reaches every branch a descent can reach from a vertex, including the mixed ones
// (some atoms of an element charged, others not) that the per-element patterns miss. Counted by a table of
// completions, ways(g, c) = the state choices for atoms g..n-1 (in ID order) whose charges sum to c; the
// enumeration follows the table and visits no dead end. Every rank holds the same table and walks the same
// sequence, writing the weights of its own atoms.
#ifndef LATENT_INTEGER_PATTERNS_H
#define LATENT_INTEGER_PATTERNS_H

#include <vector>

#include "global_atoms.h"

namespace latent {

class IntegerPatterns {
 public:
  /// Most table entries (atoms x charge range) counted: beyond, the system is far too large to enumerate.
  static constexpr long long MAX_TABLE_ENTRIES = 1 << 21;

  /// The number of patterns of the gathered atoms with total charge Q, or -1 when there are more than `limit`,
  /// Q is not an integer, the table would exceed MAX_TABLE_ENTRIES or the atoms were not gathered. Rewinds.
  long long prepare(const EnsembleSystem &system, const GlobalAtoms &atoms, double total_charge, int limit);
  /// Writes the next pattern (lexicographic in the atoms' state indices, ID order) as 0/1 weights of the owned
  /// atoms (nlocal * stride); false when every pattern has been written.
  bool next(const EnsembleSystem &system, const GlobalAtoms &atoms, double *weights);

 private:
  long long count(const EnsembleSystem &system, const GlobalAtoms &atoms, int limit);
  int ways(int g, int c) const {
    const int k = c - suffix_min_[g];
    return k < 0 || k >= width_ ? 0 : ways_[static_cast<std::size_t>(g) * width_ + k];
  }
  int state_charge(const EnsembleSystem &system, int element, int a) const { return system.potential().elements[element].states[a].charge; }

  std::vector<int> ways_, choice_, prefix_, suffix_min_;
  int width_ = 0, atoms_ = 0, target_ = 0;
  bool started_ = false;
  // What the table was built for: the same atoms from step to step keep it.
  bool prepared_ = false;
  double prepared_charge_ = 0;
  int prepared_limit_ = 0;
  long long count_ = -1;
};

}  // namespace latent

#endif
