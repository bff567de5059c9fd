using RegionCodec.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

public class MetadataTests
{
    private static readonly Rectangle Face = new(180, 60, 160, 180);

    private static RsgImageEncoder FaceEncoder(int cellSize = 8) => new()
    {
        Labels = RsgMasks.Rectangle(new Size(512, 512), Face, cellSize: cellSize),
        Regions = [new RsgRegion(Quality: 25), new RsgRegion(Quality: 95)],
        StripHeight = 64,
    };

    [Fact]
    public void RegionTableAndLabelMapAreReachableFromTheImage()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo, FaceEncoder());

        using Image<Rgba32> image = Image.Load<Rgba32>(configuration, file);
        RsgMetadata rsg = image.Metadata.GetRsgMetadata();
        Assert.Equal([new RsgRegion(25), new RsgRegion(95)], rsg.Regions);
        Assert.Equal(8, rsg.MaskCellSize);
        RsgLabelMap labels = Assert.IsType<RsgLabelMap>(rsg.Labels);
        Assert.Equal((64, 64, 8), (labels.Width, labels.Height, labels.CellSize));
        Assert.Equal((byte)1, rsg.LabelAtPixel(Face.X + 10, Face.Y + 10));
        Assert.Equal((byte)0, rsg.LabelAtPixel(10, 500));
        Assert.Equal(new RsgRegion(95), rsg.RegionAt(Face.X, Face.Y));
        Assert.Null(rsg.LabelAtPixel(512, 0));
        int cellsAcross = ((Face.Right - 1) / 8) - (Face.Left / 8) + 1, cellsDown = ((Face.Bottom - 1) / 8) - (Face.Top / 8) + 1;
        Assert.Equal(cellsAcross * cellsDown, labels.Labels.Count(l => l == 1));

        // The face is coded better than the background.
        using Image<Rgb24> faceOriginal = photo.Clone(x => x.Crop(Face)), faceDecoded = image.CloneAs<Rgb24>();
        faceDecoded.Mutate(x => x.Crop(Face));
        using Image<Rgb24> backgroundOriginal = photo.Clone(x => x.Crop(new Rectangle(0, 300, 512, 212)));
        using Image<Rgb24> backgroundDecoded = image.CloneAs<Rgb24>();
        backgroundDecoded.Mutate(x => x.Crop(new Rectangle(0, 300, 512, 212)));
        Assert.True(Psnr(faceOriginal, faceDecoded) > Psnr(backgroundOriginal, backgroundDecoded) + 5);
    }

    [Fact]
    public void IdentifyGivesTheRegionTableWithoutLabels()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        IImageInfo info = Image.Identify(configuration, new MemoryStream(Encode(photo, FaceEncoder(cellSize: 4))))!;
        RsgMetadata rsg = info.Metadata.GetRsgMetadata();
        Assert.Equal(2, rsg.Regions.Count);
        Assert.Equal(4, rsg.MaskCellSize);
        Assert.Null(rsg.Labels);
        Assert.Equal(24, info.PixelType.BitsPerPixel);
    }

    [Fact]
    public void MetadataSurvivesCloneAndIsDeepCopied()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, Encode(photo, FaceEncoder()));
        using Image<Rgb24> clone = image.Clone();
        RsgMetadata a = image.Metadata.GetRsgMetadata(), b = clone.Metadata.GetRsgMetadata();
        Assert.NotSame(a, b);
        Assert.Equal(a.Labels!.Labels, b.Labels!.Labels);
        b.Labels.Labels[0] = 1;
        Assert.Equal(0, a.Labels.Labels[0]);
    }

    [Fact]
    public void SavingALoadedImageAgainKeepsItsRegionsUnlessToldNotTo()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, Encode(photo, FaceEncoder()));

        using (Image<Rgb24> again = Image.Load<Rgb24>(configuration, Encode(image, new RsgImageEncoder())))
        {
            Assert.Equal(image.Metadata.GetRsgMetadata().Labels!.Labels, again.Metadata.GetRsgMetadata().Labels!.Labels);
            Assert.Equal(2, again.Metadata.GetRsgMetadata().Regions.Count);
        }

        using (Image<Rgb24> fresh = Image.Load<Rgb24>(configuration, Encode(image, new RsgImageEncoder { PreserveRegions = false, Segmenter = null })))
        {
            Assert.Single(fresh.Metadata.GetRsgMetadata().Regions);
        }

        // Resized: the old map no longer fits, so it is not used.
        image.Mutate(x => x.Resize(200, 100));
        using Image<Rgb24> resized = Image.Load<Rgb24>(configuration, Encode(image, new RsgImageEncoder { Segmenter = null }));
        Assert.Single(resized.Metadata.GetRsgMetadata().Regions);
    }

    [Fact]
    public void ASegmenterWithQualitiesByRegionName()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        var segmenter = new RightHalfSegmenter();
        var encoder = new RsgImageEncoder
        {
            Segmenter = segmenter,
            RegionQualities = new Dictionary<string, int> { ["foreground"] = 92 },
            MaskCellSize = 2,
            Quality = 60,
        };
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, Encode(photo, encoder));
        RsgMetadata rsg = image.Metadata.GetRsgMetadata();
        Assert.Equal([new RsgRegion(40, Name: "background"), new RsgRegion(92, Name: "foreground")], rsg.Regions);
        Assert.Equal(2, rsg.MaskCellSize);
        Assert.Equal((byte)0, rsg.LabelAtPixel(100, 100));
        Assert.Equal((byte)1, rsg.LabelAtPixel(400, 100));
        Assert.Equal((2, 60, RsgPixelFormat.Rgb24), (segmenter.CellSize, segmenter.TargetQuality, segmenter.Format));
    }

    [Fact]
    public void TheDefaultEncoderSegmentsWithTheManagedPerceptualSegmenter()
    {
        Assert.IsType<PerceptualSegmenter>(new RsgImageEncoder().Segmenter);
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, Encode(photo, new RsgImageEncoder
        {
            RegionQualities = new Dictionary<string, int> { ["busy"] = 11, ["textured"] = 97 },
        }));
        RsgMetadata rsg = image.Metadata.GetRsgMetadata();
        Assert.True(rsg.Regions.Count >= 4, string.Join(",", rsg.Regions)); // masking classes, busiest (label 0) first
        Assert.Equal(new RsgRegion(11, Name: "busy"), rsg.Regions[0]);
        Assert.Equal(new RsgRegion(97, Name: "textured"), rsg.Regions[1]);
        Assert.Equal(new RsgRegion(75, Name: "moderate"), rsg.Regions[2]); // "moderate": the target's own step
        Assert.All(rsg.Regions.Skip(3), r => Assert.True(r.Quality > 75, string.Join(",", rsg.Regions))); // the finer classes
        Assert.Contains((byte)0, rsg.Labels!.Labels);
        Assert.Contains((byte)(rsg.Regions.Count - 1), rsg.Labels.Labels);
    }

    [Fact]
    public void MaskFromAnImage()
    {
        using var mask = new Image<L8>(40, 20);
        mask[17, 3] = new L8(255);
        RsgLabelMap map = RsgMasks.FromImage(mask, cellSize: 8);
        Assert.Equal((5, 3), (map.Width, map.Height));
        Assert.Equal(1, map.Labels.Sum(l => l));
        Assert.Equal(1, map.LabelAtPixel(16, 0));
    }

    [Fact]
    public void ExplicitRegionsWithoutLabelsAreRejected()
    {
        using var image = new Image<Rgb24>(16, 16);
        Assert.Throws<ArgumentException>(() => image.SaveAsRsg(new MemoryStream(), new RsgImageEncoder { Regions = [new RsgRegion(50)] }));
        Assert.Throws<ArgumentException>(() => image.SaveAsRsg(new MemoryStream(), new RsgImageEncoder { Labels = RsgLabelMap.Uniform(16, 16) }));
    }

    /// <summary>Left half "background" (quality 40), right half "foreground" (quality 80).</summary>
    private sealed class RightHalfSegmenter : IRsgSegmenter
    {
        public string Name => "right-half";

        public int CellSize { get; private set; }

        public int TargetQuality { get; private set; }

        public RsgPixelFormat Format { get; private set; }

        public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
        {
            (CellSize, TargetQuality, Format) = (options.CellSize, options.TargetQuality, format);
            RsgLabelMap map = RsgLabelMap.Uniform(width, height, options.CellSize);
            for (int i = 0; i < map.Labels.Length; i++)
            {
                map.Labels[i] = (byte)(i % map.Width >= map.Width / 2 ? 1 : 0);
            }

            return new RsgSegmentation(map, ["background", "foreground"], [new RsgRegion(40), new RsgRegion(80)]);
        }
    }
}
