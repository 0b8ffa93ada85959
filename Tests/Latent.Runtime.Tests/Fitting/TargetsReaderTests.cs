using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>Targets files: what they say, read into values in canonical units, and one located message for each way they can be wrong.</summary>
public class TargetsReaderTests
{
    private const string Structures = """
        [structures.molecule]
        kind = "dimer"
        elements = ["Na", "Cl"]

        [structures.crystal]
        kind = "rocksalt"
        elements = ["Na", "Cl"]
        lattice_constant = 5.64

        """;

    private static TargetsFile Read(string text) => TargetsReader.Read(text, "t.toml", Path.GetTempPath());

    [Fact]
    public void ReadsStructuresTargetsUnitsAndTolerances()
    {
        var file = Read("""
            format = 1
            description = "test"
            [fit]
            max_iterations = 7
            starts = 3
            seed = 42
            gradients = "central-differences"
            [bounds]
            rho = [0.2, 0.5]

            """ + Structures + """
            [[targets]]
            structure = "molecule"
            property = "bond_length"
            value = 0.23609
            unit = "nm"
            tolerance = "1%"
            source = "Huber and Herzberg"

            [[targets]]
            structure = "crystal"
            property = "bulk_modulus"
            value = 0.1498
            unit = "eV/Å^3"
            weight = 4
            tolerance = 0.001
            """);
        Assert.Equal(new FitSettings(MaxIterations: 7, Starts: 3, Seed: 42, Gradients: GradientMethod.CentralDifferences), file.Settings);
        Assert.Equal(new ParameterBound(0.2, 0.5, 9), file.Bounds["rho"]);
        Assert.Equal(2, file.Structures.Count);
        var bond = file.Targets[0];
        Assert.Equal("molecule bond_length", bond.Label);
        Assert.Equal(2.3609, bond.Values[0], 12);
        Assert.Equal(2.3609, bond.Scale, 12);
        Assert.Equal(0.023609, bond.Tolerance!.Value, 12);
        Assert.Equal("Huber and Herzberg", bond.Source);
        var bulk = file.Targets[1];
        Assert.Equal(0.1498 * 160.21766208, bulk.Values[0], 9);
        Assert.Equal(4, bulk.Weight);
        Assert.Equal(0.001 * 160.21766208, bulk.Tolerance!.Value, 9);
    }

