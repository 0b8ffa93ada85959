"""Regenerates the ASE-written fixtures of ExtendedXyzTests (ASE 3.22.1, Debian python3-ase).

The tests read the committed files and never need ASE. Run from this folder: python3 make_fixtures.py
"""
import numpy as np
from ase.build import bulk, molecule
from ase.io import write
from ase.calculators.singlepoint import SinglePointCalculator

rng = np.random.RandomState(1)

# Rock salt, rattled, with a single-point result: energy, forces, stress (ASE writes 9 stress numbers).
nacl = bulk('NaCl', 'rocksalt', a=5.64) * (1, 1, 2)
nacl.rattle(0.05, seed=3)
nacl.calc = SinglePointCalculator(nacl, energy=-12.5, forces=rng.randn(len(nacl), 3), stress=rng.randn(6))
write('nacl_forces.extxyz', nacl)

# Triclinic primitive fcc cell, periodic in two directions, with set masses and charges and typed info.
cu = bulk('Cu', 'fcc', a=3.6)
cu.pbc = [True, True, False]
cu.info['comment'] = 'fcc primitive cell'
cu.info['step'] = 7
cu.info['converged'] = True
cu.info['tags3'] = np.array([1.5, 2.5, 3.5])
cu.info['lst'] = [1, 2]
cu.info['meta'] = {'a': 1}
cu.set_initial_charges([0.25])
cu.set_masses([63.5])
write('cu_triclinic.extxyz', cu)

# A molecule with columns of every type.
water = molecule('H2O')
water.set_velocities(rng.randn(3, 3) * 0.01)
water.arrays['weights'] = rng.rand(3, 4)
water.arrays['label'] = np.array(['O1', 'H1', 'H2'])
water.arrays['fixed'] = np.array([True, False, False])
water.arrays['idx'] = np.array([0, 1, 2])
write('water_columns.extxyz', water)

# A three-frame trajectory.
frames = []
for i in range(3):
    co = molecule('CO')
    co.positions[1, 2] += 0.1 * i
    co.calc = SinglePointCalculator(co, energy=-1.0 - 0.25 * i, forces=rng.randn(2, 3))
    frames.append(co)
write('co_trajectory.extxyz', frames)

# Plain XYZ.
write('water_plain.xyz', molecule('H2O'), format='xyz')
