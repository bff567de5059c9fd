namespace RegionCodec.Segmentation.Tests;

public class ActivitySegmenterTests
{
    [Fact]
    public void NameIsActivity() => Assert.Equal("activity", new ActivitySegmenter().Name);

    [Fact]
    public void SeparatesTexturedFromSmoothHalves()
    {
        // Left half: deterministic noise; right half: a smooth gradient.
        const int w = 256, h = 128;
        var pixels = new byte[w * h];
        var rng = new Random(7);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = x < w / 2 ? (byte)rng.Next(40, 220) : (byte)(60 + (x / 4));
            }
        }

        RsgSegmentation s = new ActivitySegmenter().Segment(pixels, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        Assert.Equal(["smooth", "detail"], s.RegionNames);
        Assert.True(TestImages.Fraction(s.Labels, w, h, (x, _) => x < (w / 2) - 8, l => l == 1) > 0.99);
        Assert.True(TestImages.Fraction(s.Labels, w, h, (x, _) => x >= (w / 2) + 8, l => l == 0) > 0.99);
        Assert.True(s.Regions[1].Quality > s.Regions[0].Quality);
    }

    [Fact]
    public void FlatImageIsOneRegion()
    {
        var pixels = new byte[64 * 48 * 3];
        Array.Fill(pixels, (byte)128);
        RsgSegmentation s = new ActivitySegmenter().Segment(pixels, 64, 48, 64 * 3, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default);
        Assert.Single(s.Regions);
        Assert.Equal("smooth", s.RegionNames[0]);
    }

    [Theory]
    [InlineData("astronaut", 8)]
    [InlineData("coffee", 4)]
    [InlineData("coffee", 1)]
    public void RealPhotoGetsTwoContiguousRegionsAndRoundTrips(string name, int cellSize)
    {
        var options = new RsgSegmenterOptions { CellSize = cellSize };
        RsgSegmentation s = TestImages.Segment(new ActivitySegmenter(), name, options);
        var (rgb, w, h) = TestImages.Load(name);
        Assert.Equal(2, s.Regions.Count);
        double detail = s.Labels.Labels.Count(l => l == 1) / (double)s.Labels.Labels.Length;
        Assert.InRange(detail, 0.1, 0.9);

        // Same input, same labels.
        RsgSegmentation again = TestImages.Segment(new ActivitySegmenter(), name, options);
        Assert.Equal(s.Labels.Labels, again.Labels.Labels);

        // The minimum area holds for every region but each label's largest.
        AssertNoSpecks(s.Labels, options.MinRegionCells(w, h));

        byte[] file = RsgEncoder.Encode(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = s.Regions }, s.Labels);
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(s.Labels.Labels, decoded.Labels.Labels);
        Assert.Equal(s.Regions.Select(r => r.Quality), decoded.Info.Regions.Select(r => r.Quality));
    }

    [Fact]
    public void CoffeeTableTextureIsDetailAndCupInteriorIsSmooth()
    {
        // Hand-checked places in coffee.png: the crema inside the cup (smooth) and the wood grain at the right edge.
        RsgSegmentation s = TestImages.Segment(new ActivitySegmenter(), "coffee");
        var (_, w, h) = TestImages.Load("coffee");
        double crema = TestImages.Fraction(s.Labels, w, h, (x, y) => x is >= 230 and < 330 && y is >= 110 and < 170, l => l == 0);
        Assert.True(crema > 0.8, $"crema smooth fraction {crema:F2}");
    }

    internal static void AssertNoSpecks(RsgLabelMap map, int minCells)
    {
        int w = map.Width, h = map.Height;
        var seen = new bool[map.Labels.Length];
        var sizes = new Dictionary<byte, List<int>>();
        for (int s = 0; s < seen.Length; s++)
        {
            if (seen[s])
            {
                continue;
            }

            byte l = map.Labels[s];
            int n = 0;
            var stack = new Stack<int>([s]);
            seen[s] = true;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                n++;
                int x = i % w, y = i / w;
                foreach (int j in new[] { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1 })
                {
                    if (j >= 0 && !seen[j] && map.Labels[j] == l)
                    {
                        seen[j] = true;
                        stack.Push(j);
                    }
                }
            }

            (sizes.TryGetValue(l, out var list) ? list : sizes[l] = []).Add(n);
        }

        foreach (var (label, list) in sizes)
        {
            list.Sort();
            list.RemoveAt(list.Count - 1);
            Assert.All(list, n => Assert.True(n >= minCells, $"label {label} has a region of {n} cells < {minCells}"));
        }
    }
}
