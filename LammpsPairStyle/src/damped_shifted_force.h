// The damped shifted-force point-charge kernel g(r) of Fennell and Gezelter, J. Chem. Phys. 124, 234104 (2006),
// exactly as the .NET engine sums it for periodic cells (Runtime/Latent.Runtime/Engine/LongRangeCoulomb.cs):
// g(r) = erfc(ar)/r - erfc(aRc)/Rc + (erfc(aRc)/Rc^2 + 2a/sqrt(pi) exp(-a^2 Rc^2)/Rc)(r - Rc) for r < Rc, and the
// self term k_e c q_i^2 with c = -(erfc(aRc)/(2Rc) + a/sqrt(pi)).
#ifndef LATENT_DAMPED_SHIFTED_FORCE_H
#define LATENT_DAMPED_SHIFTED_FORCE_H

#include <cmath>

namespace latent {

/// Coulomb constant (eV A), the .NET engine's value rather than LAMMPS's qqr2e, so both sum the same numbers.
constexpr double kCoulombConstant = 14.3996454784;

class DampedShiftedForce {
 public:
  DampedShiftedForce() = default;
  DampedShiftedForce(double damping, double cutoff) : damping_(damping), cutoff_(cutoff) {
    const double pi = 3.14159265358979323846;
    const double erfc_rc = std::erfc(damping * cutoff);
    shift_value_ = erfc_rc / cutoff;
    shift_force_ = erfc_rc / (cutoff * cutoff) + 2 * damping / std::sqrt(pi) * std::exp(-damping * damping * cutoff * cutoff) / cutoff;
    self_coefficient_ = -(erfc_rc / (2 * cutoff) + damping / std::sqrt(pi));
  }

  double damping() const { return damping_; }
  double cutoff() const { return cutoff_; }
  double self_coefficient() const { return self_coefficient_; }

  /// g(r) and dg/dr, both zero at and beyond the cutoff.
  void evaluate(double r, double &value, double &derivative) const {
    if (r >= cutoff_) {
      value = derivative = 0;
      return;
    }
    const double pi = 3.14159265358979323846;
    const double erfc_r = std::erfc(damping_ * r);
    value = erfc_r / r - shift_value_ + shift_force_ * (r - cutoff_);
    derivative = -erfc_r / (r * r) - 2 * damping_ / std::sqrt(pi) * std::exp(-damping_ * damping_ * r * r) / r + shift_force_;
  }

 private:
  double damping_ = 0.2;
  double cutoff_ = 12.0;
  double shift_value_ = 0;
  double shift_force_ = 0;
  double self_coefficient_ = 0;
};

}  // namespace latent

#endif
