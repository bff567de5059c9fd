using OpenCvSharp;
using RegionCodec.Segmentation.OpenCv;
using RegionCodec.Metrics;

namespace RegionCodec.Segmentation.Tests;

public class OpenCvSegmenterTests
{
    // coffee.png (600x400), measured by hand: the saucer is an ellipse centred (278, 231) with semi-axes
    // 200 x 157; the cup rises above it, x 172..408, y 18..235.
    private static bool InCoffee(int x, int y, double grow)
    {
        double ex = (x - 278) / (200.0 * grow), ey = (y - 231) / (157.0 * grow);
        int g = (int)((grow - 1) * 150);
        return (ex * ex) + (ey * ey) <= 1 || (x >= 172 - g && x < 408 + g && y >= 18 - g && y < 235 + g);
    }

    [Fact]
    public void FacesFoundOnTheAstronaut()
    {
        var (rgb, w, h) = TestImages.Load("astronaut");
        using var segmenter = new FaceSegmenter();
        using Mat bgr = OpenCvRuntime.ToBgrMat(rgb, w, h, w * 3, RsgPixelFormat.Rgb24);
        Rect[] faces = segmenter.DetectFaces(bgr);
        Rect face = Assert.Single(faces);

        // Eileen Collins' face: between the hair line and the chin, centred near (222, 115).
        int cx = face.X + (face.Width / 2), cy = face.Y + (face.Height / 2);
        Assert.InRange(cx, 195, 250);
        Assert.InRange(cy, 90, 140);
        Assert.InRange(face.Width, 60, 140);

        RsgSegmentation s = segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        Assert.Equal(["background", "face"], s.RegionNames);
        Assert.Equal(1, s.Labels.LabelAtPixel(cx, cy));
        Assert.Equal(0, s.Labels.LabelAtPixel(440, 200)); // the shuttle model
        Assert.Equal(0, s.Labels.LabelAtPixel(30, 100)); // the flag
        Assert.True(s.Regions[1].Quality > s.Regions[0].Quality);

        // The region table carries the names, so an encoded file stores them (spec/rsg.md §4.11).
        Assert.Equal(["background", "face"], s.Regions.Select(r => r.Name));
        byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        Assert.Equal(["background", "face"], RsgDecoder.Identify(file).Regions.Select(r => r.Name));
    }

