"""LatentCalculator: Latent's energies, forces, stress, charges and per-atom energies in ASE.

The calculator is the i-PI *server*: it listens on a UNIX socket and starts ``latent serve --ipi`` as the
client, which keeps the potential compiled and the latent weights warm between calls. i-PI carries only a
cell and positions, so the species and periodic directions go to ``latent serve`` once, in a template file;
when they change (another structure), the process is started afresh.
"""

import json
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid

import numpy as np
from ase.calculators.calculator import Calculator, all_changes
from ase.calculators.socketio import IPIProtocol, SocketClosed, actualunixsocketname
from ase.stress import full_3x3_to_voigt_6_stress
from ase.units import Bohr, Ha


class LatentServeError(RuntimeError):
    """``latent serve`` could not be started, or stopped, or answered outside the protocol."""


class LatentCalculator(Calculator):
    """ASE calculator backed by a ``latent serve`` process.

    Parameters:

    potential: a shipped potential's name (``"NaCl"``, ``"Cu"``) or the path of a potential file.
    command: how to run Latent, as a list of words or a shell-style string; default: the environment
        variable ``LATENT_COMMAND`` (e.g. ``"dotnet /path/to/latent.dll"``), else ``latent`` on ``PATH``.
    threads: threads the engine may use (default: ``LATENT_THREADS``, else every core).
    timeout: seconds to wait for one answer (None: no limit; a dead process is noticed either way).

    ``energy`` and ``free_energy`` are the free energy A that the forces derive from. After a calculation,
    ``results`` also holds ``internal_energy`` (E), ``weights`` (each atom's latent weights over its
    element's states) and ``lambda`` (the chemical potential, eV/e).
    """

    implemented_properties = ["energy", "free_energy", "forces", "stress", "charges", "energies"]

    def __init__(self, potential="NaCl", command=None, threads=None, timeout=None, **kwargs):
        Calculator.__init__(self, **kwargs)
        self.potential = str(potential)
        self.command = _resolve_command(command)
        self.threads = threads
        self.timeout = timeout
        self._process = None
        self._served = None  # (numbers, pbc) of the structure the running process serves
        self._workdir = None
        self._listener = None
        self._socket_path = None
        self._connection = None
        self._protocol = None
        self._stderr = None

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        Calculator.calculate(self, atoms, properties, system_changes)
        atoms = self.atoms
        served = (tuple(atoms.numbers), tuple(bool(p) for p in atoms.pbc))
        if self._process is None or served != self._served:
            self._stop()
            self._start(atoms)
            self._served = served

        try:
            energy, forces, virial, extras = self._exchange(atoms)
        except LatentServeError:
            self._stop()
            raise
        except (OSError, AssertionError, ValueError) as error:
            # A closed or broken socket is the process ending: its stderr says why.
            raise self._failure(f"the connection broke ({error!r})") from None

        self.results["energy"] = energy
        self.results["free_energy"] = energy
        self.results["forces"] = forces
        if atoms.pbc.all() and atoms.cell.rank == 3:
            self.results["stress"] = -full_3x3_to_voigt_6_stress(virial) / atoms.get_volume()
        self.results["internal_energy"] = extras["E"]
        self.results["lambda"] = extras["lambda"]
        self.results["charges"] = np.array(extras["charges"], dtype=float)
        self.results["energies"] = np.array(extras["energies"], dtype=float)
        if "weights" in extras:
            self.results["weights"] = [np.array(w, dtype=float) for w in extras["weights"]]

    def close(self):
        """Ends the ``latent serve`` process (closing the socket ends it; it is killed if it lingers)."""
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __del__(self):
        try:
            self._stop()
        except Exception:
            pass

    # --- the process and the socket -------------------------------------------------------------

    def _start(self, atoms):
        self._workdir = tempfile.mkdtemp(prefix="latent_ase_")
        template = os.path.join(self._workdir, "served.extxyz")
        _write_template(template, atoms)
        name = "latent_{}_{}".format(os.getpid(), uuid.uuid4().hex[:12])
        self._socket_path = actualunixsocketname(name)
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(self._socket_path)
        self._listener.listen(1)

        args = list(self.command) + ["serve", template, "--potential", self.potential,
                                     "--ipi", "unix:" + name, "--extras", "json"]
        if self.threads is not None:
            args += ["--threads", str(int(self.threads))]
        self._stderr = open(os.path.join(self._workdir, "stderr.txt"), "w+")
        try:
            self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                             stderr=self._stderr)
        except OSError as error:
            self._stop()
            raise LatentServeError("cannot start {}: {}".format(shlex.join(args), error)) from None

        # Wait for the client, but notice a process that fails first (a bad potential, say).
        self._listener.settimeout(0.25)
        while True:
            try:
                self._connection, _ = self._listener.accept()
                break
            except socket.timeout:
                if self._process.poll() is not None:
                    raise self._failure("it ended before connecting")
        self._connection.settimeout(self.timeout)
        self._protocol = IPIProtocol(self._connection)

    def _exchange(self, atoms):
        protocol = self._protocol
        status = protocol.status()
        if status == "NEEDINIT":
            protocol.sendinit()
            status = protocol.status()
        _expect(status, "READY")
        cell = np.array(atoms.cell)
        protocol.sendposdata(cell, np.linalg.pinv(cell).transpose(), atoms.positions)
        _expect(protocol.status(), "HAVEDATA")
        protocol.sendmsg("GETFORCE")
        _expect(protocol.recvmsg(), "FORCEREADY")
        # Read here rather than with IPIProtocol.sendrecv_force: ASE 3.22 tests the extra bytes with
        # `if morebytes:`, which fails for more than one byte.
        energy = float(protocol.recv(1, np.float64)[0]) * Ha
        natoms = int(protocol.recv(1, np.int32)[0])
        if natoms != len(atoms):
            raise LatentServeError("latent serve answered for {} atoms, not {}".format(natoms, len(atoms)))
        forces = protocol.recv((natoms, 3), np.float64) * (Ha / Bohr)
        virial = protocol.recv((3, 3), np.float64).T.copy() * Ha
        nbytes = int(protocol.recv(1, np.int32)[0])
        extras = protocol.recv(nbytes, np.byte).tobytes() if nbytes > 0 else b""
        try:
            return energy, forces, virial, json.loads(extras.decode("utf-8"))
        except ValueError:
            raise LatentServeError("latent serve sent extras that are not JSON: {!r}".format(extras[:80])) from None

    def _failure(self, what):
        """The error for a process that stopped, with its exit code and stderr; stops what is left."""
        code = None
        if self._process is not None:
            try:
                code = self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        stderr = ""
        if self._stderr is not None:
            self._stderr.flush()
            self._stderr.seek(0)
            stderr = self._stderr.read().strip()
        self._stop()
        message = "latent serve failed: {}".format(what)
        if code is not None:
            message += " (exit code {})".format(code)
        if stderr:
            message += ":\n" + stderr
        return LatentServeError(message)

    def _stop(self):
        for closable in (self._connection, self._listener):
            if closable is not None:
                closable.close()
        self._connection = self._listener = self._protocol = None
        if self._process is not None:
            # The closed socket is the end of the run for latent serve; kill it only if it lingers.
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._socket_path is not None and os.path.exists(self._socket_path):
            os.unlink(self._socket_path)
        self._socket_path = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
        self._served = None


