using Latent.Cli.Bench.Lammps;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Tests;

/// <summary>The LAMMPS side of latent bench runs both cases and reads LAMMPS's timing and memory.</summary>
public sealed class LammpsBenchTests
{
    private static readonly Lazy<PotentialKernels> Cu = new(() => new PotentialLoader().Load("Cu"));
    private static readonly Lazy<PotentialKernels> NaCl = new(() => new PotentialLoader().Load("NaCl"));

    [LammpsFact]
    public void Cu_eam_times_108_atoms()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        var timing = LammpsBench.CuEam(Cu.Value, cellsPerSide: 3, threads: 1, steps: 10, skin: 0.5, directory.Path);
        Assert.Equal(108, timing.Atoms);
        Assert.Equal(10, timing.Steps);
        Assert.Equal(1, timing.Threads);
        Assert.True(timing.MicrosecondsPerAtomStep > 0 && double.IsFinite(timing.MicrosecondsPerAtomStep), $"{timing.MicrosecondsPerAtomStep} µs/atom-step");
        Assert.True(timing.BytesPerAtom > 0 && double.IsFinite(timing.BytesPerAtom), $"{timing.BytesPerAtom} B/atom");
        Assert.StartsWith("lmp -in in.cu-eam", timing.CommandLine);
        Assert.True(File.Exists(directory.File("Cu.setfl")));
    }

    [LammpsFact]
    public void NaCl_streitz_qeq_times_216_atoms_with_opposite_charges()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        var timing = LammpsBench.NaClStreitzQeq(NaCl.Value, cellsPerSide: 3, latticeConstant: 5.64, threads: 1, steps: 10, skin: 0.5, directory.Path);
        Assert.Equal(216, timing.Atoms);
        Assert.Equal(10, timing.Steps);
        Assert.True(timing.MicrosecondsPerAtomStep > 0 && double.IsFinite(timing.MicrosecondsPerAtomStep), $"{timing.MicrosecondsPerAtomStep} µs/atom-step");
        Assert.True(timing.BytesPerAtom > 0 && double.IsFinite(timing.BytesPerAtom), $"{timing.BytesPerAtom} B/atom");
        // QEq moved charge the chemical way: Na positive, Cl negative.
        Assert.Matches(@"q\(Na\) = \+0\.\d{3} e, q\(Cl\) = -0\.\d{3} e", timing.Note);
    }

    [LammpsFact]
    public void Two_threads_run_as_two_mpi_ranks_when_mpirun_is_there()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        if (Environment.ProcessorCount < 2)
        {
            // mpirun refuses more ranks than cores ("not enough slots"), rightly: there is nothing to time.
            return;
        }

        if (!LammpsLauncher.Parallelism(2).StartsWith("MPI", StringComparison.Ordinal))
        {
            // Without MPI the OPENMP package is the only other way, and a LAMMPS without it says so.
            var error = Record.Exception(() => LammpsBench.CuEam(Cu.Value, 3, 2, 10, 0.5, directory.Path));
            Assert.True(error is null || error.Message.Contains("cannot run on 2 threads", StringComparison.Ordinal), error?.Message);
            return;
        }

        var timing = LammpsBench.CuEam(Cu.Value, cellsPerSide: 3, threads: 2, steps: 10, skin: 0.5, directory.Path);
        Assert.Equal(108, timing.Atoms);
        Assert.StartsWith("mpirun -np 2 lmp", timing.CommandLine);
    }

    [PairStyleLatentFact]
    public void A_pair_style_build_that_does_not_compile_is_one_line_naming_the_compiler_error()
    {
        using var directory = new TempDirectory();
        directory.Write("CMakeLists.txt", "cmake_minimum_required(VERSION 3.16)\nproject(broken CXX)\nadd_executable(lmp-latent main.cpp)\n");
        directory.Write("main.cpp", "int main() { return not_declared_anywhere; }\n");
        var error = Assert.Throws<LammpsException>(() => LmpLatentBuild.Compile(directory.Path));
        Assert.StartsWith("pair_style latent did not build (cmake exit code", error.Message);
        // The compiler's line (its quotes follow the locale), not make's "Error 1" after it.
        Assert.Matches(@"main\.cpp:1:\d+: error: .not_declared_anywhere. was not declared", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_failed_run_reports_lammps_error_line()
    {
        var error = LammpsLog.LastError("LAMMPS (29 Sep 2021)\nERROR: Unknown pair style foo (src/force.cpp:279)\nLast command: pair_style foo\n");
        Assert.Equal("ERROR: Unknown pair style foo (src/force.cpp:279)", error);
        var missing = Assert.Throws<LammpsException>(() => LammpsLog.Parse("LAMMPS (29 Sep 2021)\nERROR: Unknown pair style foo (src/force.cpp:279)\n"));
        Assert.Contains("Unknown pair style foo", missing.Message);
    }
}
