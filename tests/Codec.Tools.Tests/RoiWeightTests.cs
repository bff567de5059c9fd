using System.Text.Json;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// Rate allocation in rsgconv: with --mask (a ground-truth person mask from bench/masks) and one -q Q the
/// file costs what one region at Q costs; --roi-weight steers it; explicit qualities are left alone.
/// </summary>
public sealed class RoiWeightTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static string Astronaut => Rsgconv.TestImage("astronaut.png");

    private static string PersonMask => Path.Combine(Rsgconv.RepoRoot, "bench", "masks", "astronaut.png");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("40")]
    [InlineData("75")]
    public void MaskWithOneQualityIsAboutTheSizeOfOneRegion(string quality)
    {
        Assert.Equal(0, _dir.Run("encode", Astronaut, "one.rsg", "--segment", "none", "-q", quality).ExitCode);
        RunResult r = _dir.Run("encode", Astronaut, "roi.rsg", "--mask", PersonMask, "-q", quality);
        Assert.True(r.ExitCode == 0, r.ToString());

        long one = new FileInfo(_dir["one.rsg"]).Length, roi = new FileInfo(_dir["roi.rsg"]).Length;
        Assert.InRange(roi, (long)(one * 0.96), one);
        int[] q = Qualities("roi.rsg");
        Assert.True(q[1] > int.Parse(quality) && q[0] < int.Parse(quality), string.Join(",", q));
        Assert.Contains($"value0 {q[0]}, value255 {q[1]} (ROI weight 16, rate allocated to the size of one region at quality {quality}, ", r.Out);
    }

    [Fact]
    public void NoQualityMeansTheSizeOfOneRegionAt75()
    {
        Assert.Equal(0, _dir.Run("encode", Astronaut, "one.rsg", "--segment", "none").ExitCode);
        Assert.Equal(0, _dir.Run("encode", Astronaut, "roi.rsg", "--mask", PersonMask).ExitCode);
        long one = new FileInfo(_dir["one.rsg"]).Length, roi = new FileInfo(_dir["roi.rsg"]).Length;
        Assert.InRange(roi, (long)(one * 0.96), one);
    }

    [Fact]
    public void LargerRoiWeightWidensTheQualityGapAtTheSameSize()
    {
        Assert.Equal(0, _dir.Run("encode", Astronaut, "w2.rsg", "--mask", PersonMask, "-q", "60", "--roi-weight", "2").ExitCode);
        RunResult r = _dir.Run("encode", Astronaut, "w32.rsg", "--mask", PersonMask, "-q", "60", "--roi-weight", "32.0");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("ROI weight 32,", r.Out);

        int[] low = Qualities("w2.rsg"), high = Qualities("w32.rsg");
        Assert.True(high[1] - high[0] > low[1] - low[0], $"w=2: {string.Join(",", low)}; w=32: {string.Join(",", high)}");
    }

    [Fact]
    public void ExplicitRegionQualitiesAreKeptExactly()
    {
        RunResult r = _dir.Run("encode", Astronaut, "fg.rsg", "--mask", PersonMask, "-q", "fg=90,bg=30", "--roi-weight", "32");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal([30, 90], Qualities("fg.rsg"));
        Assert.DoesNotContain("ROI weight", r.Out);
    }

    [Fact]
    public void DefaultActivitySegmentationKeepsItsDerivedQualities()
    {
        RunResult r = _dir.Run("encode", Astronaut, "act.rsg", "--segment", "activity", "-q", "75");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal([30, 90], Qualities("act.rsg"));
        Assert.DoesNotContain("ROI weight", r.Out);
    }

    [Fact]
    public void TargetSizeWithAMaskAllocatesWithinTheBudget()
    {
        RunResult r = _dir.Run("encode", Astronaut, "t.rsg", "--mask", PersonMask, "--target-size", "25KB");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.InRange(new FileInfo(_dir["t.rsg"]).Length, 24_000, 25_000);
        Assert.Contains("rate allocated to the 25000 bytes", r.Out);
        int[] q = Qualities("t.rsg");
        Assert.True(q[1] > q[0], string.Join(",", q));
    }

    [Fact]
    public void BatchAcceptsRoiWeight()
    {
        Directory.CreateDirectory(_dir["in"]);
        File.Copy(Astronaut, _dir["in/astronaut.png"]);
        RunResult r = _dir.Run("batch", "in", "out", "--mask", PersonMask, "-q", "50", "--roi-weight", "4");
        Assert.True(r.ExitCode == 0, r.ToString());
        int[] q = Qualities("out/astronaut.rsg");
        Assert.True(q[1] > 50 && q[0] < 50, string.Join(",", q));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void RoiWeightMustBeAPositiveNumber(string weight)
    {
        RunResult r = _dir.Run("encode", Astronaut, "x.rsg", "--mask", PersonMask, "--roi-weight", weight);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--roi-weight must be a number > 0, not '{weight}'", r.Stderr);
        Assert.False(File.Exists(_dir["x.rsg"]));
    }

    private int[] Qualities(string file)
    {
        using JsonDocument json = JsonDocument.Parse(_dir.Run("info", file, "--json").Stdout);
        return json.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("quality").GetInt32()).ToArray();
    }
}
