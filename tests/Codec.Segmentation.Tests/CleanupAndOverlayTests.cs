namespace RegionCodec.Segmentation.Tests;

public class CleanupAndOverlayTests
{
    [Fact]
    public void TargetQuality75Gives90And30()
    {
        Assert.Equal((90, 30), RsgQualities.FromTarget(75));
        Assert.Equal([30, 60, 90], RsgQualities.FromTarget(3, 75).Select(r => r.Quality));
        Assert.Equal([42], RsgQualities.Spread(1, 42, 10).Select(r => r.Quality));
    }

    [Fact]
    public void SpecksJoinTheirNeighbourButALabelNeverVanishes()
    {
        // 20x20 of label 0, a 1-cell speck of label 1 at (3,3), a 2x2 speck of 1 at (10,10), a 1-cell speck of 2 at (15,15).
        var labels = new byte[400];
        labels[(3 * 20) + 3] = 1;
        labels[(10 * 20) + 10] = labels[(10 * 20) + 11] = labels[(11 * 20) + 10] = labels[(11 * 20) + 11] = 1;
        labels[(15 * 20) + 15] = 2;
        int[] map = RsgLabelCleaner.Clean(labels, 20, 20, smoothingRadius: 0, minArea: 3);
        Assert.Equal(0, labels[(3 * 20) + 3]);            // small speck removed
        Assert.Equal(1, labels[(10 * 20) + 10]);          // label 1's largest component kept
        Assert.Equal(2, labels[(15 * 20) + 15]);          // label 2's only component kept
        Assert.Equal([0, 1, 2], map.Take(3));
    }

    [Fact]
    public void LimitMergesTheSmallestLabels()
    {
        var labels = new byte[300];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)(i < 200 ? 0 : i < 280 ? 5 : 9);
        }

        int[] map = RsgLabelCleaner.Clean(labels, 30, 10, 0, 1, maxRegions: 2);
        Assert.Equal(2, labels.Distinct().Count());
        Assert.Equal(-1, map[9]);
        Assert.Equal(1, map[5]);
    }

    [Fact]
    public void CellsTakeTheHighestLabelCoveringAQuarter()
    {
        var pixels = new byte[8 * 8];
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                pixels[(y * 8) + x] = 3; // a quarter of the cell
            }
        }

        pixels[63] = 7; // a single pixel is not enough
        Assert.Equal([3], RsgLabelCleaner.ToCells(pixels, 8, 8, 8));
    }

    [Fact]
    public void OverlayTintsRegionsAndDrawsOutlines()
    {
        var (rgb, w, h) = TestImages.Load("coffee");
        RsgSegmentation s = TestImages.Segment(new ActivitySegmenter(), "coffee");
        byte[] overlay = RsgOverlay.Render(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, s.Labels);
        Assert.Equal(w * h * 3, overlay.Length);
        int outline = 0, tinted = 0;
        for (int y = 1; y < h - 1; y++)
        {
            for (int x = 1; x < w - 1; x++)
            {
                int i = ((y * w) + x) * 3;
                bool boundary = s.Labels.LabelAtPixel(x + 1, y) != s.Labels.LabelAtPixel(x, y) || s.Labels.LabelAtPixel(x, y + 1) != s.Labels.LabelAtPixel(x, y);
                if (boundary)
                {
                    Assert.True(overlay[i] is 0 or 255 && overlay[i] == overlay[i + 1] && overlay[i] == overlay[i + 2]);
                    outline++;
                }
                else if (!overlay.AsSpan(i, 3).SequenceEqual(rgb.AsSpan(i, 3)))
                {
                    tinted++;
                }
            }
        }

        Assert.True(outline > 100);
        Assert.True(tinted > (w - 2) * (h - 2) * 0.8);
    }
}
