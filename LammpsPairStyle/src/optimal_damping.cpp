#include "optimal_damping.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace latent {

void Workspace::resize(int atoms, int stride, int history) {
  const std::size_t n = static_cast<std::size_t>(atoms) * stride;
  for (auto *v : {&weights, &epsilon, &best_response, &best_response_epsilon, &direction, &plain, &candidate, &start_result, &start_weights})
    if (v->size() < n) v->resize(n);
  if (static_cast<int>(terms.atomic.size()) < atoms) terms.resize(atoms);
  mixer.resize(static_cast<int>(n), history);
}

namespace {

double global_sum(double local, MPI_Comm world) {
  double total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world);
  return total;
}

// Sum over ranks of the charge sum q(lambda) and its slope; fills the weights at lambda (log-sum-exp softmax).
void at_lambda(const EnsembleSystem &system, const double *epsilon, double theta, double lambda, double *weights, double &sum, double &slope) {
  const int s = system.stride();
  double local[2] = {0, 0};
  for (int i = 0; i < system.local_count(); i++) {
    const int count = system.state_count(i);
    double *w = &weights[static_cast<std::size_t>(i) * s];
    const double *eps = &epsilon[static_cast<std::size_t>(i) * s];
    double max = -std::numeric_limits<double>::infinity();
    for (int a = 0; a < count; a++) {
      w[a] = system.state_log_degeneracy(i, a) - (eps[a] - lambda * system.state_charge(i, a)) / theta;
      max = std::max(max, w[a]);
    }
    double z = 0;
    for (int a = 0; a < count; a++) {
      w[a] = std::exp(w[a] - max);
      z += w[a];
    }
    double mean = 0, square = 0;
    for (int a = 0; a < count; a++) {
      w[a] /= z;
      const double q = system.state_charge(i, a);
      mean += w[a] * q;
      square += w[a] * q * q;
    }
    for (int a = count; a < s; a++) w[a] = 0;
    local[0] += mean;
    local[1] += std::max(0.0, square - mean * mean) / theta;
  }
  double total[2];
  MPI_Allreduce(local, total, 2, MPI_DOUBLE, MPI_SUM, system.world());
  sum = total[0];
  slope = total[1];
}

// phi'(t): the slope of the free energy along w + t d (E quadratic along the segment, entropy explicit).
double segment_slope(const EnsembleSystem &system, const double *w, const double *d, double theta, double slope0, double curvature, double t) {
  const int s = system.stride();
  double local = 0;
  for (int i = 0; i < system.local_count(); i++)
    for (int a = 0; a < system.state_count(i); a++) {
      const std::size_t k = static_cast<std::size_t>(i) * s + a;
      const double v = w[k] + t * d[k];
      if (v > 0 && d[k] != 0) local += theta * (std::log(v) - system.state_log_degeneracy(i, a)) * d[k];
    }
  return slope0 + t * curvature + global_sum(local, system.world());
}

// phi(t) - phi(0).
double segment_value(const EnsembleSystem &system, const double *w, const double *d, double theta, double slope0, double curvature, double t) {
  const int s = system.stride();
  double local = 0;
  for (int i = 0; i < system.local_count(); i++)
    for (int a = 0; a < system.state_count(i); a++) {
      const std::size_t k = static_cast<std::size_t>(i) * s + a;
      const double lng = system.state_log_degeneracy(i, a);
      const double v = w[k] + t * d[k];
      if (v > 0) local += theta * v * (std::log(v) - lng);
      if (w[k] > 0) local -= theta * w[k] * (std::log(w[k]) - lng);
    }
  return t * slope0 + 0.5 * t * t * curvature + global_sum(local, system.world());
}

// The step t in [0, 1] minimising the free energy along the segment (OptimalDamping.LineSearch in .NET).
double line_search(const EnsembleSystem &system, double theta, const double *w, const double *d, const double *eps0, const double *eps1) {
  const std::size_t n = static_cast<std::size_t>(system.local_count()) * system.stride();
  double local[2] = {0, 0};
  for (std::size_t k = 0; k < n; k++) {
    local[0] += eps0[k] * d[k];
    local[1] += (eps1[k] - eps0[k]) * d[k];
  }
  double total[2];
  MPI_Allreduce(local, total, 2, MPI_DOUBLE, MPI_SUM, system.world());
  const double slope0 = total[0], curvature = total[1];
  if (segment_slope(system, w, d, theta, slope0, curvature, 1) <= 0) return 1;
  if (segment_slope(system, w, d, theta, slope0, curvature, 0) >= 0)
    return segment_value(system, w, d, theta, slope0, curvature, 1) < 0 ? 1 : 0.5;
  double lo = 0, hi = 1;
  for (int k = 0; k < 100 && hi - lo > 1e-15; k++) {
    const double mid = 0.5 * (lo + hi);
    if (segment_slope(system, w, d, theta, slope0, curvature, mid) < 0)
      lo = mid;
    else
      hi = mid;
  }
  const double t = 0.5 * (lo + hi);
  return segment_value(system, w, d, theta, slope0, curvature, 1) < segment_value(system, w, d, theta, slope0, curvature, t) ? 1 : t;
}

// Whether the weights lie on the simplices (tiny negatives from round-off clipped and the atom renormalised), on every rank.
bool non_negative(const EnsembleSystem &system, double *w) {
  const int s = system.stride();
  int ok = 1;
  for (int i = 0; i < system.local_count() && ok; i++) {
    double *wi = &w[static_cast<std::size_t>(i) * s];
    const int count = system.state_count(i);
    bool clipped = false;
    for (int a = 0; a < count; a++) {
      if (wi[a] < -1e-12 || std::isnan(wi[a])) {
        ok = 0;
        break;
      }
      if (wi[a] < 0) {
        wi[a] = 0;
        clipped = true;
      }
    }
    if (ok && clipped) {
      double sum = 0;
      for (int a = 0; a < count; a++) sum += wi[a];
      for (int a = 0; a < count; a++) wi[a] /= sum;
    }
  }
  int all = 0;
  MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, system.world());
  return all != 0;
}

}  // namespace

