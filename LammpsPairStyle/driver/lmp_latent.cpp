// lmp-latent: LAMMPS (the installed liblammps) with pair_style latent registered, running one input script,
// serially or under mpirun. Debian's LAMMPS has no plugin loader, so the style is inserted into
// Force::pair_map, as LAMMPS's own PLUGIN package does. The command `clear` rebuilds Force and forgets the
// registration, so a script is run in pieces split at its `clear` lines, registering again before each.
//
//   lmp-latent -in SCRIPT [-var NAME VALUE ...] [other LAMMPS command-line switches]
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "force.h"
#include "input.h"
#include "lammps.h"
#include "pair_latent.h"

using namespace LAMMPS_NS;

namespace {

void register_styles(LAMMPS *lmp) { (*lmp->force->pair_map)["latent"] = &PairLatent::creator; }

// Whether a script line is the command `clear` (leading blanks and a trailing comment allowed).
bool is_clear(const std::string &line) {
  std::istringstream words(line.substr(0, line.find('#')));
  std::string first, second;
  words >> first;
  return first == "clear" && !(words >> second);
}

}  // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);

  // -in SCRIPT is ours: LAMMPS would otherwise read the script itself, before the style is registered.
  std::string script;
  std::vector<char *> args{argv[0]};
  for (int k = 1; k < argc; k++) {
    const std::string a = argv[k];
    if ((a == "-in" || a == "-i") && k + 1 < argc)
      script = argv[++k];
    else
      args.push_back(argv[k]);
  }
  if (script.empty()) {
    if (rank == 0) std::fprintf(stderr, "lmp-latent: give the input script with -in SCRIPT\n");
    MPI_Finalize();
    return 2;
  }
  std::ifstream in(script);
  if (!in) {
    if (rank == 0) std::fprintf(stderr, "lmp-latent: cannot read the input script %s\n", script.c_str());
    MPI_Finalize();
    return 2;
  }
  std::vector<std::string> pieces(1);
  for (std::string line; std::getline(in, line);) {
    if (is_clear(line))
      pieces.emplace_back();
    else
      pieces.back() += line + "\n";
  }

  int lammps_argc = static_cast<int>(args.size());
  LAMMPS *lmp = new LAMMPS(lammps_argc, args.data(), MPI_COMM_WORLD);
  for (std::size_t p = 0; p < pieces.size(); p++) {
    if (p > 0) lmp->input->one("clear");
    register_styles(lmp);
    // Each piece runs from a file of its own, so loops and jumps within it work as in the whole script.
    const std::string path = script + ".piece" + std::to_string(p) + "." + std::to_string(rank);
    {
      std::ofstream out(path);
      out << pieces[p];
    }
    lmp->input->file(path.c_str());
    std::remove(path.c_str());
  }
  delete lmp;
  MPI_Finalize();
  return 0;
}
