using System.Diagnostics;

namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// Replays every committed fuzzing finding: fuzz/regressions/TARGET/NAME is an input for fuzz target
/// TARGET (see fuzz/README.md, "Turning a finding into a regression"). Each must now pass its target
/// (decode or fail with RsgFormatException, within the target's checks) within the smoke test's time bound.
/// </summary>
public sealed class RegressionTests
{
    public static TheoryData<string, string> Findings()
    {
        var data = new TheoryData<string, string>();
        foreach (string dir in Directory.EnumerateDirectories(Paths.Regressions).Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(dir), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void FindingIsFixed(string target, string name)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(Paths.Regressions, target, name));
        Action<byte[]> run = FuzzTargets.Get(target);
        var clock = Stopwatch.StartNew();
        run(input);

        // As in the smoke test: 2 s plus 4 µs per declared pixel (padded to whole MCUs).
        TimeSpan bound = TimeSpan.FromSeconds(2) + TimeSpan.FromMicroseconds(4.0 * FuzzTargets.DeclaredPixels(input, FuzzTargets.Options));
        Assert.True(clock.Elapsed < bound, $"{target}/{name} took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void ConformanceFilesPassEveryFileTarget()
    {
        // The seeds themselves: valid files decode identically whole and streamed, invalid ones fail.
        foreach (string file in Directory.EnumerateFiles(Paths.Conformance, "*.rsg", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            FuzzTargets.Decode(data);
            FuzzTargets.Container(data);
            FuzzTargets.Split(SplitPlan.Compose(data, [1, 5, 200]));
            FuzzTargets.ImageSharp(data);
        }
    }
}
