// Stand-in for fmt/core.h of the fmt bundled with LAMMPS: the same declarations as fmt/format.h here.
#include "format.h"
