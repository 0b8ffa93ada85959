#include "pair_latent.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "fix.h"
#include "force.h"
#include "memory.h"
#include "modify.h"
#include "neigh_list.h"
#include "neighbor.h"
#include "potential_registry.h"
#include "update.h"

using namespace LAMMPS_NS;

namespace {

// The name of the fix property/atom that carries the weights from step to step (and across ranks as atoms migrate).
const char *const kWeightsFix = "LATENT_WEIGHTS";

double parse_number(const char *text, bool &ok) {
  char *end = nullptr;
  const double value = std::strtod(text, &end);
  ok = end != text && *end == '\0' && std::isfinite(value);
  return value;
}

}  // namespace

PairLatent::PairLatent(LAMMPS *lmp) : Pair(lmp) {
  single_enable = 0;
  restartinfo = 0;
  one_coeff = 1;
  manybody_flag = 1;
  comm_forward = 0;
  comm_reverse = 0;
}

PairLatent::~PairLatent() {
  if (allocated) {
    memory->destroy(setflag);
    memory->destroy(cutsq);
  }
}

Pair *PairLatent::creator(LAMMPS *lmp) { return new PairLatent(lmp); }

void PairLatent::fail(const std::string &message) { error->all(FLERR, "pair_style latent: " + message); }

void PairLatent::allocate() {
  allocated = 1;
  const int n = atom->ntypes;
  memory->create(setflag, n + 1, n + 1, "pair:setflag");
  memory->create(cutsq, n + 1, n + 1, "pair:cutsq");
  for (int i = 1; i <= n; i++)
    for (int j = i; j <= n; j++) setflag[i][j] = 0;
}

void PairLatent::settings(int narg, char **arg) {
  for (int k = 0; k < narg; k++) {
    const std::string key = arg[k];
    bool ok = true;
    if (key == "coul/dsf" && k + 2 < narg) {
      coulomb_damping_ = parse_number(arg[k + 1], ok);
      bool ok2 = true;
      coulomb_cutoff_ = parse_number(arg[k + 2], ok2);
      if (!ok || !ok2 || coulomb_damping_ < 0 || !(coulomb_cutoff_ > 0))
        fail(std::string("coul/dsf takes a damping >= 0 (1/A) and a cutoff > 0 (A); got '") + arg[k + 1] + "' '" + arg[k + 2] + "'");
      coulomb_direct_ = false;
      k += 2;
    } else if (key == "coul/direct" && k + 1 < narg) {
      coulomb_cutoff_ = parse_number(arg[++k], ok);
      if (!ok || !(coulomb_cutoff_ > 0)) fail(std::string("coul/direct takes a cutoff > 0 (A) spanning the cluster; got '") + arg[k] + "'");
      coulomb_direct_ = true;
    } else if (key == "charge" && k + 1 < narg) {
      total_charge_ = parse_number(arg[++k], ok);
      if (!ok) fail(std::string("charge takes the total charge in e; got '") + arg[k] + "'");
    } else if (key == "compare" && k + 1 < narg) {
      const std::string value = arg[++k];
      if (value != "yes" && value != "no") fail("compare takes yes or no; got '" + value + "'");
      solver_settings_.compare_starts = value == "yes";
    } else if (key == "tolerance" && k + 1 < narg) {
      solver_settings_.tolerance = parse_number(arg[++k], ok);
      if (!ok || !(solver_settings_.tolerance > 0)) fail(std::string("tolerance takes a positive number; got '") + arg[k] + "'");
    } else {
      fail("unknown or incomplete argument '" + key + "' (pair_style latent [coul/dsf ALPHA CUTOFF | coul/direct CUTOFF] [charge Q] [compare yes|no] [tolerance TOL])");
    }
  }
}

