// Anderson acceleration of the weight solver's descent map, Walker and Ni's form, as the .NET solver does it
// (Runtime/Latent.Runtime/Engine/Solver/AndersonMixer.cs), over weights spread across MPI ranks: the history's
// dot products are summed on each rank and then over all ranks, so every rank takes the same step.
#ifndef LATENT_ANDERSON_MIXER_H
#define LATENT_ANDERSON_MIXER_H

#include <mpi.h>
#include <vector>

namespace latent {

class AndersonMixer {
 public:
  /// Buffers for points of `size` local values and a history of `history` steps; grows, never shrinks.
  void resize(int size, int history);
  /// Forgets the history.
  void reset();
  /// Remembers the change from the previous point and residual, then replaces x by x + f - (dX + dF) gamma.
  void step(double *x, const double *f, MPI_Comm world);

 private:
  int size_ = 0;
  int history_ = 1;
  int count_ = 0;
  int next_slot_ = 0;
  bool has_previous_ = false;
  std::vector<double> point_changes_;     // history_ rows of size_
  std::vector<double> residual_changes_;  // history_ rows of size_
  std::vector<double> previous_point_;
  std::vector<double> previous_residual_;
  std::vector<double> sums_;  // the Gram matrix's lower triangle and the projections, reduced together
  std::vector<double> gram_;
  std::vector<double> projection_;
  std::vector<double> gamma_;
};

}  // namespace latent

#endif