    [Fact]
    public void FileStructuresTakeTheirTargetsFromTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("latent-targets-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "c.xyz"), """
                2
                Lattice="6 0 0 0 6 0 0 0 6" Properties=species:S:1:pos:R:3:forces:R:3:charges:R:1 energy=-7.5 stress="0.01 0.02 0.03 0 0 0" pbc="T T T"
                Na 0 0 0 0.1 0.2 0.3 0.9
                Cl 2.8 0 0 -0.1 -0.2 -0.3 -0.9

                """);
            var file = TargetsReader.Read("""
                [structures.snap]
                kind = "file"
                path = "c.xyz"
                [[targets]]
                structure = "snap"
                property = "energy"
                [[targets]]
                structure = "snap"
                property = "forces"
                [[targets]]
                structure = "snap"
                property = "stress"
                [[targets]]
                structure = "snap"
                property = "charges"
                atoms = [1]
                """, "t.toml", dir);
            Assert.Equal(-7.5, file.Targets[0].Values[0]);
            Assert.Equal([0.1, 0.2, 0.3, -0.1, -0.2, -0.3], file.Targets[1].Values);
            Assert.Equal(0.02 * 160.21766208, file.Targets[2].Values[1], 9);
            Assert.Equal([-0.9], file.Targets[3].Values);
            Assert.Equal("snap charges [1]", file.Targets[3].Label);
            Assert.Equal(["Na", "Cl"], file.Structures[0].Elements);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, int, string> BadFiles => new()
    {
        { "[[targets]]\nstructure = \"x\"\nproperty = \"energy\"\n", 1, "no [structures.NAME]" },
        { Structures, 1, "no [[targets]]" },
        { "format = 2\n" + Structures, 1, "format 2" },
        { "[fit]\nmax_iterations = 0\n" + Structures, 2, "max_iterations must be at least 1" },
        { "[fit]\ngradients = \"finite\"\n" + Structures, 2, "\"central-differences\"" },
        { "[fit]\nspeed = 1\n" + Structures, 2, "unknown key 'speed'" },
        { "[fit]\nallow_broken = \"pplb\"\n" + Structures, 2, "allow_broken must be a list" },
        { "[fit]\nallow_broken = [\"pplb\",\n  \"\"]\n" + Structures, 3, "allow_broken lists an empty name" },
        { "[fit]\nallow_broken = [\"pplb\",\n  \"pplb\"]\n" + Structures, 3, "allow_broken lists 'pplb' twice" },
        { "[bounds]\nrho = [0.5, 0.2]\n" + Structures, 2, "must be below the upper bound" },
        { "[bounds]\nrho = 0.2\n" + Structures, 2, "[lower, upper]" },
        { "[structures.m]\nkind = \"trimer\"\n", 2, "unknown structure kind 'trimer'" },
        { "[structures.m]\nkind = \"dimer\"\nelements = [\"Na\"]\n", 3, "a dimer names two elements" },
        { "[structures.c]\nkind = \"fcc\"\nelements = [\"Cu\"]\n", 1, "needs lattice_constant" },
        { "[structures.c]\nkind = \"fcc\"\nelements = [\"Cu\"]\nlattice_constant = -3\n", 4, "between 0 and 100" },
        { "[structures.f]\nkind = \"file\"\npath = \"missing.xyz\"\n", 3, "no structure file 'missing.xyz'" },
        { Structures + "[[targets]]\nstructure = \"nothing\"\nproperty = \"bond_length\"\nvalue = 1\n", 10, "unknown structure 'nothing'" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"lattice_constant\"\nvalue = 1\n", 11, "not a property of a dimer structure" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"colour\"\nvalue = 1\n", 11, "unknown property 'colour'" },
        { Structures + "[[targets]]\nstructure = \"crystal\"\nproperty = \"vacancy_formation_energy\"\nvalue = 1\n", 11, "(it is of: fcc, bcc)" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\n", 9, "give value = ..." },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\nunit = \"eV\"\n", 13, "'eV' is not a unit of length" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\nweight = -1\n", 13, "weight must be a finite number" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\ntolerance = \"x%\"\n", 13, "not a positive percentage" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\nvalu = 2\n", 13, "unknown key 'valu'" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = \"2.36\"\n", 12, "value must be a number" },
        { Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\n[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.4\n", 13, "given twice" },
        { "targets = 3\n" + Structures, 1, "array of tables" },
        { "x = [1,\n", 1, "" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesGiveOneLocatedMessage(string text, int line, string fragment)
    {
        var error = Assert.Throws<TargetsFileException>(() => Read(text));
        Assert.Contains(fragment, error.Message);
        if (fragment.Length > 0)
            Assert.Equal(line, error.Line);
        Assert.Equal("t.toml", error.Path);
    }

    [Fact]
    public void TheFitRefusesTargetsThatDoNotFitThePotential()
    {
        var potential = new ParameterizedPotential(PotentialSource.Resolve("NaCl"));
        var boundOnFixed = Read("[bounds]\nnot_fitted = [0, 1]\n" + Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\n");
        var e1 = Assert.Throws<FitSetupException>(() => new FitProblem(potential, boundOnFixed, null));
        Assert.Contains("'not_fitted'", e1.Message);
        Assert.Equal(2, e1.Line);

        var copper = Read("[structures.c]\nkind = \"fcc\"\nelements = [\"Cu\"]\nlattice_constant = 3.6\n[[targets]]\nstructure = \"c\"\nproperty = \"c11\"\nvalue = 168\n");
        var e2 = Assert.Throws<FitSetupException>(() => new FitProblem(potential, copper, null));
        Assert.Contains("needs Cu", e2.Message);
        Assert.Equal(1, e2.Line);

        var startOutside = Read("[bounds]\nrho = [0.4, 0.5]\n" + Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\n");
        Assert.Contains("outside (or on) its bounds", Assert.Throws<FitSetupException>(() => new FitProblem(potential, startOutside, null)).Message);

        var analyticWithout = Read(Structures + "[[targets]]\nstructure = \"molecule\"\nproperty = \"bond_length\"\nvalue = 2.36\n");
        Assert.Contains("no parameter response", Assert.Throws<FitSetupException>(() => new FitProblem(potential, analyticWithout, null)).Message);
    }
}
