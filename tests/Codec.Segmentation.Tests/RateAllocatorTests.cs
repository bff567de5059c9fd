using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// <see cref="RsgRateAllocator"/> on real photographs with their person masks (bench/masks): the file is no
/// larger than one region at the same quality and not much smaller, the person is coded better than in
/// that file, and the same inputs give the same bytes.
/// </summary>
public sealed class RateAllocatorTests
{
    private static readonly RsgEncoderOptions Serial = new() { MaxDegreeOfParallelism = 1 };

    [Theory]
    [InlineData("astronaut", 30)]
    [InlineData("astronaut", 75)]
    [InlineData("kodim15", 50)]
    [InlineData("kodim15", 90)]
    public void FileIsAtMostTheOneRegionSizeAndWithinAFewPercent(string name, int quality)
    {
        RsgSegmentation mask = PersonMask(name);
        byte[] oneRegion = OneRegion(name, quality);

        RsgRateAllocation a = Allocate(name, mask, RsgRateTarget.SizeOfOneRegionAt(quality));

        Assert.True(a.TargetMet);
        Assert.Equal(oneRegion.Length, a.TargetBytes);
        Assert.InRange(a.Bytes.Length, (long)(oneRegion.Length * 0.96), oneRegion.Length);
        Assert.False(a.OneRegion, "a person on a background should get a real two-region allocation");
        Assert.True(a.Regions[1].Quality > quality && a.Regions[0].Quality < quality, $"bg {a.Regions[0].Quality}, person {a.Regions[1].Quality}");
        Assert.Equal(2, RsgDecoder.Identify(a.Bytes).Regions.Count);
    }

