namespace RegionCodec.Fuzz.Tests;

internal static class Paths
{
    /// <summary>The repository root, found from the test assembly's folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string Conformance => Path.Combine(Root, "spec", "conformance");

    public static string Regressions => Path.Combine(Root, "fuzz", "regressions");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "RegionCodec.sln")))
            {
                return dir;
            }
        }

        throw new DirectoryNotFoundException("RegionCodec.sln not found above " + AppContext.BaseDirectory);
    }
}
