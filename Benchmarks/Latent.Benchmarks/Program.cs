namespace Latent.Benchmarks;

internal static class Program
{
    public static int Main(string[] args) => Verification.Command();
}
