namespace Latent.Symbolic.PotentialFile

/// Every problem a potential file can have, with a stable code. The Roslyn generator turns this
/// table into its diagnostic descriptors and the CLI prints the same codes, so a code means one
/// thing everywhere.
[<RequireQualifiedAccess>]
module ErrorCodes =
    let TomlSyntax = "LAT001"
    let FormulaSyntax = "LAT002"
    let UnknownSymbol = "LAT003"
    let MissingKey = "LAT004"
    let WrongType = "LAT005"
    let MissingPair = "LAT006"
    let InvalidValue = "LAT007"
    let ElectronCount = "LAT008"
    let AtomicData = "LAT009"
    let SlaterExponents = "LAT010"
    let WrongVariable = "LAT011"
    let UnknownKey = "LAT012"
    let Duplicate = "LAT013"
    let UnsupportedFormat = "LAT014"
    let UnknownConstraint = "LAT015"
    let UnknownConstraintKind = "LAT016"
    let ChargeModel = "LAT017"

    /// (code, title) of every code, in code order.
    let all: (string * string) list =
        [ TomlSyntax, "Potential file is not valid TOML"
          FormulaSyntax, "Formula does not parse"
          UnknownSymbol, "Unknown symbol in formula"
          MissingKey, "Required key is missing"
          WrongType, "Value has the wrong type"
          MissingPair, "Element pair has no formulas"
          InvalidValue, "Value is out of its allowed range"
          ElectronCount, "Shells do not hold the state's electrons"
          AtomicData, "Atomic data is missing"
          SlaterExponents, "Slater exponents too close for a closed form"
          WrongVariable, "Formula depends on a variable it may not use"
          UnknownKey, "Unknown key"
          Duplicate, "Defined twice"
          UnsupportedFormat, "Unsupported potential-file format"
          UnknownConstraint, "Unknown constraint name"
          UnknownConstraintKind, "Unknown constraint kind or scope"
          ChargeModel, "Key belongs to the other charge model" ]
