// pair_style latent: a potential written in Latent, with its self-consistent latent weights, as a LAMMPS pair
// style (docs/scale.md). It solves the weights every step with the .NET engine's algorithm, stores them per atom
// in a fix property/atom (d_latent_w1 ... d_latent_wS, which migrate with the atoms, warm-start the next step and
// can be dumped), writes the charges into atom->q, and tallies energy (the free energy A), per-atom energy, forces
// and virial.
//
//   pair_style latent [coul/dsf ALPHA CUTOFF | coul/direct CUTOFF] [charge Q] [compare yes|no] [tolerance TOL]
//   pair_coeff * * POTENTIAL ELEMENT-OF-TYPE-1 ELEMENT-OF-TYPE-2 ...
#ifndef LATENT_PAIR_LATENT_H
#define LATENT_PAIR_LATENT_H

#include <memory>
#include <string>
#include <vector>

#include "ensemble_system.h"
#include "pair.h"
#include "weight_solver.h"

namespace LAMMPS_NS {

class PairLatent : public Pair, public latent::Exchange {
 public:
  explicit PairLatent(LAMMPS *lmp);
  ~PairLatent() override;

  void compute(int eflag, int vflag) override;
  void settings(int narg, char **arg) override;
  void coeff(int narg, char **arg) override;
  void init_style() override;
  double init_one(int i, int j) override;
  void *extract(const char *name, int &dim) override;

  int pack_forward_comm(int n, int *list, double *buf, int pbc_flag, int *pbc) override;
  void unpack_forward_comm(int n, int first, double *buf) override;
  int pack_reverse_comm(int n, int first, double *buf) override;
  void unpack_reverse_comm(int n, int *list, double *buf) override;

  // latent::Exchange
  void forward(double *data, int stride) override;
  void reverse(double *data, int stride) override;

  /// Creator for Force::pair_map: the driver registers "latent" with it.
  static Pair *creator(LAMMPS *lmp);

 private:
  void allocate();
  void check_direct_span();
  [[noreturn]] void fail(const std::string &message);

  const latent::PotentialDescription *potential_ = nullptr;
  std::vector<int> element_of_type_;  // index 1..ntypes
  std::vector<int> element_;          // per owned and ghost atom
  std::vector<long long> ids_;  // atom IDs of owned and ghost atoms, for the whole-system starts of a small system
  double coulomb_damping_ = 0.2;      // the .NET ensemble engine's default damping (1/A)
  double coulomb_cutoff_ = -1;        // negative: max(12 A, the potential's cutoff), as in .NET
  bool coulomb_direct_ = false;       // coul/direct: the bare 1/r of a cluster, as .NET sums it without a cell
  double total_charge_ = 0;
  latent::SolverSettings solver_settings_;
  std::unique_ptr<latent::EnsembleSystem> system_;
  std::unique_ptr<latent::WeightSolver> solver_;
  latent::LongRangeCoulomb coulomb_;
  latent::AtomTerms terms_;
  std::vector<double> weights_;
  std::vector<int> weight_columns_;  // atom->dvector index of d_latent_w1 ... d_latent_wS
  bool have_previous_ = false;
  double lambda_ = 0;
  double cut_global_ = 0;
  double *comm_data_ = nullptr;
  int comm_stride_ = 0;
};

}  // namespace LAMMPS_NS

#endif