    [Fact]
    public void MissingCascadeNamesThePackage()
    {
        var (rgb, w, h) = TestImages.Load("coins");
        using var segmenter = new FaceSegmenter("/nonexistent/haarcascade_frontalface_default.xml");
        var e = Assert.Throws<CascadeNotFoundException>(() => segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default));
        Assert.Contains("opencv-data", e.Message);
        Assert.Contains("/nonexistent/haarcascade_frontalface_default.xml", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GrabCutCoversTheCupAndExcludesTheTable(bool userRectangle)
    {
        var (_, w, h) = TestImages.Load("coffee");
        // The saliency bounding-box start covers cup and saucer here; the default mask start keeps only the cup (see GrabCutStartTests).
        var segmenter = userRectangle ? new GrabCutSegmenter { Rectangle = new Rect(70, 10, 415, 385) } : new GrabCutSegmenter { AutoStart = GrabCutStart.Saliency };
        RsgSegmentation s = TestImages.Segment(segmenter, "coffee");
        Assert.Equal(["background", "foreground"], s.RegionNames);
        Assert.Equal(["background", "foreground"], s.Regions.Select(r => r.Name));
        double covered = TestImages.Fraction(s.Labels, w, h, (x, y) => InCoffee(x, y, 0.9), l => l == 1);
        double leaked = TestImages.Fraction(s.Labels, w, h, (x, y) => !InCoffee(x, y, 1.1), l => l == 1);
        Assert.True(covered > 0.9, $"foreground covers {covered:P1} of the cup and saucer");
        Assert.True(leaked < 0.1, $"foreground covers {leaked:P1} of the table");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void KMeansGivesExactlyKLabelsAndIsDeterministic(int k)
    {
        RsgSegmentation a = TestImages.Segment(new KMeansSegmenter(k), "coffee");
        Assert.Equal(k, a.Regions.Count);
        Assert.Equal(k, TestImages.DistinctLabels(a.Labels));
        RsgSegmentation b = TestImages.Segment(new KMeansSegmenter(k), "coffee");
        Assert.Equal(a.Labels.Labels, b.Labels.Labels);
    }

    [Fact]
    public void KMeansRawLabelsAreKClustersLargestFirst()
    {
        var (rgb, w, h) = TestImages.Load("coffee");
        using Mat bgr = OpenCvRuntime.ToBgrMat(rgb, w, h, w * 3, RsgPixelFormat.Rgb24);
        PixelSegmentation raw = new KMeansSegmenter(5).SegmentPixels(bgr, RsgSegmenterOptions.Default);
        long[] counts = new long[256];
        foreach (byte l in raw.Labels)
        {
            counts[l]++;
        }

        Assert.Equal(5, counts.Count(c => c > 0));
        for (int l = 1; l < 5; l++)
        {
            Assert.True(counts[l - 1] >= counts[l]);
        }
    }

    [Fact]
    public void OtsuSeparatesCoinsFromTheBackground()
    {
        var (_, w, h) = TestImages.Load("coins");
        RsgSegmentation s = TestImages.Segment(new ThresholdSegmenter(ThresholdMethod.Otsu), "coins", new RsgSegmenterOptions { CellSize = 4 });
        Assert.Equal(["dark", "bright"], s.RegionNames);
        double bright = TestImages.Fraction(s.Labels, w, h, (_, _) => true, l => l == 1);
        Assert.InRange(bright, 0.15, 0.6);
        // A coin (top row, second from the left) and the background between the rows.
        Assert.Equal(1, s.Labels.LabelAtPixel(95, 40));
        Assert.Equal(0, s.Labels.LabelAtPixel(190, 85));
    }

    [Fact]
    public void AdaptiveThresholdGivesTwoRegions()
    {
        RsgSegmentation s = TestImages.Segment(new ThresholdSegmenter(ThresholdMethod.Adaptive), "coins");
        Assert.Equal(2, s.Regions.Count);
    }

    [Fact]
    public void EdgesMarkTheDenseEdges()
    {
        var (_, w, h) = TestImages.Load("coffee");
        RsgSegmentation s = TestImages.Segment(new EdgeSegmenter(), "coffee");
        Assert.Equal(["flat", "edges"], s.RegionNames);
        // The middle of the crema is mostly flat; the saucer's left rim and the spoon are edges.
        double crema = TestImages.Fraction(s.Labels, w, h, (x, y) => x is >= 260 and < 320 && y is >= 130 and < 170, l => l == 0);
        Assert.True(crema > 0.6, $"crema flat fraction {crema:P0}");
        Assert.Equal(1, s.Labels.LabelAtPixel(80, 231));
        Assert.Equal(1, s.Labels.LabelAtPixel(365, 290)); // the spoon
        Assert.InRange(TestImages.Fraction(s.Labels, w, h, (_, _) => true, l => l == 1), 0.05, 0.8);
    }

    [Fact]
    public void SaliencyGivesABoundedForeground()
    {
        var (_, w, h) = TestImages.Load("astronaut");
        RsgSegmentation s = TestImages.Segment(new SaliencySegmenter(), "astronaut");
        Assert.Equal(["background", "salient"], s.RegionNames);
        Assert.InRange(TestImages.Fraction(s.Labels, w, h, (_, _) => true, l => l == 1), 0.02, 0.7);
    }

    [Fact]
    public void UserMaskValuesBecomeOrderedLabels()
    {
        var (rgb, w, h) = TestImages.Load("coffee");
        var mask = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                mask[(y * w) + x] = x < 200 ? (byte)200 : y < 200 ? (byte)0 : (byte)90;
            }
        }

        string path = Path.Combine(Path.GetTempPath(), $"rsg-mask-{Guid.NewGuid():N}.png");
        try
        {
            using (var image = SixLabors.ImageSharp.Image.LoadPixelData<SixLabors.ImageSharp.PixelFormats.L8>(mask, w, h))
            {
                SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, path);
            }

            RsgSegmentation s = UserMaskSegmenter.FromFile(path).Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
            Assert.Equal(["value0", "value90", "value200"], s.RegionNames);
            Assert.Equal(2, s.Labels.LabelAtPixel(50, 50));
            Assert.Equal(0, s.Labels.LabelAtPixel(400, 50));
            Assert.Equal(1, s.Labels.LabelAtPixel(400, 300));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UserMaskWith256ValuesIsLimitedToTheFormat()
    {
        const int w = 256, h = 64;
        var mask = new byte[w * h];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)(i % w);
        }

