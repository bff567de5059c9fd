using System.Text.Json;

namespace RegionCodec.Tools.Tests;

public sealed class TargetSizeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("20KB", 20_000, new string[0])]
    [InlineData("40000", 40_000, new[] { "--segment", "none" })]
    [InlineData("30KiB", 30_720, new[] { "--quality", "fg=90,bg=30" })]
    public void TargetSizeIsMetWithinAFewPercentUnder(string size, long bytes, string[] extra)
    {
        RunResult r = _dir.Run(["encode", Rsgconv.Kodim23, "t.rsg", "--target-size", size, "--threads", "2", .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        long actual = new FileInfo(_dir["t.rsg"]).Length;
        Assert.InRange(actual, (long)(bytes * 0.95), bytes);
        Assert.Contains($"target {bytes} bytes", r.Out);
    }

    [Fact]
    public void PerRegionQualitiesKeepTheirOrderWhenScaled()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "t.rsg", "--target-size", "25KB", "--quality", "fg=90,bg=30").ExitCode);
        using JsonDocument json = JsonDocument.Parse(_dir.Run("info", "t.rsg", "--json").Stdout);
        int[] q = json.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("quality").GetInt32()).ToArray();
        Assert.True(q[1] > q[0] * 2, string.Join(",", q));
    }

    [Fact]
    public void UnreachableTargetExits6AndWritesNothing()
    {
        RunResult r = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "t.rsg", "--target-size", "300");
        Assert.Equal(6, r.ExitCode);
        Assert.Contains("cannot be reached", r.Stderr);
        Assert.Contains("camera.png", r.Stderr);
        Assert.False(File.Exists(_dir["t.rsg"]));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }
}
