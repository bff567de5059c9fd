namespace RegionCodec.Segmentation.Tests;

public class PerceptualSegmenterTests
{
    [Fact]
    public void NameIsPerceptual() => Assert.Equal("perceptual", new PerceptualSegmenter().Name);

    [Fact]
    public void BusyTextureIsCodedCoarserAndFlatShadingFinerThanTheTarget()
    {
        // Three bands: strong noise (masks error), mild noise, and a gentle gradient (shows banding and blocking).
        const int w = 384, h = 128;
        var pixels = new byte[w * h];
        var rng = new Random(11);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = x < 128 ? (byte)rng.Next(30, 226) : x < 256 ? (byte)(120 + rng.Next(-6, 7)) : (byte)(60 + ((x - 256) / 2));
            }
        }

        RsgSegmentation s = new PerceptualSegmenter().Segment(pixels, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        int Label(int x0, int x1) => MajorityLabel(s.Labels, w, h, (x, _) => x >= x0 && x < x1);
        int busy = Label(0, 120), mild = Label(136, 248), flat = Label(264, w);
        Assert.True(busy < mild && mild < flat, $"labels busy {busy}, mild {mild}, flat {flat}");
        Assert.True(s.Regions[busy].Quality < 75, $"busy band quality {s.Regions[busy].Quality}");
        Assert.True(s.Regions[flat].Quality >= RsgQualities.WithStepOffset(75, -0.5), $"flat band quality {s.Regions[flat].Quality}");
        Assert.Equal("busy", s.RegionNames[busy]);
        Assert.Contains(s.RegionNames[flat], new[] { "smooth", "flat" });
        Assert.True(TestImages.Fraction(s.Labels, w, h, (x, _) => x < 120, l => l == busy) > 0.95);
        Assert.True(TestImages.Fraction(s.Labels, w, h, (x, _) => x >= 264, l => l == flat) > 0.95);
    }

    [Fact]
    public void ASharpEdgeBetweenFlatAreasKeepsTheFlatClass()
    {
        // Ringing from an edge shows on its flat sides, so blocks the edge crosses are judged by their calm parts.
        const int w = 256, h = 64;
        var pixels = new byte[w * h];
        var rng = new Random(5);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = x < 128 ? (byte)rng.Next(30, 226) : x < 196 ? (byte)50 : x == 196 ? (byte)120 : (byte)200;
            }
        }

        RsgSegmentation s = new PerceptualSegmenter().Segment(pixels, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        int flat = MajorityLabel(s.Labels, w, h, (x, _) => x is >= 144 and < 184);
        Assert.Equal(flat, MajorityLabel(s.Labels, w, h, (x, _) => x is >= 192 and < 200));
        Assert.True(s.Regions[flat].Quality > s.Regions[MajorityLabel(s.Labels, w, h, (x, _) => x < 120)].Quality);
    }

    [Fact]
    public void MildTextureIsCoarsenedAtHighQualityButNotWhereTheStepOutgrowsIt()
    {
        // A calm picture: a gentle gradient beside mild noise (mean |dx|+|dy| about 7 grey levels). The noise is the
        // busiest part of the image, but at quality 40 (luma DC step 20) it no longer hides a coarser step.
        const int w = 256, h = 128;
        var pixels = new byte[w * h];
        var rng = new Random(3);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = x < 128 ? (byte)(128 + rng.Next(-5, 6)) : (byte)(60 + ((x - 128) / 2));
            }
        }

        int NoiseQuality(PerceptualSegmenter segmenter, int target)
        {
            RsgSegmentation s = segmenter.Segment(pixels, w, h, w, RsgPixelFormat.Gray8, new RsgSegmenterOptions { TargetQuality = target });
            return s.Regions[MajorityLabel(s.Labels, w, h, (x, _) => x is >= 16 and < 112)].Quality;
        }

        Assert.True(NoiseQuality(new PerceptualSegmenter(), 75) < 75);
        Assert.Equal(40, NoiseQuality(new PerceptualSegmenter(), 40));
        Assert.True(NoiseQuality(new PerceptualSegmenter { CoarseningFloor = -20 }, 40) < 40, "without the floor the noise is relative to the image alone");
    }

    [Fact]
    public void QualitiesFollowTheTargetAroundItsStep()
    {
        RsgSegmentation s = TestImages.Segment(new PerceptualSegmenter(), "coffee");
        string[] all = ["busy", "textured", "moderate", "smooth", "flat"];
        Assert.Equal(all.Where(s.RegionNames.Contains), s.RegionNames); // a subset, coarsest first
        Assert.True(s.RegionNames.Count >= 4, string.Join(",", s.RegionNames));
        int atTarget = s.RegionNames.ToList().IndexOf("moderate");
        Assert.True(atTarget >= 0);
        foreach (int q in new[] { 40, 75, 90 })
        {
            int[] qualities = s.RegionsAt(q).Select(r => r.Quality).ToArray();
            Assert.Equal(qualities.Order(), qualities);
            Assert.Equal(q, qualities[atTarget]); // the class with no offset sits at the target's own step
            Assert.True(qualities[^1] > q, string.Join(",", qualities));
        }

        Assert.All(s.RegionsAt(100), r => Assert.Equal(100, r.Quality));

        // Low targets: the offsets fade out (half at 30) and vanish at 20 and below.
        Assert.All(s.RegionsAt(10), r => Assert.Equal(10, r.Quality));
        int[] at30 = s.RegionsAt(30).Select(r => r.Quality).ToArray();
        Assert.Equal(["busy", "flat"], new[] { s.RegionNames[0], s.RegionNames[^1] });
        Assert.Equal(RsgQualities.WithStepOffset(30, +0.25), at30[0]);
        Assert.Equal(RsgQualities.WithStepOffset(30, -0.25), at30[^1]);
        Assert.Equal(s.Regions, s.RegionsAt(RsgSegmenterOptions.Default.TargetQuality));
    }

    [Theory]
    [InlineData("astronaut", 8)]
    [InlineData("coffee", 4)]
    public void RealPhotoIsDeterministicAndRoundTrips(string name, int cellSize)
    {
        var options = new RsgSegmenterOptions { CellSize = cellSize, TargetQuality = 60 };
        RsgSegmentation s = TestImages.Segment(new PerceptualSegmenter(), name, options);
        RsgSegmentation again = TestImages.Segment(new PerceptualSegmenter(), name, options);
        Assert.Equal(s.Labels.Labels, again.Labels.Labels);
        Assert.Equal(s.Regions, again.Regions);
        Assert.True(s.Regions.Count >= 3, $"{s.Regions.Count} classes");

        var (rgb, w, h) = TestImages.Load(name);
        byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(s.Labels.Labels, decoded.Labels.Labels);
        Assert.Equal(s.Regions.Select(r => r.Quality), decoded.Info.Regions.Select(r => r.Quality));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    public void LowTargetsGetOneRegionWithoutALabelMap(int quality)
    {
        RsgSegmentation s = TestImages.Segment(new PerceptualSegmenter(), "coffee", new RsgSegmenterOptions { TargetQuality = quality });
        Assert.Equal([new RsgRegion(quality, Name: "moderate")], s.Regions);
        Assert.All(s.Labels.Labels, l => Assert.Equal(0, l));
        Assert.True(TestImages.Segment(new PerceptualSegmenter(), "coffee", new RsgSegmenterOptions { TargetQuality = 21 }).Regions.Count > 1);
    }

    [Fact]
    public void FlatImageIsOneRegionAtTheTarget()
    {
        var pixels = new byte[64 * 48 * 3];
        Array.Fill(pixels, (byte)128);
        RsgSegmentation s = new PerceptualSegmenter().Segment(pixels, 64, 48, 64 * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = 50 });
        Assert.Equal([new RsgRegion(50, Name: "moderate")], s.Regions);
    }

    [Theory]
    [InlineData(75, 1.0, 50)]
    [InlineData(50, 1.0, 25)]
    [InlineData(75, -1.0, 87)]
    [InlineData(75, 0.0, 75)]
    [InlineData(100, 1.0, 100)]
    [InlineData(3, 2.0, 1)]
    public void StepOffsetsMapToTheNearestQuality(int quality, double offset, int expected) =>
        Assert.Equal(expected, RsgQualities.WithStepOffset(quality, offset));

    private static int MajorityLabel(RsgLabelMap map, int w, int h, Func<int, int, bool> inside)
    {
        var counts = new int[256];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (inside(x, y))
                {
                    counts[map.LabelAtPixel(x, y)]++;
                }
            }
        }

        return Array.IndexOf(counts, counts.Max());
    }
}