        var pixels = new byte[w * h];
        var options = new RsgSegmenterOptions { CellSize = 1, MinRegionArea = 1 };
        RsgSegmentation s = new UserMaskSegmenter(mask, w, h).Segment(pixels, w, h, w, RsgPixelFormat.Gray8, options);
        Assert.True(s.Regions.Count <= RsgConstants.MaxRegions);
        Assert.Equal(s.Regions.Count, TestImages.DistinctLabels(s.Labels));
        byte[] file = RsgEncoder.Encode(pixels, w, h, w, RsgPixelFormat.Gray8, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        Assert.Equal(s.Labels.Labels, RsgDecoder.Decode(file).Labels.Labels);

        RsgSegmentation three = new UserMaskSegmenter(mask, w, h).Segment(pixels, w, h, w, RsgPixelFormat.Gray8, new RsgSegmenterOptions { MaxRegions = 3 });
        Assert.Equal(3, three.Regions.Count);
    }

    [Fact]
    public void CombineLayersFacesOverGrabcutOverBackground()
    {
        RsgSegmentation s = TestImages.Segment(RsgSegmenters.Create("combine:grabcut+faces"), "astronaut");
        Assert.Equal(["background", "foreground", "face"], s.RegionNames);
        Assert.Equal(2, s.Labels.LabelAtPixel(222, 115));
        Assert.Equal(0, s.Labels.LabelAtPixel(440, 120));
        Assert.Equal([30, 60, 90], s.Regions.Select(r => r.Quality));
        Assert.Equal([90, 60, 30], s.WithQualities(90, 30).Regions.Select(r => r.Quality).Reverse());
    }

    public static TheoryData<string> Specs =>
        ["activity", "otsu", "otsu-inv", "adaptive", "edges", "kmeans:3", "grabcut", "grabcut:70,10,415,385", "grabcut-centered", "faces", "saliency", "combine:saliency+faces"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryMethodEncodesDecodesAndIsDeterministic(string spec)
    {
        foreach (string image in new[] { "coffee" })
        {
            var (rgb, w, h) = TestImages.Load(image);
            RsgSegmentation a = TestImages.Segment(RsgSegmenters.Create(spec), image);
            RsgSegmentation b = TestImages.Segment(RsgSegmenters.Create(spec), image);
            Assert.Equal(a.Labels.Labels, b.Labels.Labels);
            Assert.Equal(a.Regions.Count, TestImages.DistinctLabels(a.Labels));
            ActivitySegmenterTests.AssertNoSpecks(a.Labels, RsgSegmenterOptions.Default.MinRegionCells(w, h));

            byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = a.Regions }, a.Labels);
            RsgImage decoded = RsgDecoder.Decode(file);
            Assert.Equal(a.Labels.Labels, decoded.Labels.Labels);
            Assert.Equal(a.Regions, decoded.Info.Regions);
            Assert.True(Psnr(rgb, decoded.Pixels) > 28, $"{spec} on {image}");
        }
    }

    private static double Psnr(byte[] a, byte[] b) => ImageMetrics.PsnrRgb(a, b);
}

public class OpenCvRuntimeTests
{
    [Fact]
    public void NativeLibraryLoadsAndReportsItsVersion()
    {
        Assert.StartsWith("4.", OpenCvRuntime.Version);
    }

    [Fact]
    public void PixelFormatsConvertToTheSameBgr()
    {
        byte[] rgb = [10, 20, 30, 40, 50, 60];
        byte[] bgra = [30, 20, 10, 255, 60, 50, 40, 255];
        using OpenCvSharp.Mat a = OpenCvRuntime.ToBgrMat(rgb, 2, 1, 6, RsgPixelFormat.Rgb24);
        using OpenCvSharp.Mat b = OpenCvRuntime.ToBgrMat(bgra, 2, 1, 8, RsgPixelFormat.Bgra32);
        Assert.Equal(new OpenCvSharp.Vec3b(30, 20, 10), a.At<OpenCvSharp.Vec3b>(0, 0));
        Assert.Equal(a.At<OpenCvSharp.Vec3b>(0, 1), b.At<OpenCvSharp.Vec3b>(0, 1));
    }
}
