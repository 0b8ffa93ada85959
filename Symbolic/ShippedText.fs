namespace Latent.Symbolic

open System.IO

/// Text files shipped inside this assembly (the component and constraint libraries, atomic data),
/// so that they are found from any directory.
[<RequireQualifiedAccess>]
module internal ShippedText =
    /// The text of an embedded resource by its logical name (Latent.Symbolic.…, see the project file).
    let read (name: string) : string =
        use stream = typeof<Expr>.Assembly.GetManifestResourceStream name
        use reader = new StreamReader(stream)
        reader.ReadToEnd()

    /// An embedded resource as `parse` reads it. A shipped file that does not parse is a broken
    /// build, not a user's mistake, hence an exception naming `what` it is.
    let parse (name: string) (what: string) (parse: string -> Result<'T, 'E>) : 'T =
        match parse (read name) with
        | Ok value -> value
        | Error e -> invalidOp (sprintf "the shipped %s is broken at %O" what e)
