using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// <see cref="ICalculator.GetProperty"/>: every name of <see cref="CalculatorProperties"/> gives the same
/// value as its typed getter; a name that is not a property, or one the calculator does not give, is an
/// error that says which.
/// </summary>
public sealed class PropertyByNameTests
{
    [Fact]
    public void Every_property_name_gives_what_its_typed_getter_gives()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 4);
        ICalculator calculator = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        var result = calculator.Calculate(s);
        Assert.Equal(result.FreeEnergy, (double)calculator.GetProperty(CalculatorProperties.Energy, s));
        Assert.Equal(result.FreeEnergy, (double)calculator.GetProperty(CalculatorProperties.FreeEnergy, s));
        Assert.Equal(result.InternalEnergy, (double)calculator.GetProperty(CalculatorProperties.InternalEnergy, s));
        Assert.Same(result.Forces, calculator.GetProperty(CalculatorProperties.Forces, s));
        Assert.Same(result.Stress, calculator.GetProperty(CalculatorProperties.Stress, s));
        Assert.Same(result.Charges, calculator.GetProperty(CalculatorProperties.Charges, s));
        Assert.Same(result.Weights, calculator.GetProperty(CalculatorProperties.LatentWeights, s));
        Assert.Equal(CalculatorProperties.All.Count, CalculatorProperties.All.Distinct().Count());
        Assert.All(CalculatorProperties.All, name => calculator.GetProperty(name, s));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_there_are()
    {
        var s = new Structure(["Na", "Na"], [new Vec3(0, 0, 0), new Vec3(2.8, 0, 0)], [1.0, 1.0], Cell.None);
        ICalculator calculator = new HarmonicPairCalculator(1.0, 2.8);
        var error = Assert.Throws<ArgumentException>(() => calculator.GetProperty("magmoms", s));
        Assert.Contains("'magmoms'", error.Message);
        Assert.Contains(CalculatorProperties.LatentWeights, error.Message);
    }

    [Fact]
    public void A_property_the_calculator_does_not_give_is_not_available_by_name()
    {
        // The spring calculator is for clusters: a triangle of springs at their rest length.
        var s = new Structure(["Na", "Na", "Na"], [new Vec3(0, 0, 0), new Vec3(2.8, 0, 0), new Vec3(1.4, 2.42, 0)], [1.0, 1.0, 1.0], Cell.None);
        ICalculator calculator = new HarmonicPairCalculator(1.0, 2.8);
        var error = Assert.Throws<PropertyNotAvailableException>(() => calculator.GetProperty(CalculatorProperties.Charges, s));
        Assert.Contains(nameof(HarmonicPairCalculator), error.Message);
        Assert.IsType<double>(calculator.GetProperty(CalculatorProperties.Energy, s));
    }
}
