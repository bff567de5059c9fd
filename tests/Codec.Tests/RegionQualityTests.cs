namespace RegionCodec.Tests;

/// <summary>Label maps and region tables: per-region quality, DC-only regions, exact mask round trips.</summary>
public class RegionQualityTests
{
    private static readonly RsgRegion Background = new(20);
    private static readonly RsgRegion BackgroundDcOnly = new(20, RsgRegionMode.DcOnly);
    private static readonly RsgRegion Foreground = new(90);

    /// <summary>A rectangle [X0, X1) x [Y0, Y1) in pixels.</summary>
    public readonly record struct Rect(int X0, int Y0, int X1, int Y1)
    {
        public bool Contains(int x, int y) => x >= X0 && x < X1 && y >= Y0 && y < Y1;
    }

    // Measured (foreground PSNR / background PSNR / bytes, DCT q20 background vs DC-only q20 background;
    // then the foreground pixels' PSNR when the whole image is coded at q90):
    //   astronaut cell 1: 36.82 / 29.04 / 22698 vs 36.82 / 19.95 / 16284; uniform 36.82
    //   astronaut cell 8: 36.69 / 28.99 / 20631 vs 36.66 / 20.00 / 13948; uniform 36.70
    //   kodim23   cell 1: 39.13 / 31.70 / 17981 vs 39.13 / 25.70 / 13778; uniform 39.13
    //   camera    cell 8: 40.91 / 29.60 / 14070 vs 40.91 / 23.21 / 10066; uniform 40.91
    [Theory]
    [InlineData("astronaut", 1)]
    [InlineData("astronaut", 8)]
    [InlineData("kodim23", 1)]
    [InlineData("camera", 8)]
    public void ForegroundRegionIsCodedAtItsOwnQuality(string name, int cell)
    {
        TestImage image = RoundTripTests.Photo(name);

        // Cell 8: a block-aligned rectangle. Cell 1: deliberately unaligned edges.
        Rect fg = cell == 1 ? new Rect(101, 67, 333, 291) : new Rect(128, 64, 320, 288);
        RsgLabelMap map = RectLabels(image.Width, image.Height, cell, fg);

        byte[] dctFile = image.Encode(new RsgEncoderOptions { Regions = [Background, Foreground] }, map);
        byte[] dcFile = image.Encode(new RsgEncoderOptions { Regions = [BackgroundDcOnly, Foreground] }, map);
        RsgImage dct = RsgDecoder.Decode(dctFile);
        RsgImage dc = RsgDecoder.Decode(dcFile);

        Assert.Equal(map.Labels, dct.Labels.Labels);
        Assert.Equal(map.Labels, dc.Labels.Labels);
        Assert.Equal(cell, dct.Info.MaskCellSize);
        Assert.Equal([Background, Foreground], dct.Info.Regions);
        Assert.Equal([BackgroundDcOnly, Foreground], dc.Info.Regions);

        double fgPsnr = RegionPsnr(image, dct, fg, inside: true);
        double bgPsnr = RegionPsnr(image, dct, fg, inside: false);
        Assert.True(fgPsnr > bgPsnr + 5, $"foreground {fgPsnr:F2} dB vs background {bgPsnr:F2} dB");

        // The foreground is as good as a whole image coded at quality 90 (measured within 0.05 dB).
        RsgImage uniform90 = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Quality = 90 }));
        double fgUniform = RegionPsnr(image, uniform90, fg, inside: true);
        Assert.True(fgPsnr > fgUniform - 0.5, $"foreground {fgPsnr:F2} dB vs the same pixels at uniform q90 {fgUniform:F2} dB");

        // DC-only background: the foreground barely changes, the background gets flat and cheap.
        double fgDc = RegionPsnr(image, dc, fg, inside: true);
        double bgDc = RegionPsnr(image, dc, fg, inside: false);
        Assert.True(Math.Abs(fgDc - fgPsnr) < 0.3, $"foreground {fgDc:F2} dB with DC-only background vs {fgPsnr:F2} dB");
        Assert.True(bgDc < bgPsnr - 3, $"DC-only background {bgDc:F2} dB vs DCT background {bgPsnr:F2} dB");
        Assert.True(bgDc > 17, $"DC-only background {bgDc:F2} dB is not even a blurred version of the photo");
        Assert.True(dcFile.Length < dctFile.Length * 0.85, $"DC-only background file {dcFile.Length} B vs DCT background {dctFile.Length} B");
    }

    [Fact]
    public void DcOnlyBlocksOfAGrayImageAreFlat()
    {
        // Without the deblocking filter, which would soften the edges of the flat blocks (tested below).
        TestImage image = TestImages.Camera;
        var fg = new Rect(128, 64, 320, 288);
        RsgImage decoded = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = [BackgroundDcOnly, Foreground], Deblocking = false },
            RectLabels(image.Width, image.Height, 8, fg)));
        int flat = 0, detailed = 0;
        for (int by = 0; by < image.Height / 8; by++)
        {
            for (int bx = 0; bx < image.Width / 8; bx++)
            {
                bool isFlat = IsFlat(decoded.Pixels, image.Width, bx, by);
                if (fg.Contains(bx * 8, by * 8))
                {
                    detailed += isFlat ? 0 : 1;
                }
                else
                {
                    Assert.True(isFlat, $"DC-only block ({bx}, {by}) is not flat");
                    flat++;
                }
            }
        }

        Assert.Equal(64 * 64 - (24 * 28), flat);
        Assert.True(detailed > 24 * 28 / 2, $"only {detailed} foreground blocks have detail");
    }

    [Fact]
    public void DeblockingSoftensOnlyTheRimOfDcOnlyBlocks()
    {
        // The filter writes only the sample on each side of a block edge (spec §10.5): the 6x6 interior of
        // every DC-only block stays flat, and many rims change.
        TestImage image = TestImages.Camera;
        var fg = new Rect(128, 64, 320, 288);
        RsgRegion[] regions = [BackgroundDcOnly, Foreground];
        RsgLabelMap labels = RectLabels(image.Width, image.Height, 8, fg);
        byte[] filtered = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = regions }, labels)).Pixels;
        byte[] plain = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = regions, Deblocking = false }, labels)).Pixels;
        int softened = 0;
        for (int by = 0; by < image.Height / 8; by++)
        {
            for (int bx = 0; bx < image.Width / 8; bx++)
            {
                if (fg.Contains(bx * 8, by * 8))
                {
                    continue;
                }

                byte centre = filtered[(((by * 8) + 1) * image.Width) + (bx * 8) + 1];
                for (int y = 1; y < 7; y++)
                {
                    Assert.False(filtered.AsSpan((((by * 8) + y) * image.Width) + (bx * 8) + 1, 6).ContainsAnyExcept(centre),
                        $"DC-only block ({bx}, {by}) has a non-flat interior");
                }

                softened += IsFlat(filtered, image.Width, bx, by) ? 0 : 1;
                Assert.True(IsFlat(plain, image.Width, bx, by));
            }
        }

        Assert.True(softened > 500, $"only {softened} DC-only blocks had their rim softened");
    }

    // Measured, all DC-only at quality 20 vs one DCT region at quality 75 (512x512, 4:2:0):
    // astronaut 2406 B vs 32258 B (7.5%), PSNR 19.87 dB.
    [Fact]
    public void AllDcOnlyPhotoIsTiny()
    {
        TestImage image = TestImages.Astronaut;
        byte[] dcOnly = image.Encode(new RsgEncoderOptions { Regions = [BackgroundDcOnly] });
        byte[] q75 = image.Encode(new RsgEncoderOptions { Quality = 75 });
        byte[] q20 = image.Encode(new RsgEncoderOptions { Quality = 20 });
        Assert.True(dcOnly.Length < q75.Length * 0.10, $"all-DC-only {dcOnly.Length} B is not under 10% of q75's {q75.Length} B");
        Assert.True(dcOnly.Length < q20.Length * 0.35, $"all-DC-only {dcOnly.Length} B is not under 35% of q20's {q20.Length} B");

        RsgImage decoded = RsgDecoder.Decode(dcOnly);
        Assert.Equal(RsgRegionMode.DcOnly, Assert.Single(decoded.Info.Regions).Mode);
        double psnr = Metrics.Psnr(image.Pixels, decoded.Pixels);
        Assert.True(psnr > 18, $"all-DC-only PSNR {psnr:F2} dB");
    }

    [Fact]
    public void DcOnlyGetsCheaperAsItsQualityDrops()
    {
        TestImage image = TestImages.Camera;
        int[] sizes = [.. new[] { 100, 50, 10, 1 }.Select(q => image.Encode(new RsgEncoderOptions { Regions = [new RsgRegion(q, RsgRegionMode.DcOnly)] }).Length)];
        for (int i = 1; i < sizes.Length; i++)
        {
            Assert.True(sizes[i] < sizes[i - 1], $"DC-only sizes for q100, 50, 10, 1: {string.Join(", ", sizes)}");
        }
    }

    [Fact]
    public void AllLabels0To254RoundTrip()
    {
        TestImage image = TestImages.Astronaut256;
        int cells = 32;
        byte[] labels = new byte[cells * cells];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)(((i * 7) + (i / cells)) % 255);
        }

        Assert.Equal(255, labels.Distinct().Count());
        RsgRegion[] regions = [.. Enumerable.Range(0, 255).Select(i => new RsgRegion(1 + (i * 37 % 100), i % 5 == 0 ? RsgRegionMode.DcOnly : RsgRegionMode.Dct))];
        var map = new RsgLabelMap(cells, cells, 8, labels);
        byte[] file = image.Encode(new RsgEncoderOptions { Regions = regions, StripHeight = 64 }, map);

        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(labels, decoded.Labels.Labels);
        Assert.Equal(regions, decoded.Info.Regions);
        Assert.Equal(labels, DecodePaths.Stream(file, maxRead: 97).Labels.Labels);

        // Every quality from 1 to 100 appears, so the image is rough but recognisable (measured 25.74 dB).
        double psnr = Metrics.Psnr(image.Pixels, decoded.Pixels);
        Assert.True(psnr > 22, $"PSNR {psnr:F2} dB");
    }

    public static TheoryData<int, RsgChromaSubsampling> CellSizes => new()
    {
        { 1, RsgChromaSubsampling.Yuv420 },
        { 2, RsgChromaSubsampling.Yuv444 },
        { 4, RsgChromaSubsampling.Yuv420 },
        { 8, RsgChromaSubsampling.Yuv444 },
    };

    [Theory]
    [MemberData(nameof(CellSizes))]
    public void IrregularMasksRoundTripExactly(int cell, RsgChromaSubsampling subsampling)
    {
        // A 193x131 crop (not a multiple of any cell or MCU size) with a disc, a ring and a diagonal band.
        TestImage image = TestImages.Kodim23.Crop(300, 200, 193, 131);
        int w = (image.Width + cell - 1) / cell, h = (image.Height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double px = (x + 0.5) * cell, py = (y + 0.5) * cell;
                double r = Math.Sqrt(((px - 90) * (px - 90)) + ((py - 60) * (py - 60)));
                labels[(y * w) + x] = r < 30 ? (byte)3 : r < 45 ? (byte)2 : Math.Abs(px - py - 20) < 12 ? (byte)1 : (byte)0;
            }
        }

        var map = new RsgLabelMap(w, h, cell, labels);
        RsgRegion[] regions = [new(35), new(60, RsgRegionMode.DcOnly), new(80), new(95)];
        byte[] file = image.Encode(new RsgEncoderOptions { Regions = regions, Subsampling = subsampling, StripHeight = 16 }, map);
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(w, decoded.Labels.Width);
        Assert.Equal(h, decoded.Labels.Height);
        Assert.Equal(cell, decoded.Labels.CellSize);
        Assert.Equal(labels, decoded.Labels.Labels);
        for (int label = 0; label < 4; label++)
        {
            Assert.Contains((byte)label, decoded.Labels.Labels);
        }

        Assert.Equal(map.LabelAtPixel(90, 60), decoded.Labels.LabelAtPixel(90, 60));
        Assert.Equal(3, decoded.Labels.LabelAtPixel(90, 60));
    }

    [Fact]
    public void BlockCodingDependsOnRegionSettingsNotOnLabelNumbers()
    {
        // Swapping which label number carries which region leaves every block's quality, hence every pixel, unchanged.
        TestImage image = TestImages.Kodim256;
        var fg = new Rect(37, 50, 201, 170);
        RsgLabelMap fgIs1 = RectLabels(image.Width, image.Height, 1, fg);
        var fgIs0 = new RsgLabelMap(fgIs1.Width, fgIs1.Height, 1, [.. fgIs1.Labels.Select(l => (byte)(1 - l))]);

        RsgImage a = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = [Background, Foreground] }, fgIs1));
        RsgImage b = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = [Foreground, Background] }, fgIs0));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(fgIs0.Labels, b.Labels.Labels);
    }

    [Fact]
    public void UnusedRegionsInTheTableAreAllowed()
    {
        TestImage image = TestImages.Camera256;
        RsgImage decoded = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = [new(85), new(10), new(10, RsgRegionMode.DcOnly)] },
            RsgLabelMap.Uniform(image.Width, image.Height, 4)));
        Assert.Equal(3, decoded.Info.Regions.Count);
        Assert.All(decoded.Labels.Labels, l => Assert.Equal(0, l));
        double psnr = Metrics.Psnr(image.Pixels, decoded.Pixels);
        Assert.True(psnr > 35, $"PSNR {psnr:F2} dB");
    }

    internal static RsgLabelMap RectLabels(int width, int height, int cell, Rect fg)
    {
        int w = (width + cell - 1) / cell, h = (height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                labels[(y * w) + x] = fg.Contains(x * cell, y * cell) ? (byte)1 : (byte)0;
            }
        }

        return new RsgLabelMap(w, h, cell, labels);
    }

    private static double RegionPsnr(TestImage original, RsgImage decoded, Rect fg, bool inside) =>
        Metrics.Psnr(original.Pixels, decoded.Pixels, original.Width, original.Height, original.Bpp, (x, y) => fg.Contains(x, y) == inside);

    private static bool IsFlat(byte[] gray, int width, int bx, int by)
    {
        byte first = gray[(by * 8 * width) + (bx * 8)];
        for (int y = 0; y < 8; y++)
        {
            if (gray.AsSpan((((by * 8) + y) * width) + (bx * 8), 8).ContainsAnyExcept(first))
            {
                return false;
            }
        }

        return true;
    }
}
