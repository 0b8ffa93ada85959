// The latent-weight solver of pair_style latent: the .NET LatentSolver's search policy
// (Runtime/Latent.Runtime/Engine/Solver/LatentSolver.cs) over MPI ranks. A is not convex in the weights, so a cold
// solve minimises from several starts and keeps the lowest: an anneal from a high theta, neutral atoms, and every
// charge equalisation, and every integer charge pattern when there are at most exhaustive_limit of them (else
// every per-element pattern: every atom of an element in one state, sum q = Q). A warm solve (the previous step's
// weights) starts from the previous solution, adds every integer pattern when there are at most
// warm_exhaustive_limit (else probes the per-element patterns every probe_interval solves), and is a full search
// every recheck_interval solves, when the probe sees another branch come within probe_margin, or on every solve
// with compare_starts. The whole-system starts (charge equalisation, integer patterns) need every atom on every
// rank, so they are tried for systems of at most GlobalAtoms::MAX_ATOMS atoms (docs/scale.md).
#ifndef LATENT_WEIGHT_SOLVER_H
#define LATENT_WEIGHT_SOLVER_H

#include <vector>

#include "charge_equalisation_start.h"
#include "integer_patterns.h"
#include "optimal_damping.h"

namespace latent {

/// Settings, with the .NET SolverOptions' defaults.
struct SolverSettings {
  double tolerance = 1e-10;
  double anneal_tolerance = 1e-7;
  int max_iterations = 2000;
  int history = 8;
  double anneal_start = 2.0;
  double anneal_factor = 0.5;
  bool compare_starts = false;
  int recheck_interval = 200;
  double probe_margin = 0.25;
  int probe_interval = 10;
  int exhaustive_limit = 256;
  int warm_exhaustive_limit = 32;
};

/// What a solve found.
struct Solution {
  double lambda = 0;
  double free_energy = 0;
  int iterations = 0;
  int starts = 0;
  bool full_search = false;
};

class WeightSolver {
 public:
  explicit WeightSolver(const SolverSettings &settings) : settings_(settings) {}

  /// Solves for the owned atoms' weights at theta with total charge Q. `ids` are the atom IDs of the owned and
  /// ghost atoms (a ghost has its owner's). `weights` holds the previous solution when warm (and then `lambda` its
  /// lambda) and receives the solution; `terms` the per-atom free energy at it. On return the system's
  /// intermediates are those of the solution. Throws SolveError.
  Solution solve(EnsembleSystem &system, const long long *ids, double theta, double total_charge, bool warm, double lambda, double *weights,
                 AtomTerms &terms);

  /// Forgets the probe's reference: the atoms changed (a new run, atoms added or deleted).
  void forget() { reference_known_ = false; warm_solves_since_full_ = 0; }

 private:
  void check_reachable(const EnsembleSystem &system, double total_charge) const;
  void isolated_atoms(const EnsembleSystem &system, double *weights) const;
  Outcome annealed(EnsembleSystem &system, double theta, double total_charge);
  // Per-element patterns: counts of atoms of each element over all ranks, then an odometer over the states.
  void prepare_patterns(const EnsembleSystem &system, double total_charge);
  bool next_pattern(const EnsembleSystem &system, double *weights);
  double closest_pattern_gap(EnsembleSystem &system, double theta, double total_charge, const double *current, double current_objective, double stop_below);

  SolverSettings settings_;
  Workspace work_;
  GlobalAtoms atoms_;
  IntegerPatterns integer_patterns_;
  ChargeEqualisationStart charge_equalisation_;
  int warm_solves_since_full_ = 0;
  bool reference_known_ = false;
  double reference_gap_ = 0;
  std::vector<long long> atoms_of_, local_atoms_of_;
  std::vector<int> choice_;
  bool patterns_started_ = false;
  bool patterns_none_ = false;
  long long pattern_target_ = 0;
};

}  // namespace latent

#endif