void PairLatent::coeff(int narg, char **arg) {
  if (!allocated) allocate();
  if (narg != 3 + atom->ntypes)
    fail("pair_coeff * * POTENTIAL then one element per atom type: " + std::to_string(atom->ntypes) + " types need " +
         std::to_string(3 + atom->ntypes) + " arguments, got " + std::to_string(narg));
  if (std::strcmp(arg[0], "*") != 0 || std::strcmp(arg[1], "*") != 0) fail("pair_coeff must be * * (one call for every type)");
  const latent::PotentialDescription *potential = latent::find_potential(arg[2]);
  if (!potential) fail(std::string("no potential '") + arg[2] + "' in this build (it has: " + latent::potential_names() + ")");
  if (potential->continuous_charges)
    fail(std::string("potential '") + arg[2] + "' has continuous (QEq) charges, which pair_style latent does not run yet; use the .NET engine (docs/scale.md)");
  element_of_type_.assign(atom->ntypes + 1, -1);
  for (int t = 1; t <= atom->ntypes; t++) {
    const char *symbol = arg[2 + t];
    for (int e = 0; e < potential->element_count; e++)
      if (std::strcmp(potential->elements[e].symbol, symbol) == 0) element_of_type_[t] = e;
    if (element_of_type_[t] < 0) {
      std::string known;
      for (int e = 0; e < potential->element_count; e++) known += (e ? ", " : "") + std::string(potential->elements[e].symbol);
      fail("atom type " + std::to_string(t) + " is '" + symbol + "', which potential " + potential->name + " does not describe (it has " + known + ")");
    }
  }
  for (int i = 1; i <= atom->ntypes; i++)
    for (int j = i; j <= atom->ntypes; j++) setflag[i][j] = 1;
  potential_ = potential;
  const double cutoff = coulomb_cutoff_ > 0 ? coulomb_cutoff_ : std::max(12.0, potential->cutoff);
  coulomb_ = coulomb_direct_ ? latent::LongRangeCoulomb::direct(cutoff) : latent::LongRangeCoulomb::damped_shifted_force(coulomb_damping_, cutoff);
  cut_global_ = std::max(potential->cutoff, cutoff);
  if (potential->embedding_layout.output_count > latent::EnsembleSystem::EMBEDDING_OUTPUTS_MAX)
    fail("the potential's embedding kernel writes more outputs than this build handles");
  system_.reset(new latent::EnsembleSystem(*potential, coulomb_, world, *this));
  solver_.reset(new latent::WeightSolver(solver_settings_));
  // Per-atom exchanges: weights (stride S), and u, host density and V together (S + 2).
  comm_forward = system_->stride() + 2;
  comm_reverse = system_->stride() + 2;
  have_previous_ = false;
  // The weights live in a fix property/atom, so they move with atoms between ranks, warm-start the next step and
  // can be dumped; made here rather than at init so a dump command after pair_coeff can name them.
  if (modify->find_fix(kWeightsFix) < 0) {
    std::string command = std::string(kWeightsFix) + " all property/atom";
    for (int a = 1; a <= system_->stride(); a++) command += " d_latent_w" + std::to_string(a);
    modify->add_fix(command);
  }
}

void PairLatent::init_style() {
  if (!potential_) fail("pair_coeff has not named a potential");
  if (!atom->q_flag) fail("needs per-atom charges: use atom_style charge (or full)");
  if (!atom->tag_enable) fail("needs atom IDs (atom_modify id yes, the default): a small system's charge patterns are tried in ID order");
  if (!force->newton_pair) fail("needs newton_pair on (the default): ghost atoms' shares of the per-atom sums go back to their owners");
  if (coulomb_direct_) {
    if (domain->xperiodic || domain->yperiodic || domain->zperiodic)
      fail("coul/direct sums the bare 1/r of a cluster: the box must not be periodic (boundary f f f or s s s); periodic cells use coul/dsf");
    check_direct_span();
  }
  Pair::init_style();  // a half neighbour list
  const int s = system_->stride();
  weight_columns_.assign(s, -1);
  for (int a = 0; a < s; a++) {
    int flag = 0, cols = 0;
    const std::string name = "latent_w" + std::to_string(a + 1);
    weight_columns_[a] = atom->find_custom(name.c_str(), flag, cols);
    if (weight_columns_[a] < 0 || flag != 1 || cols != 0) fail("the per-atom weight d_" + name + " is missing or not a double vector");
  }
}

void PairLatent::check_direct_span() {
  // Every pair must lie within the cutoff, or the bare sum would silently leave some out.
  const double dx = domain->boxhi[0] - domain->boxlo[0], dy = domain->boxhi[1] - domain->boxlo[1], dz = domain->boxhi[2] - domain->boxlo[2];
  const double diagonal = std::sqrt(dx * dx + dy * dy + dz * dz);
  if (!(diagonal < coulomb_.cutoff()))
    fail("coul/direct needs a cutoff longer than the box diagonal (" + std::to_string(diagonal) + " A) so that it counts every pair; it is " +
         std::to_string(coulomb_.cutoff()) + " A");
}

double PairLatent::init_one(int, int) { return cut_global_; }

void *PairLatent::extract(const char *name, int &dim) {
  dim = 0;
  if (std::strcmp(name, "lambda") == 0) return &lambda_;
  return nullptr;
}

