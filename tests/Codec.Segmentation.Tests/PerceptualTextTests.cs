namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// Text and line art in the perceptual segmenter: strong strokes of two levels (ink on paper) raise the gradient
/// energy like texture does, but they show ringing and blur first, so an image whose busy blocks are mostly such
/// strokes gets no coarsened block. Noise texture of the same contrast keeps its coarse class.
/// </summary>
public class PerceptualTextTests
{
    private const int W = 256, H = 128;

    /// <summary>Lines of glyph-like strokes (ink 40 on paper 215, 2 px wide) on the left 160 columns, blank paper right of them.</summary>
    private static byte[] TextPage()
    {
        var pixels = new byte[W * H];
        Array.Fill(pixels, (byte)215);
        var rng = new Random(7);
        for (int line = 4; line + 10 <= H - 4; line += 14)
        {
            for (int glyph = 4; glyph + 6 <= 160; glyph += 8)
            {
                // A stem, then one or two bars at random heights: enough to look like dense print at 8x8 block scale.
                Stroke(pixels, glyph + rng.Next(0, 4), line, 2, 10);
                Stroke(pixels, glyph, line + rng.Next(0, 8), 6, 2);
                if (rng.Next(2) == 0)
                {
                    Stroke(pixels, glyph, line + rng.Next(0, 8), 6, 2);
                }
            }
        }

        return pixels;
    }

    /// <summary>The same layout with noise of the same range (40..215) where the text was.</summary>
    private static byte[] NoisePage()
    {
        var pixels = new byte[W * H];
        var rng = new Random(7);
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                pixels[(y * W) + x] = x < 160 ? (byte)rng.Next(40, 216) : (byte)215;
            }
        }

        return pixels;
    }

    private static void Stroke(byte[] pixels, int x0, int y0, int width, int height)
    {
        for (int y = y0; y < y0 + height; y++)
        {
            for (int x = x0; x < x0 + width; x++)
            {
                pixels[(y * W) + x] = 40;
            }
        }
    }

    // The masking classes alone: with the compound detector on, these exact two-level strokes become the lossless
    // graphics region (PerceptualGraphicsTests), which would hide what the text rule does to the classes.
    private static RsgSegmentation Segment(byte[] pixels, int target, double textShare = 0.4) =>
        new PerceptualSegmenter { TextShare = textShare, DetectGraphics = false }.Segment(pixels, W, H, W, RsgPixelFormat.Gray8, new RsgSegmenterOptions { TargetQuality = target });

    /// <summary>Share of the pixels of the text area (x 8..152) coded coarser than the target.</summary>
    private static double CoarserShare(RsgSegmentation s, int target) =>
        TestImages.Fraction(s.Labels, W, H, (x, y) => x is >= 8 and < 152 && y is >= 8 and < H - 8, l => s.Regions[l].Quality < target);

    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    public void Text_strokes_on_flat_paper_are_not_coarsened(int target)
    {
        RsgSegmentation s = Segment(TextPage(), target);
        Assert.All(s.Regions, r => Assert.True(r.Quality >= target, $"region at {r.Quality} below the target {target}"));
        Assert.Contains(s.Regions, r => r.Quality > target); // the blank paper still gets a finer step

        // The rule is what keeps them: without it the masking reads the strokes as texture and coarsens them.
        Assert.True(CoarserShare(Segment(TextPage(), target, textShare: 2), target) > 0.5);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    public void Noise_texture_of_the_same_contrast_keeps_the_coarse_class(int target)
    {
        // Noise from 40 to 215 has as many strong gradients as the text, but its levels spread over the whole range.
        RsgSegmentation s = Segment(NoisePage(), target);
        Assert.True(CoarserShare(s, target) > 0.9, $"{CoarserShare(s, target):P0} of the noise coarser than {target}");
        Assert.Equal(s.Labels.Labels, Segment(NoisePage(), target, textShare: 2).Labels.Labels);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    public void A_scanned_text_page_gets_no_coarser_class(int target)
    {
        var (rgb, w, h) = TestImages.Load("page");
        RsgSegmentation s = new PerceptualSegmenter().Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = target });
        Assert.All(s.Regions, r => Assert.True(r.Quality >= target, $"region at {r.Quality}"));
        Assert.True(s.Regions.Count >= 2, "the paper keeps finer classes");

        RsgSegmentation textAsTexture = new PerceptualSegmenter { TextShare = 2 }.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgSegmenterOptions { TargetQuality = target });
        Assert.Contains(textAsTexture.Regions, r => r.Quality < target);
    }

    [Theory]
    [InlineData("astronaut")]
    [InlineData("coffee")]
    [InlineData("coins")]
    [InlineData("kodim23")]
    public void Photographs_are_not_taken_for_text(string name)
    {
        // Their strong edges are not two-level strokes often enough: the labels are those of the rule switched off.
        foreach (int target in new[] { 40, 75 })
        {
            var options = new RsgSegmenterOptions { TargetQuality = target };
            RsgSegmentation s = TestImages.Segment(new PerceptualSegmenter(), name, options);
            Assert.Equal(TestImages.Segment(new PerceptualSegmenter { TextShare = 2 }, name, options).Labels.Labels, s.Labels.Labels);
            Assert.Contains(s.Regions, r => r.Quality < target);
        }
    }
}