    [Theory]
    [InlineData("astronaut", 75, 0.5)]
    [InlineData("astronaut", 30, 0.5)]
    [InlineData("kodim15", 75, 0.1)]
    public void PersonIsCodedBetterThanInTheOneRegionFile(string name, int quality, double minGainDb)
    {
        RsgSegmentation mask = PersonMask(name);
        RsgRateAllocation a = Allocate(name, mask, RsgRateTarget.SizeOfOneRegionAt(quality));

        double allocated = RoiPsnrY(name, a.Bytes, mask.Labels);
        double plain = RoiPsnrY(name, OneRegion(name, quality), mask.Labels);

        Assert.True(allocated - plain >= minGainDb, $"person PSNR-Y {allocated:F2} dB allocated vs {plain:F2} dB one region");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void ExtremeQualitiesKeepBothGuarantees(int quality)
    {
        RsgSegmentation mask = PersonMask("astronaut");
        byte[] oneRegion = OneRegion("astronaut", quality);

        RsgRateAllocation a = Allocate("astronaut", mask, RsgRateTarget.SizeOfOneRegionAt(quality));

        Assert.InRange(a.Bytes.Length, 1, oneRegion.Length);
        Assert.True(RoiPsnrY("astronaut", a.Bytes, mask.Labels) >= RoiPsnrY("astronaut", oneRegion, mask.Labels));
    }

    [Fact]
    public void AtQuality1NothingCanBeMovedSoTheOneRegionFileIsReturned()
    {
        // The smallest one-region file leaves no background bits to give to the person, and the label map
        // costs bytes of its own: the allocator must fall back rather than lose in the person.
        RsgSegmentation mask = PersonMask("astronaut");

        RsgRateAllocation a = Allocate("astronaut", mask, RsgRateTarget.SizeOfOneRegionAt(1));

        Assert.True(a.OneRegion);
        Assert.Equal(OneRegion("astronaut", 1), a.Bytes);
        Assert.All(a.Regions, r => Assert.Equal(1, r.Quality));
        Assert.Single(RsgDecoder.Identify(a.Bytes).Regions);
    }

    [Fact]
    public void AllocationIsDeterministicAndIndependentOfParallelism()
    {
        var (rgb, w, h) = TestImages.Load("kodim15");
        RsgSegmentation mask = PersonMask("kodim15");
        double[] weights = RsgRateAllocator.DefaultWeights(2);
        RsgRateAllocation first = RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, mask.Labels, weights,
            new RsgEncoderOptions { MaxDegreeOfParallelism = 1, StripHeight = 128 }, RsgRateTarget.SizeOfOneRegionAt(60));
        RsgRateAllocation second = RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, mask.Labels, weights,
            new RsgEncoderOptions { MaxDegreeOfParallelism = 2, StripHeight = 128 }, RsgRateTarget.SizeOfOneRegionAt(60));

        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(first.Regions, second.Regions);
        Assert.Equal(first.TrialEncodes, second.TrialEncodes);
    }

    [Fact]
    public void ALargerRoiWeightMovesMoreQualityToThePerson()
    {
        var (rgb, w, h) = TestImages.Load("astronaut");
        RsgSegmentation mask = PersonMask("astronaut");
        RsgRateAllocation Run(double weight) => RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, mask.Labels,
            RsgRateAllocator.DefaultWeights(2, weight), Serial, RsgRateTarget.SizeOfOneRegionAt(60));

        RsgRateAllocation low = Run(2), high = Run(32);

        Assert.True(high.Regions[1].Quality > low.Regions[1].Quality, $"person {low.Regions[1].Quality} at w=2, {high.Regions[1].Quality} at w=32");
        Assert.True(high.Regions[0].Quality < low.Regions[0].Quality, $"background {low.Regions[0].Quality} at w=2, {high.Regions[0].Quality} at w=32");
    }

    [Fact]
    public void ByteBudgetIsMetFromBelow()
    {
        RsgSegmentation mask = PersonMask("astronaut");

        RsgRateAllocation a = Allocate("astronaut", mask, RsgRateTarget.Budget(25_000));

        Assert.True(a.TargetMet);
        Assert.InRange(a.Bytes.Length, 24_000, 25_000);
        Assert.True(a.Regions[1].Quality > a.Regions[0].Quality);
    }

    [Fact]
    public void UnreachableBudgetReportsTheSmallestFile()
    {
        RsgSegmentation mask = PersonMask("astronaut");

        RsgRateAllocation a = Allocate("astronaut", mask, RsgRateTarget.Budget(300));

        Assert.False(a.TargetMet);
        Assert.Equal(OneRegion("astronaut", 1), a.Bytes);
    }

    [Fact]
    public void AMapOfOneLabelIsEncodedAsOneRegionAtTheQuality()
    {
        var (rgb, w, h) = TestImages.Load("kodim15");
        RsgLabelMap uniform = RsgLabelMap.Uniform(w, h);

        RsgRateAllocation a = RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, uniform, [1.0], Serial, RsgRateTarget.SizeOfOneRegionAt(75));

        Assert.True(a.OneRegion);
        Assert.Equal([new RsgRegion(75)], a.Regions);
        Assert.Equal(OneRegion("kodim15", 75), a.Bytes);
    }

    [Fact]
    public void UnusedLabelsGetATableEntryAndDoNotDisturbTheAllocation()
    {
        // Person mask relabelled 0 -> 0 and 1 -> 2: label 1 exists in the table but not in the map.
        var (rgb, w, h) = TestImages.Load("astronaut");
        RsgLabelMap person = PersonMask("astronaut").Labels;
        var relabelled = new RsgLabelMap(person.Width, person.Height, person.CellSize, person.Labels.Select(l => (byte)(l * 2)).ToArray());
        double[] weights = RsgRateAllocator.DefaultWeights(3);

        RsgRateAllocation a = RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, relabelled, weights, Serial, RsgRateTarget.SizeOfOneRegionAt(75));

        Assert.Equal(3, a.Regions.Length);
        Assert.False(a.OneRegion);
        Assert.InRange(a.Bytes.Length, 1, OneRegion("astronaut", 75).Length);
        Assert.True(a.Regions[2].Quality > a.Regions[1].Quality && a.Regions[1].Quality > a.Regions[0].Quality, string.Join(",", a.Regions.Select(r => r.Quality)));
        RsgImage decoded = RsgDecoder.Decode(a.Bytes);
        Assert.Equal(relabelled.Labels, decoded.Labels.Labels);
    }

    [Fact]
    public void DefaultWeightsAreGeometricFrom1ToTheRoiWeight()
    {
        Assert.Equal([1.0], RsgRateAllocator.DefaultWeights(1, 16));
        double[] w = RsgRateAllocator.DefaultWeights(3, 16);
        Assert.Equal(1.0, w[0], 12);
        Assert.Equal(4.0, w[1], 12);
        Assert.Equal(16.0, w[2], 12);
        Assert.Equal(RsgRateAllocator.DefaultRoiWeight, RsgRateAllocator.DefaultWeights(2)[1], 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WeightsMustBePositiveAndFinite(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RsgRateAllocator.DefaultWeights(2, weight));
        var (rgb, w, h) = TestImages.Load("astronaut");
        RsgLabelMap labels = PersonMask("astronaut").Labels;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, labels, [1.0, weight], Serial, RsgRateTarget.SizeOfOneRegionAt(75)));
    }

    [Fact]
    public void AWeightIsNeededForEveryLabelTheMapUses()
    {
        var (rgb, w, h) = TestImages.Load("astronaut");
        RsgLabelMap labels = PersonMask("astronaut").Labels;
        Assert.Throws<ArgumentException>(() =>
            RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, labels, [1.0], Serial, RsgRateTarget.SizeOfOneRegionAt(75)));
    }

    [Theory]
    [InlineData(100.0, 50)]
    [InlineData(5000.0, 1)]
    [InlineData(1e6, 1)]
    [InlineData(1.0, 100)]
    [InlineData(0.01, 100)]
    [InlineData(50.0, 75)]
    [InlineData(50.5, 75)]
    [InlineData(51.5, 74)]
    public void QualityForScaleFollowsTheIjgRule(double scale, int quality) =>
        Assert.Equal(quality, RsgQualities.ForScale(scale));

    [Fact]
    public void SegmentersWithFinalQualitiesAreNotReallocated()
    {
        Assert.False(RsgRateAllocator.AllocatesFor(TestImages.Segment(new ActivitySegmenter(), "astronaut")));
        Assert.False(RsgRateAllocator.AllocatesFor(TestImages.Segment(new PerceptualSegmenter(), "astronaut")));
        using (var auto = new AutoSegmenter())
        {
            Assert.False(RsgRateAllocator.AllocatesFor(TestImages.Segment(auto, "astronaut")));
        }

        using (var faces = new FaceSegmenter())
        {
            Assert.True(RsgRateAllocator.AllocatesFor(TestImages.Segment(faces, "astronaut")));
        }

        Assert.True(RsgRateAllocator.AllocatesFor(TestImages.Segment(new GrabCutSegmenter(), "astronaut")));
    }

    private static RsgRateAllocation Allocate(string name, RsgSegmentation mask, RsgRateTarget target)
    {
        var (rgb, w, h) = TestImages.Load(name);
        return RsgRateAllocator.Allocate(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, mask.Labels,
            RsgRateAllocator.DefaultWeights(mask.Regions.Count), Serial, target);
    }

    /// <summary>The person mask as rsgconv --mask turns it into labels (cell 8): label 0 background, 1 person.</summary>
    private static RsgSegmentation PersonMask(string name)
    {
        var (rgb, w, h) = TestImages.Load(name);
        UserMaskSegmenter segmenter = UserMaskSegmenter.FromFile(Path.Combine(AppContext.BaseDirectory, "TestData", "masks", name + ".png"));
        RsgSegmentation s = segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { CellSize = 8 });
        Assert.Equal(2, s.Regions.Count);
        return s;
    }

    private static byte[] OneRegion(string name, int quality)
    {
        var (rgb, w, h) = TestImages.Load(name);
        return RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = quality, MaxDegreeOfParallelism = 1 });
    }

    /// <summary>PSNR of BT.601 luma over the pixels whose cell has the highest label (the person).</summary>
    private static double RoiPsnrY(string name, byte[] file, RsgLabelMap labels)
    {
        var (rgb, w, h) = TestImages.Load(name);
        RsgImage decoded = RsgDecoder.Decode(file);
        byte person = labels.Labels.Max();
        double sum = 0;
        long n = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (labels.LabelAtPixel(x, y) != person)
                {
                    continue;
                }

                int i = ((y * w) + x) * 3;
                double d = Y(rgb, i) - Y(decoded.Pixels, i);
                sum += d * d;
                n++;
            }
        }

        return 10 * Math.Log10(255.0 * 255.0 / (sum / n));
    }

    private static double Y(byte[] p, int i) => (0.299 * p[i]) + (0.587 * p[i + 1]) + (0.114 * p[i + 2]);
}
