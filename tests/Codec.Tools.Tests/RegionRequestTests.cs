namespace RegionCodec.Tools.Tests;

/// <summary>Every per-region request is checked against the regions the segmentation produced: honoured, or refused with the reason.</summary>
public sealed class RegionRequestTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(new[] { "--quality", "face=95" }, "kodim23.png: --quality: unknown region 'face'; this image's regions are busy, textured, moderate, smooth, flat")]
    [InlineData(new[] { "--quality", "5=50" }, "kodim23.png: --quality: no label 5 in this image; its regions are busy, textured, moderate, smooth, flat (or a label 0..4")]
    [InlineData(new[] { "--segment", "activity", "--quality", "fg=90,detail=50" }, "--quality: fg=90 and detail=50 both name region 'detail' (label 1)")]
    [InlineData(new[] { "--segment", "grabcut:0,0,99999,5" }, "--segment grabcut:0,0,99999,5: the rectangle is not inside the 768x512 image")]
    [InlineData(new[] { "--segment", "grabcut:0,0,0,5" }, "--segment grabcut:0,0,0,5: the rectangle is X,Y,W,H in image pixels")]
    public void RequestsTheSegmentationCannotHonourExit2(string[] options, string message)
    {
        RunResult r = _dir.Run(["encode", Rsgconv.Kodim23, "out.rsg", .. options]);
        Expect.OneLine(r, 2, message);
        Expect.NothingLeft(_dir, "out.rsg");
    }

    [Fact]
    public void AMethodThatFindsNothingWarnsOnceWithTheQualityUsed()
    {
        Expect.WriteNoisePpm(_dir["flat.ppm"], 64, 48); // noise: no face in it
        RunResult r = _dir.Run("encode", "flat.ppm", "out.rsg", "--segment", "faces");
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rsgconv: warning: flat.ppm: --segment faces: faces found no face; the whole image is one region at quality 75", Assert.Single(lines));
        Assert.True(File.Exists(_dir["out.rsg"]));
    }

    [Fact]
    public void AMaskWithTooManyValuesIsRefusedWithTheHintToThresholdIt()
    {
        Expect.WriteNoisePpm(_dir["photo-as-mask.ppm"], 64, 48);
        RunResult r = _dir.Run("encode", Rsgconv.Kodim23, "out.rsg", "--mask", "photo-as-mask.ppm");
        Expect.OneLine(r, 3, "distinct gray values; a region mask has at most 16 (one per region). Is it a photograph or an anti-aliased mask? Threshold it first");
        Assert.StartsWith("rsgconv: mask photo-as-mask.ppm: ", r.Stderr);
        Expect.NothingLeft(_dir, "out.rsg");
    }
}
