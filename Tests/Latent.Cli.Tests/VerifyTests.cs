using System.Text.Json.Nodes;

namespace Latent.Cli.Tests;

/// <summary><c>latent verify</c>: exit codes, the JSON shape scripts rely on, the text report, and bad input.</summary>
public sealed class VerifyTests
{
    [Fact]
    public void Verify_NaCl_passes_and_writes_every_property_as_json()
    {
        var run = CliRun.Of("verify", "NaCl", "--cases", "20", "--seed", "1", "--json");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var json = JsonNode.Parse(run.Stdout)!;
        Assert.True(json["passed"]!.GetValue<bool>());
        Assert.Equal("NaCl", json["potential"]!.GetValue<string>());
        Assert.Equal(1UL, json["seed"]!.GetValue<ulong>());
        var properties = json["properties"]!.AsArray();
        var names = properties.Select(p => p!["name"]!.GetValue<string>()).Distinct().ToArray();
        Assert.Equal(["derivative", "interpreter", "simd", "build-time", "gradient", "forces", "stress"], names);
        Assert.Contains(properties, p => p!["pair"]!.GetValue<string>() == "Na-Cl" && p["term"]!.GetValue<string>() == "c.cation.anion" && p["name"]!.GetValue<string>() == "derivative");
        Assert.All(properties, p =>
        {
            Assert.True(p!["passed"]!.GetValue<bool>());
            Assert.True(p["cases"]!.GetValue<int>() > 0);
            Assert.Null(p["counterexample"]);
        });
    }

    [Fact]
    public void Verify_text_names_properties_pairs_and_the_seed()
    {
        var run = CliRun.Of("verify", "NaCl", "--cases", "10", "--seed", "7");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("NaCl: seed 7, 10 cases per kernel property", run.Stdout);
        foreach (var fragment in new[] { "derivative   Na-Cl", "simd", "build-time", "gradient", "forces", "stress", "properties hold" })
            Assert.Contains(fragment, run.Stdout);
    }

    [Fact]
    public void Verify_of_an_unknown_potential_is_a_user_error() =>
        CliRun.Of("verify", "NoSuchPotential").AssertUserError("no potential named 'NoSuchPotential'");

    [Fact]
    public void Verify_refuses_zero_cases() =>
        CliRun.Of("verify", "NaCl", "--cases", "0").AssertUserError("--cases must be at least 1");
}
