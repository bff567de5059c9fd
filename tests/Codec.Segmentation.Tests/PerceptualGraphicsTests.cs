namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// The default segmenter's lossless "graphics" region: screen content gets it (last label, mode Lossless, exactly the
/// detector's cells), photographs get exactly the labels and regions of the segmenter without the detector.
/// </summary>
public class PerceptualGraphicsTests
{
    private static RsgSegmentation Segment(string name, bool graphics, int quality = 75, int cell = 8)
    {
        var (rgb, w, h) = TestImages.Load(name);
        return new PerceptualSegmenter { DetectGraphics = graphics }
            .Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = quality, CellSize = cell });
    }

    [Theory]
    [InlineData(75, 8)]
    [InlineData(75, 4)]
    [InlineData(15, 8)] // one-region quality: the graphics region comes on top of the single class
    public void Screenshot_GetsTheDetectorCellsAsALosslessLastRegion(int quality, int cell)
    {
        var (rgb, w, h) = TestImages.Load("screen-docs");
        CompoundMap map = new CompoundDetector().Detect(rgb, w, h, w * 3, RsgPixelFormat.Rgb24);
        RsgSegmentation seg = Segment("screen-docs", graphics: true, quality, cell);

        int graphics = seg.Regions.Count - 1;
        Assert.Equal(PerceptualSegmenter.GraphicsRegionName, seg.RegionNames[graphics]);
        Assert.Equal(RsgRegionMode.Lossless, seg.Regions[graphics].Mode);
        Assert.All(seg.Regions.Take(graphics), r => Assert.Equal(RsgRegionMode.Dct, r.Mode));
        Assert.Equal(RsgRegionMode.Lossless, seg.RegionsAt(40)[graphics].Mode);
        Assert.Equal(PerceptualSegmenter.GraphicsRegionName, seg.RegionsAt(40)[graphics].Name);
        Assert.Equal(cell, seg.Labels.CellSize);
        for (int y = 0; y < h; y += 4)
        {
            for (int x = 0; x < w; x += 4)
            {
                Assert.Equal(map.IsSyntheticPixel(x, y), seg.Labels.LabelAtPixel(x, y) == graphics);
            }
        }
    }

    [Fact]
    public void Screenshot_WithoutDetection_HasNoGraphicsRegion()
    {
        RsgSegmentation seg = Segment("screen-docs", graphics: false);
        Assert.DoesNotContain(PerceptualSegmenter.GraphicsRegionName, seg.RegionNames);
        Assert.All(seg.Regions, r => Assert.Equal(RsgRegionMode.Dct, r.Mode));
    }

    [Theory]
    [InlineData("kodim23", 75)]
    [InlineData("kodim15", 40)]
    [InlineData("kodim15", 15)]
    [InlineData("astronaut", 75)]
    public void Photograph_SegmentationUnchangedByDetection(string name, int quality)
    {
        RsgSegmentation on = Segment(name, graphics: true, quality), off = Segment(name, graphics: false, quality);
        Assert.Equal(off.Labels.Labels.ToArray(), on.Labels.Labels.ToArray());
        Assert.Equal(off.RegionNames, on.RegionNames);
        Assert.Equal(off.Regions, on.Regions);
        Assert.Equal(off.RegionsAt(30), on.RegionsAt(30));
    }
}
