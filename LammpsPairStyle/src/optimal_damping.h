// One minimisation of the free energy at one electronic temperature by the optimal damping algorithm with
// Anderson acceleration, and the Boltzmann weights with the lambda that meets the total charge: a line-by-line
// port of the .NET solver's OptimalDamping and BoltzmannWeights (Runtime/Latent.Runtime/Engine/Solver/), over
// the owned atoms of each rank, every sum over atoms reduced over all ranks so every rank takes the same steps.
#ifndef LATENT_OPTIMAL_DAMPING_H
#define LATENT_OPTIMAL_DAMPING_H

#include <stdexcept>
#include <string>
#include <vector>

#include "anderson_mixer.h"
#include "ensemble_system.h"

namespace latent {

/// A solve that cannot give the right weights; the pair style reports it through LAMMPS's error->all.
class SolveError : public std::runtime_error {
 public:
  explicit SolveError(const std::string &what) : std::runtime_error(what) {}
};

/// Buffers of one minimisation over the owned atoms' weights (nlocal * stride each), kept from step to step.
struct Workspace {
  std::vector<double> weights, epsilon, best_response, best_response_epsilon, direction, plain, candidate;
  std::vector<double> start_result, start_weights;
  AtomTerms terms;
  AndersonMixer mixer;
  void resize(int atoms, int stride, int history);
};

struct Outcome {
  double lambda = 0;
  double free_energy = 0;
  int iterations = 0;
};

class OptimalDamping {
 public:
  /// Minimises from `start` (may alias `output`) at theta; the weights of the minimum go to `output` and the
  /// workspace's terms are theirs. Throws SolveError when it does not converge and must_converge.
  static Outcome minimise(EnsembleSystem &system, double theta, double total_charge, const double *start, double start_lambda,
                          double tolerance, int max_iterations, Workspace &work, double *output, bool must_converge = true);
  /// Boltzmann weights of epsilon at the lambda with sum q = total_charge, searched from lambda; returns it.
  static double boltzmann_weights(const EnsembleSystem &system, const double *epsilon, double theta, double total_charge,
                                  double lambda, double *weights);
};

}  // namespace latent

#endif
