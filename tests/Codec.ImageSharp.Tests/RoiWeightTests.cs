using RegionCodec.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>
/// RsgImageEncoder.RoiWeight: regions from a segmenter other than the managed default are rate-allocated
/// (file at most one region at Quality), unless RegionQualities are given.
/// </summary>
public sealed class RoiWeightTests
{
    [Fact]
    public void SegmenterRegionsGetAllocatedQualitiesAtTheOneRegionSize()
    {
        Configuration configuration = TestSupport.NewConfiguration();
        using Image<Rgb24> image = TestSupport.Astronaut(configuration);
        byte[] oneRegion = TestSupport.Encode(image, TestSupport.Encoder(60));

        byte[] allocated = TestSupport.Encode(image, new RsgImageEncoder { Quality = 60, StripHeight = 64, Segmenter = new PersonMaskSegmenter() });

        Assert.InRange(allocated.Length, (long)(oneRegion.Length * 0.96), oneRegion.Length);
        IReadOnlyList<RsgRegion> regions = RsgDecoder.Identify(allocated).Regions;
        Assert.True(regions[1].Quality > 60 && regions[0].Quality < 60, $"bg {regions[0].Quality}, person {regions[1].Quality}");
        Assert.Equal(["background", "person"], regions.Select(r => r.Name)); // the allocated file still names its regions
    }

    [Fact]
    public void LargerRoiWeightWidensTheGap()
    {
        Configuration configuration = TestSupport.NewConfiguration();
        using Image<Rgb24> image = TestSupport.Astronaut(configuration);
        IReadOnlyList<RsgRegion> Regions(double weight) => RsgDecoder.Identify(TestSupport.Encode(image,
            new RsgImageEncoder { Quality = 60, Segmenter = new PersonMaskSegmenter(), RoiWeight = weight })).Regions;

        IReadOnlyList<RsgRegion> low = Regions(2), high = Regions(32);

        Assert.True(high[1].Quality - high[0].Quality > low[1].Quality - low[0].Quality,
            $"w=2: {low[0].Quality}/{low[1].Quality}; w=32: {high[0].Quality}/{high[1].Quality}");
    }

    [Fact]
    public void RegionQualitiesByNameAreNotReallocated()
    {
        Configuration configuration = TestSupport.NewConfiguration();
        using Image<Rgb24> image = TestSupport.Astronaut(configuration);

        byte[] file = TestSupport.Encode(image, new RsgImageEncoder
        {
            Segmenter = new PersonMaskSegmenter(),
            RegionQualities = new Dictionary<string, int> { ["person"] = 85, ["background"] = 25 },
        });

        Assert.Equal([new RsgRegion(25, Name: "background"), new RsgRegion(85, Name: "person")], RsgDecoder.Identify(file).Regions);
    }

    [Fact]
    public void ManagedSegmentersKeepTheirOwnQualities()
    {
        Configuration configuration = TestSupport.NewConfiguration();
        using Image<Rgb24> image = TestSupport.Astronaut(configuration);

        byte[] activity = TestSupport.Encode(image, new RsgImageEncoder { Quality = 75, RoiWeight = 32, Segmenter = new ActivitySegmenter() });
        Assert.Equal([new RsgRegion(30, Name: "smooth"), new RsgRegion(90, Name: "detail")], RsgDecoder.Identify(activity).Regions);

        // The default perceptual classes: the qualities the segmenter itself suggests, not an allocation.
        byte[] perceptual = TestSupport.Encode(image, new RsgImageEncoder { Quality = 75, RoiWeight = 32 });
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        RsgSegmentation expected = new PerceptualSegmenter().Segment(rgb, image.Width, image.Height, image.Width * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        Assert.Equal(expected.Regions, RsgDecoder.Identify(perceptual).Regions);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void RoiWeightMustBePositive(double weight)
    {
        Configuration configuration = TestSupport.NewConfiguration();
        using Image<Rgb24> image = TestSupport.Astronaut(configuration);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TestSupport.Encode(image, new RsgImageEncoder { Segmenter = new PersonMaskSegmenter(), RoiWeight = weight }));
    }

    /// <summary>The astronaut's ground-truth person mask as a segmenter (label 0 background, 1 person).</summary>
    private sealed class PersonMaskSegmenter : IRsgSegmenter
    {
        public string Name => "person-mask";

        public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
        {
            using Image<L8> mask = Image.Load<L8>(TestSupport.DataPath("masks/astronaut.png"));
            Assert.Equal((width, height), (mask.Width, mask.Height));
            RsgLabelMap labels = RsgMasks.FromImage(mask, options.CellSize, v => v == 0 ? (byte)0 : (byte)1);
            return new RsgSegmentation(labels, ["background", "person"], RsgQualities.FromTarget(2, options.TargetQuality));
        }
    }
}
