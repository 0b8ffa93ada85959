// What generated C++ kernels hand to the LAMMPS pair style: the C++ counterpart of the runtime's
// PotentialKernels (Runtime/Latent.Runtime/Kernels/). Generated code (Generators/Latent.Emit, C++ emitter)
// fills these structures as constant data; pair_style latent reads nothing else. Layout indices are printed
// from Latent.Symbolic's PairLayout and EmbeddingLayout, the one place that defines them, so no C++ code
// computes an output's offset itself.
#ifndef LATENT_POTENTIAL_H
#define LATENT_POTENTIAL_H

namespace latent {

/// A basis state of an element: name, integer charge (e), degeneracy, energy of the isolated atom (eV).
struct StateDescription {
  const char *name;
  int charge;
  int degeneracy;
  double energy;
};

/// An element: symbol, mass (u), valence, its states (ensemble model) or its χ and J (continuous charges).
struct ElementDescription {
  const char *symbol;
  double mass;
  double valence;
  int state_count;                 // 0 for a continuous-charge element
  const StateDescription *states;  // state_count entries, file order
  bool continuous_charge;
  double electronegativity;        // eV, continuous-charge elements only
  double hardness;                 // eV, continuous-charge elements only
};

/// Which output of one pair kernel holds what (value indices; see Symbolic/Kernels/KernelLayout.fs).
struct PairLayout {
  bool continuous_charges;
  int state_count_a;             // states of A (0 for continuous charges)
  int state_count_b;             // states of B (0 for continuous charges)
  int term_count;                // values are outputs 0 .. term_count-1
  int output_count;              // values and their r-derivatives
  const int *electrostatics;     // [state_count_a * state_count_b], index alpha * state_count_b + beta: value index of C_ab (null for continuous charges)
  int charge_coupling;           // value index of k_e (J_AB(r) - 1/r), continuous charges only (-1 otherwise)
  int pair_potential;            // value index of phi
  const int *density_at_a;       // [max(1, state_count_b)]: value index of what B in state beta adds to the host density at A
  const int *density_at_b;       // [max(1, state_count_a)]: value index of what A in state alpha adds to the host density at B
  const int *derivative;         // [term_count]: output index of d/dr of value k
};

/// Which output of an embedding kernel holds F, F' and F'' in the host density.
struct EmbeddingLayout {
  int value;
  int slope;
  int curvature;
  int output_count;
};

/// A kernel of one variable (r in Å for a pair, the host density for an embedding) writing its outputs.
typedef void (*ScalarKernel)(double x, double *outputs);

/// A kernel over n points: outputs[k * n + i] is output k at x[i]. Same numbers as the scalar kernel.
typedef void (*BatchKernel)(const double *x, int n, double *outputs);

/// The kernels of one element pair (element indices a <= b, into PotentialDescription::elements).
struct PairKernel {
  int a;
  int b;
  PairLayout layout;
  ScalarKernel scalar;
  BatchKernel batch;
};

/// The embedding kernels of one element.
struct EmbeddingKernel {
  int element;
  ScalarKernel scalar;
  BatchKernel batch;
};

/// Everything a potential's generated C++ provides.
struct PotentialDescription {
  const char *name;
  const char *source_hash;         // SHA-256 (hex) of the potential file
  const char *emitter_version;
  double temperature;              // K, of the ensemble weights
  double cutoff;                   // Å, of the short-range kernels
  double cutoff_width;             // Å
  bool continuous_charges;
  int element_count;
  const ElementDescription *elements;
  int pair_count;
  const PairKernel *pairs;
  int embedding_count;
  const EmbeddingKernel *embeddings;
  EmbeddingLayout embedding_layout;
};

}  // namespace latent

#endif
