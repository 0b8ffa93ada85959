// The potentials compiled into this build: `latent export lammps` writes potential_registry.cpp, which lists the
// generated descriptions (latent::generated::<Name>()), so pair_coeff can name a potential.
#ifndef LATENT_POTENTIAL_REGISTRY_H
#define LATENT_POTENTIAL_REGISTRY_H

#include <string>

#include "latent_potential.h"

namespace latent {

/// The potential called `name`, or null.
const PotentialDescription *find_potential(const std::string &name);
/// The names of the compiled potentials, comma-separated, for error messages.
std::string potential_names();

}  // namespace latent

#endif
