/// The shipped atomic-data table: which elements it covers, the values of a spread of rows against
/// the NIST, IUPAC and electron-affinity sources its header names, and checks that catch a typo in
/// any row (orderings every real atom obeys).
module Latent.Symbolic.Tests.AtomicDataTests

open Xunit
open Latent.Symbolic.PotentialFile

let private row symbol =
    match AtomicData.tryFind symbol with
    | Some r -> r
    | None -> failwithf "%s is not in the table" symbol

/// symbol, Z, standard atomic weight (amu), IP₁, IP₂, EA (eV; None: not tabulated / anion not bound).
/// The first 25 are the rows the table had before it grew, values unchanged except where the current
/// NIST value differs in the 4th decimal (IP₂ of Li, C and K) and Au's IP₂, which it lacked.
let pinned: (string * int * float * float * float option * float option) list =
    [ "H", 1, 1.008, 13.5984, None, Some 0.7542
      "Li", 3, 6.94, 5.3917, Some 75.6401, Some 0.6180
      "C", 6, 12.011, 11.2603, Some 24.3832, Some 1.2621
      "N", 7, 14.007, 14.5341, Some 29.6013, None
      "O", 8, 15.999, 13.6181, Some 35.1211, Some 1.4611
      "F", 9, 18.998, 17.4228, Some 34.9708, Some 3.4012
      "Na", 11, 22.990, 5.1391, Some 47.2864, Some 0.5479
      "Mg", 12, 24.305, 7.6462, Some 15.0353, None
      "Al", 13, 26.982, 5.9858, Some 18.8286, Some 0.4328
      "Si", 14, 28.085, 8.1517, Some 16.3459, Some 1.3895
      "P", 15, 30.974, 10.4867, Some 19.7695, Some 0.7466
      "S", 16, 32.06, 10.3600, Some 23.3379, Some 2.0771
      "Cl", 17, 35.45, 12.9676, Some 23.8136, Some 3.6127
      "K", 19, 39.098, 4.3407, Some 31.6250, Some 0.5015
      "Ca", 20, 40.078, 6.1132, Some 11.8717, Some 0.0246
      "Ti", 22, 47.867, 6.8281, Some 13.5755, Some 0.0755
      "Fe", 26, 55.845, 7.9025, Some 16.1992, Some 0.1532
      "Ni", 28, 58.693, 7.6399, Some 18.1688, Some 1.1572
      "Cu", 29, 63.546, 7.7264, Some 20.2924, Some 1.2358
      "Zn", 30, 65.38, 9.3942, Some 17.9644, None
      "Br", 35, 79.904, 11.8138, Some 21.591, Some 3.3636
      "Ag", 47, 107.868, 7.5762, Some 21.4844, Some 1.3045
      "I", 53, 126.904, 10.4513, Some 19.1313, Some 3.0590
      "Cs", 55, 132.905, 3.8939, Some 23.1575, Some 0.4716
      "Au", 79, 196.967, 9.2256, Some 20.203, Some 2.3086
      // A spread of the rows added: noble gases, alkali and alkaline-earth metals of periods 5 and 6,
      // 3d and 4d metals, the p block of period 4 and 5, and Tc (no stable isotope, EA never measured).
      "He", 2, 4.0026, 24.5874, Some 54.4178, None
      "Be", 4, 9.0122, 9.3227, Some 18.2112, None
      "B", 5, 10.81, 8.2980, Some 25.1548, Some 0.2797
      "Ne", 10, 20.180, 21.5645, Some 40.9630, None
      "Ar", 18, 39.95, 15.7596, Some 27.6297, None
      "Sc", 21, 44.956, 6.5615, Some 12.7998, Some 0.188
      "Cr", 24, 51.996, 6.7665, Some 16.4863, Some 0.6758
      "Mn", 25, 54.938, 7.4340, Some 15.6400, None
      "Co", 27, 58.933, 7.8810, Some 17.0844, Some 0.6623
      "Ga", 31, 69.723, 5.9993, Some 20.5151, Some 0.3012
      "Ge", 32, 72.630, 7.8994, Some 15.9346, Some 1.2327
      "Se", 34, 78.971, 9.7524, Some 21.196, Some 2.0206
      "Kr", 36, 83.798, 13.9996, Some 24.3598, None
      "Rb", 37, 85.468, 4.1771, Some 27.2895, Some 0.4859
      "Sr", 38, 87.62, 5.6949, Some 11.0303, Some 0.0521
      "Mo", 42, 95.95, 7.0924, Some 16.16, Some 0.7473
      "Tc", 43, 97.907, 7.1194, Some 15.26, Some 0.55
      "Pd", 46, 106.42, 8.3368, Some 19.43, Some 0.5621
      "Cd", 48, 112.414, 8.9938, Some 16.9083, None
      "Sn", 50, 118.710, 7.3439, Some 14.6331, Some 1.1121
      "Te", 52, 127.60, 9.0098, Some 18.6, Some 1.9709
      "Xe", 54, 131.293, 12.1298, Some 20.975, None
      "Ba", 56, 137.327, 5.2117, Some 10.0038, Some 0.1446 ]