void PairLatent::compute(int eflag, int vflag) {
  ev_init(eflag, vflag);
  if (coulomb_direct_) check_direct_span();  // a shrink-wrapped box may have grown since init
  const int nlocal = atom->nlocal;
  const int nall = nlocal + atom->nghost;
  const int s = system_->stride();
  if (static_cast<int>(element_.size()) < nall) element_.resize(atom->nmax);
  if (static_cast<int>(ids_.size()) < nall) ids_.resize(atom->nmax);
  for (int i = 0; i < nall; i++) {
    element_[i] = element_of_type_[atom->type[i]];
    ids_[i] = atom->tag[i];
  }
  system_->bind(nlocal, nall, element_.data(), atom->x, list->inum, list->ilist, list->numneigh, list->firstneigh, NEIGHMASK);

  // Warm start when every atom on every rank carries weights from an earlier step.
  if (weights_.size() < static_cast<std::size_t>(nlocal) * s) weights_.resize(static_cast<std::size_t>(atom->nmax) * s);
  int carried = 1;
  for (int i = 0; i < nlocal; i++) {
    double sum = 0;
    for (int a = 0; a < s; a++) {
      weights_[static_cast<std::size_t>(i) * s + a] = atom->dvector[weight_columns_[a]][i];
      sum += weights_[static_cast<std::size_t>(i) * s + a];
    }
    if (std::fabs(sum - 1) > 1e-6) carried = 0;
  }
  int all_carried = 0;
  MPI_Allreduce(&carried, &all_carried, 1, MPI_INT, MPI_MIN, world);
  const bool warm = have_previous_ && all_carried;
  if (!warm) solver_->forget();

  latent::Solution solution;
  try {
    solution = solver_->solve(*system_, ids_.data(), potential_->temperature, total_charge_, warm, lambda_, weights_.data(), terms_);
  } catch (const latent::SolveError &e) {
    std::ostringstream where;
    where << e.what() << " (potential " << potential_->name << ", step " << update->ntimestep << ", " << system_->global_count() << " atoms)";
    fail(where.str());
  }
  lambda_ = solution.lambda;
  have_previous_ = true;

  for (int i = 0; i < nlocal; i++)
    for (int a = 0; a < s; a++) atom->dvector[weight_columns_[a]][i] = weights_[static_cast<std::size_t>(i) * s + a];
  const double *charges = system_->charges();
  for (int i = 0; i < nall; i++) atom->q[i] = charges[i];

  double **f = atom->f;
  const int newton = force->newton_pair;
  system_->add_forces(f, [&](int a, int b, double fpair, double dx, double dy, double dz) {
    if (evflag) ev_tally(a, b, nlocal, newton, 0.0, 0.0, fpair, dx, dy, dz);
  });
  if (eflag_either) {
    for (int i = 0; i < nlocal; i++) {
      const double e = terms_.free_energy(i);
      if (eflag_global) eng_vdwl += e;
      if (eflag_atom) eatom[i] += e;
    }
  }
  if (vflag_fdotr) virial_fdotr_compute();
}

void PairLatent::forward(double *data, int stride) {
  comm_data_ = data;
  comm_stride_ = stride;
  comm->forward_comm_pair(this);
}

void PairLatent::reverse(double *data, int stride) {
  comm_data_ = data;
  comm_stride_ = stride;
  comm->reverse_comm_pair(this);
}

int PairLatent::pack_forward_comm(int n, int *list, double *buf, int, int *) {
  int m = 0;
  for (int k = 0; k < n; k++)
    for (int c = 0; c < comm_stride_; c++) buf[m++] = comm_data_[static_cast<std::size_t>(list[k]) * comm_stride_ + c];
  return m;
}

void PairLatent::unpack_forward_comm(int n, int first, double *buf) {
  int m = 0;
  for (int i = first; i < first + n; i++)
    for (int c = 0; c < comm_stride_; c++) comm_data_[static_cast<std::size_t>(i) * comm_stride_ + c] = buf[m++];
}

int PairLatent::pack_reverse_comm(int n, int first, double *buf) {
  int m = 0;
  for (int i = first; i < first + n; i++)
    for (int c = 0; c < comm_stride_; c++) buf[m++] = comm_data_[static_cast<std::size_t>(i) * comm_stride_ + c];
  return m;
}

void PairLatent::unpack_reverse_comm(int n, int *list, double *buf) {
  int m = 0;
  for (int k = 0; k < n; k++)
    for (int c = 0; c < comm_stride_; c++) comm_data_[static_cast<std::size_t>(list[k]) * comm_stride_ + c] += buf[m++];
}
