"""Relax a NaCl cluster with ASE's BFGS, run ASE's Langevin MD on it, plot A and T (docs/ase.md)."""
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from ase import Atoms, units
from ase.md.langevin import Langevin
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.optimize import BFGS

from latent_ase import LatentCalculator

# A 2x2x2 rock-salt cube of Na and Cl, one Na pushed off its site.
d = 2.82
sites = [(i * d, j * d, k * d) for i in range(2) for j in range(2) for k in range(2)]
symbols = ["Na" if (i + j + k) % 2 == 0 else "Cl" for i in range(2) for j in range(2) for k in range(2)]
atoms = Atoms(symbols, positions=sites)
atoms.positions[0] += (0.1, 0.05, -0.07)

with LatentCalculator(potential="NaCl") as calc:
    atoms.calc = calc
    BFGS(atoms, logfile=None).run(fmax=1e-3)
    print("relaxed: A = %.6f eV" % atoms.get_potential_energy())
    print("charges:", np.round(atoms.get_charges(), 4))
    print("weights of atom 0:", np.round(calc.results["weights"][0], 4))

    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.RandomState(1))
    dyn = Langevin(atoms, 1 * units.fs, temperature_K=300, friction=0.01, rng=np.random.RandomState(2))
    time, potential, temperature = [], [], []

    def record():
        time.append(dyn.get_time() / units.fs)
        potential.append(atoms.get_potential_energy())
        temperature.append(atoms.get_temperature())

    dyn.attach(record, interval=5)
    dyn.run(500)

fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(6, 5))
top.plot(time, potential)
top.set_ylabel("free energy A (eV)")
bottom.plot(time, temperature)
bottom.set_ylabel("temperature (K)")
bottom.set_xlabel("time (fs)")
fig.tight_layout()
fig.savefig("nacl-langevin.png", dpi=120)
print("wrote nacl-langevin.png")