[<Fact>]
let ``pinned rows hold their source values`` () =
    for symbol, z, mass, ip1, ip2, ea in pinned do
        let r = row symbol
        Assert.True(
            (r.AtomicNumber, r.Mass, r.Ip1, r.Ip2, r.ElectronAffinity) = (z, mass, Some ip1, ip2, ea),
            sprintf "%s: got %A" symbol r)

[<Fact>]
let ``the table covers every element from H to Ba and Au, each once, in order of Z`` () =
    let all = AtomicData.all ()
    Assert.Equal<int list>([ 1..56 ] @ [ 79 ], all |> List.map (fun r -> r.AtomicNumber))
    Assert.Equal(all.Length, all |> List.map (fun r -> r.Symbol) |> List.distinct |> List.length)
    Assert.Equal("Gas-phase atomic data of every element from H to Ba (Z 1–56) and of Au (Z 79): 57 elements.", List.head (AtomicData.notes ()))
    Assert.Equal(57, all.Length)

[<Fact>]
let ``only the elements whose anion is not bound lack an electron affinity, and only H an IP2`` () =
    let without f = AtomicData.all () |> List.filter (fun r -> Option.isNone (f r)) |> List.map (fun r -> r.Symbol)
    Assert.Equal<string list>([ "He"; "Be"; "N"; "Ne"; "Mg"; "Ar"; "Mn"; "Zn"; "Kr"; "Cd"; "Xe" ], without (fun r -> r.ElectronAffinity))
    Assert.Equal<string list>([ "H" ], without (fun r -> r.Ip2))
    Assert.Equal<string list>([], without (fun r -> r.Ip1))
    // The header says the same, so a reader of the file or of `latent data` is told.
    Assert.Contains(AtomicData.notes (), fun l -> l.Contains "not bound (He, Be, N, Ne, Mg, Ar, Mn, Zn, Kr,")

[<Fact>]
let ``every row obeys what every real atom does`` () =
    // A digit dropped or swapped in any row breaks one of these.
    for r in AtomicData.all () do
        let ip1 = r.Ip1.Value
        Assert.True(3.8 < ip1 && ip1 < 24.6, sprintf "%s: IP1 %g outside [Cs, He]" r.Symbol ip1)
        r.Ip2 |> Option.iter (fun ip2 -> Assert.True(ip2 > ip1, sprintf "%s: IP2 %g <= IP1 %g" r.Symbol ip2 ip1))
        r.ElectronAffinity |> Option.iter (fun ea -> Assert.True(0.0 < ea && ea < ip1 && ea < 3.62, sprintf "%s: EA %g" r.Symbol ea))
    // Standard atomic weights rise with Z except at the three inversions below Ba.
    let inversions = set [ "K"; "Ni"; "I" ]
    for a, b in AtomicData.all () |> List.pairwise do
        if b.AtomicNumber = a.AtomicNumber + 1 then
            Assert.True((b.Mass > a.Mass) <> inversions.Contains b.Symbol, sprintf "%s %g -> %s %g" a.Symbol a.Mass b.Symbol b.Mass)

[<Fact>]
let ``formulas reach the new rows by name`` () =
    Assert.Equal(Some(Ok 4.1771), AtomicData.lookup "ip1_Rb")
    Assert.Equal(Some(Ok 0.4716), AtomicData.lookup "ea_Cs")
    Assert.Equal(Some(Error "the atomic-data table has no ea for Xe"), AtomicData.lookup "ea_Xe")
    Assert.Equal(Some(Error "no atomic data for element 'Pt'"), AtomicData.lookup "mass_Pt")
