"""Checks of LatentCalculator that Tests/Latent.Cli.Tests run (each prints one JSON object).

    ase_checks.py relax STRUCTURE FMAX         ASE's BFGS through LatentCalculator: the final energy and charges
    ase_checks.py nve STRUCTURE STEPS DT SEED  ASE's VelocityVerlet from Maxwell-Boltzmann 300 K: A + kinetic per step
    ase_checks.py eval STRUCTURE               one calculation: every property LatentCalculator gives
    ase_checks.py switch A B                   one calculator on two structures of different species, then A again
    ase_checks.py fail STRUCTURE POTENTIAL     the LatentServeError a bad potential gives

LATENT_COMMAND says how to run latent; the potential is NaCl.
"""

import json
import sys

import numpy as np
from ase import units
from ase.io import read
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.md.verlet import VelocityVerlet
from ase.optimize import BFGS

from latent_ase import LatentCalculator, LatentServeError


def relax(path, fmax):
    atoms = read(path)
    with LatentCalculator(potential="NaCl") as calc:
        atoms.calc = calc
        opt = BFGS(atoms, logfile=None)
        converged = opt.run(fmax=float(fmax), steps=2000)
        return {"converged": bool(converged), "steps": opt.nsteps, "energy": atoms.get_potential_energy(),
                "fmax": float(np.abs(atoms.get_forces()).max()), "charges": atoms.get_charges().tolist()}


def nve(path, steps, dt, seed):
    atoms = read(path)
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.RandomState(int(seed)))
    with LatentCalculator(potential="NaCl") as calc:
        atoms.calc = calc
        dyn = VelocityVerlet(atoms, timestep=float(dt) * units.fs, logfile=None)
        total, kinetic = [], []

        def record():
            kinetic.append(atoms.get_kinetic_energy())
            total.append(atoms.get_potential_energy() + kinetic[-1])

        dyn.attach(record, interval=1)
        dyn.run(int(steps))
        return {"total": total, "kinetic": kinetic, "atoms": len(atoms)}


def evaluate(path):
    atoms = read(path)
    with LatentCalculator(potential="NaCl") as calc:
        atoms.calc = calc
        out = {"energy": atoms.get_potential_energy(), "free_energy": atoms.get_potential_energy(force_consistent=True),
               "forces": atoms.get_forces().tolist(), "charges": atoms.get_charges().tolist(),
               "energies": atoms.get_potential_energies().tolist(),
               "internal_energy": calc.results["internal_energy"],
               "weights": [w.tolist() for w in calc.results["weights"]]}
        if atoms.pbc.all():
            out["stress"] = atoms.get_stress().tolist()
        return out


def switch(first, second):
    a, b = read(first), read(second)
    with LatentCalculator(potential="NaCl") as calc:
        energies = []
        for atoms in (a, b, a):
            atoms.calc = calc
            energies.append(atoms.get_potential_energy())
        return {"energies": energies}


def fail(path, potential):
    atoms = read(path)
    try:
        with LatentCalculator(potential=potential) as calc:
            atoms.calc = calc
            atoms.get_potential_energy()
    except LatentServeError as error:
        return {"error": str(error)}
    return {"error": None}


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    result = {"relax": relax, "nve": nve, "eval": evaluate, "switch": switch, "fail": fail}[command](*args)
    print(json.dumps(result))
