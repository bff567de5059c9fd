using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Segmentation.Tests;

public class AutoSegmenterTests
{
    private static readonly string[] PerceptualNames = ["busy", "textured", "moderate", "smooth", "flat"];

    [Fact]
    public void AutoIsDeterministic()
    {
        RsgSegmentation a, b;
        using (var first = new AutoSegmenter())
        {
            a = TestImages.Segment(first, "astronaut");
        }

        using (var second = new AutoSegmenter())
        {
            b = TestImages.Segment(second, "astronaut");
        }

        Assert.Equal(a.Labels.Labels, b.Labels.Labels);
        Assert.Equal(a.RegionNames, b.RegionNames);
        Assert.Equal(a.Regions, b.Regions);
        Assert.Equal(a.RegionsAt(40), b.RegionsAt(40));
    }

    [Fact]
    public void AutoPutsTheFaceAsAHeadOverThePerceptualClassesOnTheAstronaut()
    {
        var (_, w, h) = TestImages.Load("astronaut");
        using var auto = new AutoSegmenter();
        RsgSegmentation s = TestImages.Segment(auto, "astronaut");
        RsgSegmentation perceptual = TestImages.Segment(new PerceptualSegmenter(), "astronaut");

        // Perceptual classes first, in their own order (a class wholly under the subject or face is gone), then the
        // semantic regions, face last.
        Assert.Equal("face", s.RegionNames[^1]);
        string[] classes = s.RegionNames.Where(n => n is not ("subject" or "face")).ToArray();
        Assert.Equal(perceptual.RegionNames.Where(classes.Contains), classes);
        Assert.Equal(classes, s.RegionNames.Take(classes.Length));
        Assert.True(classes.Length >= 3, string.Join(",", s.RegionNames));
        int face = s.RegionNames.Count - 1;

        // Measured 7.4% of the cells (the padded box of the earlier FaceSegmenter: 7.8%, see the next test).
        double share = TestImages.Fraction(s.Labels, w, h, (_, _) => true, l => l == face);
        Assert.InRange(share, 0.055, 0.077);
        Assert.Equal(face, s.Labels.LabelAtPixel(222, 115)); // between the eyes
        Assert.Equal(face, s.Labels.LabelAtPixel(222, 165)); // the chin
        Assert.NotEqual(face, s.Labels.LabelAtPixel(30, 100)); // the flag
        Assert.NotEqual(face, s.Labels.LabelAtPixel(440, 200)); // the shuttle model
        Assert.NotEqual(face, s.Labels.LabelAtPixel(150, 60)); // the grey wall left of the hair
    }

    [Fact]
    public void HeadShapeIsSmallerThanThePaddedBoxAndKeepsTheFace()
    {
        var (_, w, h) = TestImages.Load("astronaut");
        using var head = new FaceSegmenter();
        using var box = new FaceSegmenter { Shape = FaceShape.Box };
        RsgSegmentation headShape = TestImages.Segment(head, "astronaut");
        RsgSegmentation padded = TestImages.Segment(box, "astronaut");
        double headShare = TestImages.Fraction(headShape.Labels, w, h, (_, _) => true, l => l == 1);
        double boxShare = TestImages.Fraction(padded.Labels, w, h, (_, _) => true, l => l == 1);
        Assert.True(headShare < boxShare, $"head {headShare:P1} vs box {boxShare:P1}");
        Assert.Equal(1, headShape.Labels.LabelAtPixel(222, 115));
        // Near the padded box's lower corners (the Haar box is x 177..270, y 67..160; padded x 154..293, y 44..183):
        // collar and wall, which the head shape leaves out.
        foreach ((int x, int y) in new[] { (166, 172), (282, 172) })
        {
            Assert.Equal(1, padded.Labels.LabelAtPixel(x, y));
            Assert.Equal(0, headShape.Labels.LabelAtPixel(x, y));
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    public void AutoFaceQualityIsAboveEveryPerceptualClassAtAnyTarget(int target)
    {
        using var auto = new AutoSegmenter();
        RsgSegmentation s = TestImages.Segment(auto, "astronaut");
        IReadOnlyList<RsgRegion> regions = s.RegionsAt(target);
        Assert.Equal(s.RegionNames.Count, regions.Count);
        int face = regions[^1].Quality;
        for (int l = 0; l < s.RegionNames.Count - 1; l++)
        {
            if (PerceptualNames.Contains(s.RegionNames[l]))
            {
                Assert.True(face > regions[l].Quality, $"target {target}: face {face} vs {s.RegionNames[l]} {regions[l].Quality}");
            }
        }

        // The classes keep the qualities the perceptual segmenter gives them at this target.
        RsgSegmentation perceptual = TestImages.Segment(new PerceptualSegmenter(), "astronaut");
        IReadOnlyList<RsgRegion> classes = perceptual.RegionsAt(target);
        for (int l = 0; l < s.RegionNames.Count; l++)
        {
            int p = perceptual.RegionNames.ToList().IndexOf(s.RegionNames[l]);
            if (p >= 0)
            {
                Assert.Equal(classes[p], regions[l]);
            }
        }
    }

    [Fact]
    public void AutoFollowsTheTargetQuality()
    {
        using var auto = new AutoSegmenter();
        RsgSegmentation s = TestImages.Segment(auto, "astronaut", new RsgSegmenterOptions { TargetQuality = 40 });
        Assert.Equal(s.RegionsAt(40), s.Regions);
        Assert.True(s.RegionsAt(40)[^1].Quality < s.RegionsAt(75)[^1].Quality);
    }

    [Fact]
    public void AutoWithoutFaceOrSubjectIsThePerceptualSegmentation()
    {
        // A synthetic texture: the same small ripple pattern everywhere, so nothing stands out.
        const int w = 256, h = 192;
        var gray = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                gray[(y * w) + x] = (byte)(128 + (60 * Math.Sin(x * 0.9) * Math.Cos(y * 0.7)));
            }
        }

        RsgSegmentation perceptual = new PerceptualSegmenter().Segment(gray, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        using var auto = new AutoSegmenter();
        RsgSegmentation s = auto.Segment(gray, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        Assert.Null(auto.FallbackReason);
        Assert.Equal(perceptual.Labels.Labels, s.Labels.Labels);
        Assert.Equal(perceptual.RegionNames, s.RegionNames);
        Assert.Equal(perceptual.RegionsAt(40), s.RegionsAt(40));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(40, 30)]
    [InlineData(300, 7)]
    public void AutoHandlesTinyAndThinImages(int w, int h)
    {
        var rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)((i * 37) ^ (i >> 3));
        }

        using var auto = new AutoSegmenter();
        RsgSegmentation s = auto.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        Assert.Equal(s.Regions.Count, TestImages.DistinctLabels(s.Labels));
        byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        Assert.Equal(s.Labels.Labels, RsgDecoder.Decode(file).Labels.Labels);
    }

    [Fact]
    public void AutoEncodesAndDecodesItsLabelsAndQualities()
    {
        var (rgb, w, h) = TestImages.Load("astronaut");
        using var auto = new AutoSegmenter();
        RsgSegmentation s = TestImages.Segment(auto, "astronaut");
        byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(s.Labels.Labels, decoded.Labels.Labels);
        Assert.Equal(s.Regions, decoded.Info.Regions);
    }

    [Fact]
    public void CreateAutoGivesTheAutoSegmenter()
    {
        IRsgSegmenter s = RsgSegmenters.Create("auto");
        Assert.IsType<AutoSegmenter>(s);
        Assert.Equal("auto", s.Name);
        ((IDisposable)s).Dispose();
    }
}