double OptimalDamping::boltzmann_weights(const EnsembleSystem &system, const double *epsilon, double theta, double target,
                                         double lambda, double *weights) {
  const double atoms = static_cast<double>(system.global_count());
  double sum, slope;
  at_lambda(system, epsilon, theta, lambda, weights, sum, slope);
  if (slope == 0 && std::fabs(sum - target) <= 1e-12 * std::max(1.0, atoms)) return lambda;

  // Bracket the root of the increasing sum q(lambda) - Q, expanding from the current lambda.
  double lo = lambda, hi = lambda, step = std::max(theta, 0.1);
  double s_lo = sum, s_hi = sum, unused;
  while (s_lo > target) {
    hi = lo;
    s_hi = s_lo;
    lo -= step;
    step *= 2;
    at_lambda(system, epsilon, theta, lo, weights, s_lo, unused);
  }
  step = std::max(theta, 0.1);
  while (s_hi < target) {
    lo = hi;
    s_lo = s_hi;
    hi += step;
    step *= 2;
    at_lambda(system, epsilon, theta, hi, weights, s_hi, unused);
  }
  // Safeguarded Newton: a Newton step inside the bracket, else bisection.
  const double tol = 1e-13 * std::max(1.0, atoms);
  double l = lambda < lo || lambda > hi ? 0.5 * (lo + hi) : lambda;
  for (int k = 0; k < 200; k++) {
    double s, ds;
    at_lambda(system, epsilon, theta, l, weights, s, ds);
    const double g = s - target;
    if (std::fabs(g) <= tol) return l;
    if (g < 0)
      lo = l;
    else
      hi = l;
    const double next = ds > 0 ? l - g / ds : std::numeric_limits<double>::quiet_NaN();
    l = next > lo && next < hi ? next : 0.5 * (lo + hi);
    if (hi - lo <= 1e-15 * std::max(1.0, std::fabs(l))) break;
  }
  at_lambda(system, epsilon, theta, l, weights, sum, slope);
  return l;
}

Outcome OptimalDamping::minimise(EnsembleSystem &system, double theta, double total_charge, const double *start, double start_lambda,
                                 double tolerance, int max_iterations, Workspace &work, double *output, bool must_converge) {
  const std::size_t n = static_cast<std::size_t>(system.local_count()) * system.stride();
  double *w = work.weights.data();
  double *eps = work.epsilon.data();
  double *best = work.best_response.data();
  double *best_eps = work.best_response_epsilon.data();
  double *direction = work.direction.data();
  double *plain = work.plain.data();
  double *candidate = work.candidate.data();
  MPI_Comm world = system.world();
  double lambda = start_lambda;
  std::copy(start, start + n, w);
  // Make the start feasible for the total charge: one best-response step from it.
  system.epsilon(w, eps);
  if (std::fabs(system.total_charge(w) - total_charge) > 1e-9) {
    lambda = boltzmann_weights(system, eps, theta, total_charge, lambda, w);
    system.epsilon(w, eps);
  }
  work.mixer.reset();
  for (int iteration = 1; iteration <= max_iterations; iteration++) {
    lambda = boltzmann_weights(system, eps, theta, total_charge, lambda, best);
    double local = 0;
    for (std::size_t k = 0; k < n; k++) {
      direction[k] = best[k] - w[k];
      local = std::max(local, std::fabs(direction[k]));
      if (std::isnan(direction[k])) local = std::numeric_limits<double>::infinity();
    }
    double residual = 0;
    MPI_Allreduce(&local, &residual, 1, MPI_DOUBLE, MPI_MAX, world);
    if (residual <= tolerance) {
      std::copy(best, best + n, output);
      Outcome outcome;
      outcome.lambda = lambda;
      outcome.free_energy = system.free_energy(output, theta, &work.terms);
      outcome.iterations = iteration;
      return outcome;
    }
    if (std::isinf(residual)) break;

    system.epsilon(best, best_eps);
    const double t = line_search(system, theta, w, direction, eps, best_eps);
    for (std::size_t k = 0; k < n; k++) {
      plain[k] = std::max(0.0, w[k] + t * direction[k]);
      direction[k] = plain[k] - w[k];
    }
    // Anderson acceleration of the descent map, taken when feasible and lower than the plain step.
    std::copy(w, w + n, candidate);
    work.mixer.step(candidate, direction, world);
    bool accepted = false;
    if (iteration > 1 && non_negative(system, candidate)) {
      const double plain_energy = system.free_energy(plain, theta, nullptr);
      const double candidate_energy = system.free_energy(candidate, theta, nullptr);
      if (candidate_energy < plain_energy) {
        std::copy(candidate, candidate + n, w);
        accepted = true;
      }
    }
    if (!accepted) std::copy(plain, plain + n, w);
    system.epsilon(w, eps);
  }
  if (!must_converge) {
    std::copy(w, w + n, output);
    Outcome outcome;
    outcome.lambda = lambda;
    outcome.free_energy = system.free_energy(output, theta, &work.terms);
    outcome.iterations = max_iterations;
    return outcome;
  }
  std::ostringstream message;
  message << "the latent weights did not converge at theta = " << theta << " eV in " << max_iterations << " iterations (tolerance "
          << tolerance << "): the configuration may sit at a charge-transfer instability; a slightly different geometry or a higher "
          << "electronic temperature avoids it";
  throw SolveError(message.str());
}

}  // namespace latent
