// The point-charge tail k_e q_i q_j g(r) that the short-range kernels leave out, in the two forms of the .NET
// engine (Runtime/Latent.Runtime/Engine/LongRangeCoulomb.cs). Periodic cells: the damped shifted-force sum of
// Fennell and Gezelter, J. Chem. Phys. 124, 234104 (2006),
// g(r) = erfc(ar)/r - erfc(aRc)/Rc + (erfc(aRc)/Rc^2 + 2a/sqrt(pi) exp(-a^2 Rc^2)/Rc)(r - Rc) for r < Rc, plus the
// self term k_e c q_i^2 with c = -(erfc(aRc)/(2Rc) + a/sqrt(pi)). Clusters: the bare g = 1/r over every pair, which
// pair_style latent sums over pairs within a cutoff that must span the whole (non-periodic) box.
#ifndef LATENT_LONG_RANGE_COULOMB_H
#define LATENT_LONG_RANGE_COULOMB_H

#include <cmath>

namespace latent {

/// Coulomb constant (eV A), the .NET engine's value rather than LAMMPS's qqr2e, so both sum the same numbers.
constexpr double kCoulombConstant = 14.3996454784;

class LongRangeCoulomb {
 public:
  /// The damped shifted-force sum with damping a (1/A) and cutoff Rc (A).
  static LongRangeCoulomb damped_shifted_force(double damping, double cutoff) {
    LongRangeCoulomb form;
    form.direct_ = false;
    form.damping_ = damping;
    form.cutoff_ = cutoff;
    const double pi = 3.14159265358979323846;
    const double erfc_rc = std::erfc(damping * cutoff);
    form.shift_value_ = erfc_rc / cutoff;
    form.shift_force_ = erfc_rc / (cutoff * cutoff) + 2 * damping / std::sqrt(pi) * std::exp(-damping * damping * cutoff * cutoff) / cutoff;
    form.self_coefficient_ = -(erfc_rc / (2 * cutoff) + damping / std::sqrt(pi));
    return form;
  }

  /// The bare 1/r sum over every pair closer than `cutoff`, for a cluster the cutoff spans.
  static LongRangeCoulomb direct(double cutoff) {
    LongRangeCoulomb form;
    form.direct_ = true;
    form.cutoff_ = cutoff;
    return form;
  }

  bool is_direct() const { return direct_; }
  double damping() const { return damping_; }
  double cutoff() const { return cutoff_; }
  double self_coefficient() const { return self_coefficient_; }

  /// g(r) and dg/dr; zero at and beyond the cutoff.
  void evaluate(double r, double &value, double &derivative) const {
    if (r >= cutoff_) {
      value = derivative = 0;
      return;
    }
    if (direct_) {
      value = 1 / r;
      derivative = -1 / (r * r);
      return;
    }
    const double pi = 3.14159265358979323846;
    const double erfc_r = std::erfc(damping_ * r);
    value = erfc_r / r - shift_value_ + shift_force_ * (r - cutoff_);
    derivative = -erfc_r / (r * r) - 2 * damping_ / std::sqrt(pi) * std::exp(-damping_ * damping_ * r * r) / r + shift_force_;
  }

 private:
  bool direct_ = false;
  double damping_ = 0;
  double cutoff_ = 0;
  double shift_value_ = 0;
  double shift_force_ = 0;
  double self_coefficient_ = 0;
};

}  // namespace latent

#endif
