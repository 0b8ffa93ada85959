namespace Latent.Symbolic.Kernels

open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile

/// Potential-file text to kernel programs: read with the shipped component library, then build the
/// kernel set. The build-time generator, the runtime loader, the tests and the benchmarks all take this
/// one path, so a file that compiles in one compiles the same way in the others.
[<RequireQualifiedAccess>]
module KernelPipeline =
    /// The kernel set of a potential file's text, or the located problems of the first stage that
    /// fails: every problem the reader found, else those of the kernel build.
    let fromText (text: string) : Result<KernelSet, PotentialError list> =
        PotentialReader.readWith (FunctionLibrary.table ()) text |> Result.bind KernelSet.build
