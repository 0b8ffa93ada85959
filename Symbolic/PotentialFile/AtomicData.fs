namespace Latent.Symbolic.PotentialFile

open System
open System.Globalization
open Latent.Symbolic

/// Gas-phase data of one element (eV, amu). None where the quantity is not known or the anion is
/// not bound.
type AtomicRecord =
    { Symbol: string
      AtomicNumber: int
      Mass: float
      Ip1: float option
      Ip2: float option
      ElectronAffinity: float option }

/// The atomic-data table shipped inside the library (NIST ionisation energies, measured electron
/// affinities, standard atomic weights; sources in the CSV header). Potential files refer to its
/// values by name: ip1_Na, ip2_Na, ea_Na, mass_Na.
[<RequireQualifiedAccess>]
module AtomicData =
    let private parseCsv (text: string) : AtomicRecord list =
        let number (s: string) =
            if String.IsNullOrWhiteSpace s then None
            else Some(Double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))
        text.Split([| '\n' |], StringSplitOptions.RemoveEmptyEntries)
        |> Array.map (fun l -> l.TrimEnd '\r')
        |> Array.filter (fun l -> not (l.StartsWith "#") && not (l.StartsWith "symbol,"))
        |> Array.map (fun line ->
            let f = line.Split ','
            { Symbol = f.[0]
              AtomicNumber = Int32.Parse(f.[1], CultureInfo.InvariantCulture)
              Mass = Double.Parse(f.[2], NumberStyles.Float, CultureInfo.InvariantCulture)
              Ip1 = number f.[3]
              Ip2 = number f.[4]
              ElectronAffinity = if f.Length > 5 then number f.[5] else None })
        |> List.ofArray

    let private text = lazy (ShippedText.read "Latent.Symbolic.atomic-data.csv")
    let private table = lazy (parseCsv (text.Force()))

    /// Every element in the table, in order of atomic number.
    let all () = table.Force()

    /// The table's header comment without its '# ': which elements it covers, each column's meaning,
    /// unit and source, and why a value is missing. Kept in the CSV so that data and sources travel together.
    let notes () : string list =
        text.Force().Split('\n')
        |> Array.map (fun l -> l.TrimEnd '\r')
        |> Array.takeWhile (fun l -> l.StartsWith "#")
        |> Array.map (fun l -> if l.StartsWith "# " then l.Substring 2 else l.Substring 1)
        |> List.ofArray

    let tryFind (symbol: string) = all () |> List.tryFind (fun r -> r.Symbol = symbol)

    /// The names under which a formula can use this element's data, with their values.
    let symbolsOf (r: AtomicRecord) : (string * float) list =
        [ yield "mass_" + r.Symbol, r.Mass
          match r.Ip1 with Some v -> yield "ip1_" + r.Symbol, v | None -> ()
          match r.Ip2 with Some v -> yield "ip2_" + r.Symbol, v | None -> ()
          match r.ElectronAffinity with Some v -> yield "ea_" + r.Symbol, v | None -> () ]

    /// The value of a data name such as ip1_Na, or a message saying why there is none.
    let lookup (name: string) : Result<float, string> option =
        match name.Split([| '_' |], 2) with
        | [| kind; symbol |] when List.contains kind [ "mass"; "ip1"; "ip2"; "ea" ] ->
            match tryFind symbol with
            | None -> Some(Error(sprintf "no atomic data for element '%s'" symbol))
            | Some r ->
                match symbolsOf r |> List.tryFind (fun (n, _) -> n = name) with
                | Some(_, v) -> Some(Ok v)
                | None -> Some(Error(sprintf "the atomic-data table has no %s for %s" kind symbol))
        | _ -> None
