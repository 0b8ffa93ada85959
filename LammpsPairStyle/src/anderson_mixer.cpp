#include "anderson_mixer.h"

#include <algorithm>
#include <cmath>

namespace latent {

namespace {

// Cholesky solve of the m x m symmetric system a x = b in place; false when a is not positive definite.
bool cholesky_solve(double *a, const double *b, double *x, int m) {
  for (int j = 0; j < m; j++) {
    double d = a[j * m + j];
    for (int k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) return false;
    d = std::sqrt(d);
    a[j * m + j] = d;
    for (int i = j + 1; i < m; i++) {
      double s = a[i * m + j];
      for (int k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / d;
    }
  }
  for (int i = 0; i < m; i++) {
    double s = b[i];
    for (int k = 0; k < i; k++) s -= a[i * m + k] * x[k];
    x[i] = s / a[i * m + i];
  }
  for (int i = m - 1; i >= 0; i--) {
    double s = x[i];
    for (int k = i + 1; k < m; k++) s -= a[k * m + i] * x[k];
    x[i] = s / a[i * m + i];
  }
  return true;
}

}  // namespace

void AndersonMixer::resize(int size, int history) {
  history_ = std::max(1, history);
  size_ = size;
  const std::size_t n = static_cast<std::size_t>(size);
  if (point_changes_.size() < n * history_) {
    point_changes_.resize(n * history_);
    residual_changes_.resize(n * history_);
  }
  if (previous_point_.size() < n) {
    previous_point_.resize(n);
    previous_residual_.resize(n);
  }
  sums_.resize(history_ * history_ + history_);
  gram_.resize(history_ * history_);
  projection_.resize(history_);
  gamma_.resize(history_);
  reset();
}

void AndersonMixer::reset() {
  count_ = 0;
  next_slot_ = 0;
  has_previous_ = false;
}

void AndersonMixer::step(double *x, const double *f, MPI_Comm world) {
  const int n = size_;
  if (has_previous_) {
    double *dx = &point_changes_[static_cast<std::size_t>(next_slot_) * n];
    double *df = &residual_changes_[static_cast<std::size_t>(next_slot_) * n];
    for (int k = 0; k < n; k++) {
      dx[k] = x[k] - previous_point_[k];
      df[k] = f[k] - previous_residual_[k];
    }
    next_slot_ = (next_slot_ + 1) % history_;
    count_ = std::min(count_ + 1, history_);
  }
  std::copy(x, x + n, previous_point_.begin());
  std::copy(f, f + n, previous_residual_.begin());
  has_previous_ = true;

  int m = count_;
  if (m > 0) {
    // Local parts of the normal equations (dF^T dF + ridge) gamma = dF^T f, then summed over the ranks.
    int slot = 0;
    for (int a = 0; a < m; a++) {
      const double *fa = &residual_changes_[static_cast<std::size_t>(a) * n];
      for (int b = 0; b <= a; b++) {
        const double *fb = &residual_changes_[static_cast<std::size_t>(b) * n];
        double s = 0;
        for (int k = 0; k < n; k++) s += fa[k] * fb[k];
        sums_[slot++] = s;
      }
      double r = 0;
      for (int k = 0; k < n; k++) r += fa[k] * f[k];
      sums_[slot++] = r;
    }
    MPI_Allreduce(MPI_IN_PLACE, sums_.data(), slot, MPI_DOUBLE, MPI_SUM, world);
    slot = 0;
    double trace = 0;
    for (int a = 0; a < m; a++) {
      for (int b = 0; b <= a; b++) {
        gram_[a * m + b] = sums_[slot];
        gram_[b * m + a] = sums_[slot];
        slot++;
      }
      projection_[a] = sums_[slot++];
      trace += gram_[a * m + a];
    }
    const double ridge = 1e-12 * (trace / m + 1e-300);
    for (int a = 0; a < m; a++) gram_[a * m + a] += ridge;
    if (!cholesky_solve(gram_.data(), projection_.data(), gamma_.data(), m)) m = 0;
  }
  for (int k = 0; k < n; k++) {
    double v = x[k] + f[k];
    for (int a = 0; a < m; a++)
      v -= gamma_[a] * (point_changes_[static_cast<std::size_t>(a) * n + k] + residual_changes_[static_cast<std::size_t>(a) * n + k]);
    x[k] = v;
  }
}

}  // namespace latent
