namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// The compound detector on real screen content and real photographs: text, UI and graphics cells are flagged, no
/// photograph cell is, and in a page that mixes both the photograph stays out of the synthetic region.
/// </summary>
public class CompoundDetectorTests
{
    private static CompoundMap Detect(string name)
    {
        var (rgb, w, h) = TestImages.Load(name);
        return new CompoundDetector().Detect(rgb, w, h, w * 3, RsgPixelFormat.Rgb24);
    }

    /// <summary>Share of the cells with visible content (luma range at least 48: text, icons, lines) that are flagged, over the cells <paramref name="inside"/> selects.</summary>
    private static double FlaggedContentShare(string name, CompoundMap map, Func<int, int, bool> inside)
    {
        var (rgb, w, h) = TestImages.Load(name);
        int content = 0, flagged = 0;
        for (int cy = 0; cy < h / 8; cy++)
        {
            for (int cx = 0; cx < w / 8; cx++)
            {
                if (!inside(cx, cy))
                {
                    continue;
                }

                int min = 255, max = 0;
                for (int y = cy * 8; y < (cy * 8) + 8; y++)
                {
                    for (int x = cx * 8; x < (cx * 8) + 8; x++)
                    {
                        int i = ((y * w) + x) * 3;
                        int luma = RsgLuma.Of(rgb[i], rgb[i + 1], rgb[i + 2]);
                        (min, max) = (Math.Min(min, luma), Math.Max(max, luma));
                    }
                }

                if (max - min >= 48)
                {
                    content++;
                    flagged += map.IsSynthetic(cx, cy) ? 1 : 0;
                }
            }
        }

        Assert.True(content > 100, $"{name}: only {content} content cells");
        return (double)flagged / content;
    }

    [Theory]
    [InlineData("screen-docs", 0.95)] // measured 99.7%: a documentation page with code rendered by Chromium
    [InlineData("gb82sc_windows95", 0.93)] // measured 98.6%: flat colours, icons and pixel fonts
    public void Screenshots_MostContentCellsAreFlagged(string name, double atLeast)
    {
        CompoundMap map = Detect(name);
        double share = FlaggedContentShare(name, map, (_, _) => true);
        Assert.True(share >= atLeast, $"{name}: {share:P1} of the content cells flagged, expected at least {atLeast:P0}");
    }

    [Theory]
    [InlineData("kodim15")]
    [InlineData("kodim23")]
    [InlineData("astronaut")]
    [InlineData("coffee")]
    [InlineData("coins")]
    public void Photographs_NoCellFlagged(string name)
    {
        Assert.Equal(0, Detect(name).SyntheticCells);
    }

    [Fact]
    public void MixedPage_PhotographNotFlagged_TextFlagged()
    {
        // screen-mixed: a newspaper page; Kodak's parrots fill x 0..111, y 0..187, the text column starts at x 142.
        CompoundMap map = Detect("screen-mixed");
        for (int cy = 0; cy < 184 / 8; cy++)
        {
            for (int cx = 0; cx < 104 / 8; cx++)
            {
                Assert.False(map.IsSynthetic(cx, cy), $"photograph cell ({cx}, {cy}) flagged");
            }
        }

        double text = FlaggedContentShare("screen-mixed", map, (cx, _) => cx * 8 >= 136);
        Assert.True(text >= 0.9, $"{text:P1} of the text column's content cells flagged"); // measured 100%
    }

    [Fact]
    public void PixelFormats_GiveTheSameMap()
    {
        var (rgb, w, h) = TestImages.Load("screen-docs");
        var bgra = new byte[w * h * 4];
        for (int i = 0; i < w * h; i++)
        {
            (bgra[4 * i], bgra[(4 * i) + 1], bgra[(4 * i) + 2], bgra[(4 * i) + 3]) = (rgb[(3 * i) + 2], rgb[(3 * i) + 1], rgb[3 * i], 255);
        }

        CompoundMap fromRgb = Detect("screen-docs");
        CompoundMap fromBgra = new CompoundDetector().Detect(bgra, w, h, w * 4, RsgPixelFormat.Bgra32);
        Assert.True(fromRgb.SyntheticCells > 0);
        for (int cy = 0; cy < fromRgb.Rows; cy++)
        {
            for (int cx = 0; cx < fromRgb.Columns; cx++)
            {
                Assert.Equal(fromRgb.IsSynthetic(cx, cy), fromBgra.IsSynthetic(cx, cy));
            }
        }
    }

    [Fact]
    public void IsolatedEvidence_IsDropped()
    {
        // One small black glyph-like mark on white: evidence in a cell or two, far below a cluster.
        const int W = 128, H = 128;
        var rgb = new byte[W * H * 3];
        Array.Fill(rgb, (byte)255);
        for (int y = 60; y < 66; y++)
        {
            for (int x = 60; x < 62; x++)
            {
                rgb[((y * W) + x) * 3] = rgb[(((y * W) + x) * 3) + 1] = rgb[(((y * W) + x) * 3) + 2] = 0;
            }
        }

        Assert.Equal(0, new CompoundDetector().Detect(rgb, W, H, W * 3, RsgPixelFormat.Rgb24).SyntheticCells);
        Assert.True(new CompoundDetector { MinNeighbours = 0, MinClusterCells = 1, MinClusterExtent = 1 }.Detect(rgb, W, H, W * 3, RsgPixelFormat.Rgb24).SyntheticCells > 0);
    }
}

/// <summary>The compound detector's first pass gives the same candidate cells on its 256-bit and scalar paths.</summary>
public sealed class CompoundCandidatePathTests
{
    [Theory]
    [InlineData("screen-docs")]
    [InlineData("screen-mixed")]
    [InlineData("gb82sc_windows95")]
    [InlineData("kodim23")]
    [InlineData("coins")]
    public void ScalarAndVectorPassesFindTheSameCandidates(string name)
    {
        var (rgb, w, h) = TestImages.Load(name);
        bool[] scalar = CompoundCellStats.Candidates(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, 24, 64, 2, vector: false, CancellationToken.None);
        bool[] vector = CompoundCellStats.Candidates(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, 24, 64, 2, vector: true, CancellationToken.None);
        Assert.Equal(scalar, vector);
        if (name.StartsWith("screen", StringComparison.Ordinal))
        {
            Assert.Contains(true, scalar); // the comparison is not of two empty maps
        }
    }
}
