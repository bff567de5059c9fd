namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// The lossless graphics region stays only when it does not make the file larger than coding its cells as DCT at the
/// target quality (<see cref="GraphicsRegionChoice"/>); photographs, which have no such region, are not touched.
/// </summary>
public sealed class GraphicsRegionChoiceTests
{
    [Theory]
    [InlineData("screen-docs", 30)]
    [InlineData("screen-docs", 95)]
    [InlineData("screen-mixed", 50)]
    [InlineData("gb82sc_windows95", 30)]
    public void TheChoiceIsTheSmallerOfTheTwoFilesAndKeepsTheLabelMap(string name, int quality)
    {
        var (rgb, w, h) = TestImages.Load(name);
        RsgSegmentation seg = new PerceptualSegmenter().Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = quality });
        Assert.Contains(seg.Regions, r => r.Mode == RsgRegionMode.Lossless);
        RsgSegmentation asDct = GraphicsRegionChoice.WithLosslessAsDct(seg);
        Assert.DoesNotContain(asDct.RegionsAt(quality), r => r.Mode == RsgRegionMode.Lossless);
        Assert.Equal(seg.RegionsAt(quality).Where(r => r.Mode != RsgRegionMode.Lossless), asDct.RegionsAt(quality).Where(r => r.Name != PerceptualSegmenter.GraphicsRegionName));

        var options = new RsgEncoderOptions { Quality = quality, MaxDegreeOfParallelism = 1 };
        long lossless = Size(rgb, w, h, seg, quality), dct = Size(rgb, w, h, asDct, quality);
        RsgSegmentation chosen = GraphicsRegionChoice.KeepIfItPays(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, seg, quality, options);

        Assert.Same(seg.Labels, chosen.Labels);
        Assert.Equal(Math.Min(lossless, dct), Size(rgb, w, h, chosen, quality));
        Assert.Equal(lossless <= dct, chosen.RegionsAt(quality).Any(r => r.Mode == RsgRegionMode.Lossless));
    }

    [Fact]
    public void LowQualityTextGoesToDctAndHighQualityTextStaysLossless()
    {
        // Measured on the Chromium documentation page: lossless text costs more than DCT at quality 30 and less at 95.
        var (rgb, w, h) = TestImages.Load("screen-docs");
        Assert.DoesNotContain(Choose(rgb, w, h, 30).RegionsAt(30), r => r.Mode == RsgRegionMode.Lossless);
        Assert.Contains(Choose(rgb, w, h, 95).RegionsAt(95), r => r.Mode == RsgRegionMode.Lossless);
    }

    [Fact]
    public void APhotographIsReturnedAsItIs()
    {
        var (rgb, w, h) = TestImages.Load("kodim23");
        RsgSegmentation seg = new PerceptualSegmenter().Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = 75 });
        Assert.Same(seg, GraphicsRegionChoice.KeepIfItPays(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, seg, 75, new RsgEncoderOptions()));
    }

    private static RsgSegmentation Choose(byte[] rgb, int w, int h, int quality)
    {
        RsgSegmentation seg = new PerceptualSegmenter().Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = quality });
        return GraphicsRegionChoice.KeepIfItPays(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, seg, quality, new RsgEncoderOptions { Quality = quality });
    }

    private static long Size(byte[] rgb, int w, int h, RsgSegmentation seg, int quality) =>
        RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = quality, Regions = seg.RegionsAt(quality), MaxDegreeOfParallelism = 1 }, seg.Labels).Length;
}
