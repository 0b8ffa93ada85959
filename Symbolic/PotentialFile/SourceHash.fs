namespace Latent.Symbolic.PotentialFile

open System.Globalization
open System.Security.Cryptography
open System.Text

/// The identity of a potential file's text. Generated kernels record it (SourceHash) so the runtime can
/// tell whether its build-time kernels were made from the file it holds; the source generator, the
/// runtime and the tools all compute it here, so they cannot disagree.
[<RequireQualifiedAccess>]
module SourceHash =
    /// SHA-256 of the text as UTF-8, lower-case hex (64 characters).
    let ofText (text: string) : string =
        use sha = SHA256.Create()
        let bytes = sha.ComputeHash(Encoding.UTF8.GetBytes text)
        let hex = StringBuilder(bytes.Length * 2)
        for b in bytes do
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture)) |> ignore
        hex.ToString()