def _resolve_command(command):
    """The words that run Latent: the argument, else $LATENT_COMMAND, else `latent` on PATH."""
    if command is None:
        command = os.environ.get("LATENT_COMMAND")
    if command is None:
        found = shutil.which("latent")
        if found is None:
            raise LatentServeError("cannot find Latent: put `latent` on PATH, set LATENT_COMMAND "
                                   "(e.g. 'dotnet /path/to/latent.dll'), or pass command=")
        return [found]
    words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
    if not words:
        raise LatentServeError("the command that runs Latent is empty")
    return words


def _write_template(path, atoms):
    """The structure as extended XYZ: species and periodic directions are what latent serve keeps from it."""
    pbc = " ".join("T" if p else "F" for p in atoms.pbc)
    header = 'Properties=species:S:1:pos:R:3 pbc="{}"'.format(pbc)
    if atoms.pbc.any():
        lattice = " ".join(repr(float(x)) for x in np.array(atoms.cell).ravel())
        header = 'Lattice="{}" {}'.format(lattice, header)
    with open(path, "w") as f:
        f.write("{}\n{}\n".format(len(atoms), header))
        for symbol, (x, y, z) in zip(atoms.get_chemical_symbols(), atoms.positions):
            f.write("{} {!r} {!r} {!r}\n".format(symbol, float(x), float(y), float(z)))


def _expect(message, wanted):
    if message != wanted:
        raise LatentServeError("latent serve answered {!r} where the protocol says {!r}".format(message, wanted))

