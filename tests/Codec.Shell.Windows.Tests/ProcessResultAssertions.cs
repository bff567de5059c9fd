namespace RegionCodec.Shell.Windows.Tests;

internal static class ProcessResultAssertions
{
    /// <summary>Exit 0 (and, when given, the one-line message on stdout), else fails with everything the program said.</summary>
    public static void ShouldSucceed(this ProcessResult result, string what, string? expectedLine = null)
    {
        Assert.True(result.ExitCode == 0, $"{what}: {result}");
        if (expectedLine is not null)
        {
            Assert.True(result.Output.Contains(expectedLine, StringComparison.Ordinal), $"{what}: expected \"{expectedLine}\" in {result}");
        }
    }
}
