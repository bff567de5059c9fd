using RegionCodec.Decoding;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests;

/// <summary>
/// The deblocking filter (spec/rsg.md §10.5) and the tilted quantization tables (§7.1): the filter's arithmetic
/// on hand-worked lines, where it may and may not change pixels in a decoded photograph, and that both tools
/// pay off on real images.
/// </summary>
public class DeblockingTests
{
    [Fact]
    public void ThresholdsScaleWithTheStepAndVanishAtFineSteps()
    {
        Assert.Equal(new DeblockingFilter.Thresholds(24, 6, 2), DeblockingFilter.Thresholds.For(8));
        Assert.Equal(new DeblockingFilter.Thresholds(300, 75, 19), DeblockingFilter.Thresholds.For(100));
        Assert.Equal(0, DeblockingFilter.Thresholds.For(2).Tc);
        Assert.Equal(1, DeblockingFilter.Thresholds.For(3).Tc);
        Assert.Equal(9, DeblockingFilter.EdgeStep(8, 9));
        Assert.Equal(8, DeblockingFilter.BlockStep([16, 7, 1, 1, 1, 1, 1, 1, 8, .. new ushort[55]]));
    }

    [Fact]
    public void FilterAcrossSoftensASeamByAtMostTc()
    {
        // p1 p0 | q0 q1 = 100 100 | 110 110 with step 8: d = 10 < 24, delta = (40 - 10 + 4) >> 3 = 4, clamped to tc 2.
        byte[] line = [100, 100, 110, 110];
        DeblockingFilter.FilterAcross(line, 2, 1, DeblockingFilter.Thresholds.For(8));
        Assert.Equal([100, 102, 108, 110], line);

        // A larger step lets the whole correction through: step 40 gives tc 8; delta 4.
        line = [100, 100, 110, 110];
        DeblockingFilter.FilterAcross(line, 2, 1, DeblockingFilter.Thresholds.For(40));
        Assert.Equal([100, 104, 106, 110], line);

        // Negative seam, floor shift: d = -3, delta = (-12 + 3 + 4) >> 3 = -1.
        line = [52, 51, 48, 49];
        DeblockingFilter.FilterAcross(line, 2, 1, DeblockingFilter.Thresholds.For(8));
        Assert.Equal([52, 50, 49, 49], line);
    }

    [Theory]
    [InlineData(new byte[] { 100, 100, 130, 130 })] // the step (30) is at least alpha (24): a real edge
    [InlineData(new byte[] { 90, 100, 104, 104 })] // |p1 - p0| = 10 >= beta (6): busy side
    [InlineData(new byte[] { 100, 100, 104, 114 })] // |q1 - q0| = 10 >= beta
    public void FilterAcrossLeavesRealEdgesAndBusyAreasAlone(byte[] line)
    {
        byte[] before = [.. line];
        DeblockingFilter.FilterAcross(line, 2, 1, DeblockingFilter.Thresholds.For(8));
        Assert.Equal(before, line);
    }

    [Fact]
    public void FilterAcrossWorksDownColumns()
    {
        // Same line as the first case, stored one sample per row of a 3-wide plane.
        byte[] plane = [0, 100, 0, 0, 100, 0, 0, 110, 0, 0, 110, 0];
        DeblockingFilter.FilterAcross(plane, 7, 3, DeblockingFilter.Thresholds.For(8));
        Assert.Equal([0, 100, 0, 0, 102, 0, 0, 108, 0, 0, 110, 0], plane);
    }

    [Fact]
    public void DecodedPhotoChangesOnlyNextToInteriorBlockEdges()
    {
        // Gray, quality 10, 64-row strips: compare the file with and without flags bit 1.
        TestImage image = TestImages.Camera;
        byte[] filtered = image.Encode(new RsgEncoderOptions { Quality = 10, StripHeight = 64 });
        byte[] unfiltered = RsgContainer.RewriteHeader(filtered, h => h[15] = 0);
        Assert.True(RsgDecoder.Identify(filtered).Deblocking);
        Assert.False(RsgDecoder.Identify(unfiltered).Deblocking);

        byte[] a = RsgDecoder.Decode(filtered).Pixels, b = RsgDecoder.Decode(unfiltered).Pixels;
        int changed = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (a[(y * image.Width) + x] == b[(y * image.Width) + x])
                {
                    continue;
                }

                changed++;
                bool besideVerticalEdge = (x % 8 == 7 && x + 1 < image.Width) || (x % 8 == 0 && x > 0);
                bool besideHorizontalEdge = (y % 8 == 7 && y % 64 != 63) || (y % 8 == 0 && y % 64 != 0);
                Assert.True(besideVerticalEdge || besideHorizontalEdge, $"pixel ({x}, {y}) changed away from an interior block edge");
            }
        }

        // At quality 10 most block edges of a photograph are seams: a large share of their pixels move.
        Assert.True(changed > image.Width * image.Height / 10, $"only {changed} pixels changed");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    public void FilterRaisesPsnrAtLowQualities(int quality)
    {
        foreach (TestImage image in new[] { TestImages.Kodim23, TestImages.Camera })
        {
            byte[] filtered = image.Encode(new RsgEncoderOptions { Quality = quality });
            byte[] unfiltered = RsgContainer.RewriteHeader(filtered, h => h[15] = 0);
            double with = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(filtered).Pixels);
            double without = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(unfiltered).Pixels);
            Assert.True(with > without + 0.05, $"{image.Name} q{quality}: {with:F2} dB with the filter, {without:F2} dB without");
        }
    }

    [Fact]
    public void FilterChangesNothingAtQuality95()
    {
        // Steps of 2 or less give tc = 0 (§10.5): at quality 95 the tilted luma steps are 1..4 and most edges are untouched.
        TestImage image = TestImages.Kodim23;
        byte[] filtered = image.Encode(new RsgEncoderOptions { Quality = 98 });
        byte[] unfiltered = RsgContainer.RewriteHeader(filtered, h => h[15] = 0);
        Assert.Equal(RsgDecoder.Decode(unfiltered).Pixels, RsgDecoder.Decode(filtered).Pixels);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void ReducedSizeDecodingSkipsTheFilter(int denominator)
    {
        byte[] filtered = TestImages.Kodim23.Encode(new RsgEncoderOptions { Quality = 10 });
        byte[] unfiltered = RsgContainer.RewriteHeader(filtered, h => h[15] = 0);
        Assert.Equal(RsgDecoder.DecodeScaled(unfiltered, denominator).Pixels, RsgDecoder.DecodeScaled(filtered, denominator).Pixels);
    }

    [Fact]
    public void AllDecodePathsApplyTheFilterAlike()
    {
        byte[] file = TestImages.Kodim23.Encode(new RsgEncoderOptions { Quality = 20, StripHeight = 48 });
        byte[] reference = RsgDecoder.Decode(file, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 }).Pixels;
        Assert.Equal(reference, RsgDecoder.Decode(file).Pixels);
        Assert.Equal(reference, RsgDecoder.Decode(new MemoryStream(file)).Pixels);
    }

    [Fact]
    public void TiltedTablesFollowTheSpecFormula()
    {
        ushort[] luma = new ushort[64], chroma = new ushort[64];
        Quantization.QuantizationTables.Build(50, chroma: false, RsgQuantizationTables.Tilted, luma);
        Quantization.QuantizationTables.Build(50, chroma: true, RsgQuantizationTables.Tilted, chroma);
        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                Assert.Equal(14 + (2 * (u + v)), luma[(v * 8) + u]);
                Assert.Equal(17 + (3 * (u + v)), chroma[(v * 8) + u]);
            }
        }

        // Quality 75 halves them with the IJG rule's rounding: (14 * 50 + 50) / 100 = 7.
        Quantization.QuantizationTables.Build(75, chroma: false, RsgQuantizationTables.Tilted, luma);
        Assert.Equal(7, luma[0]);
        Assert.Equal(21, luma[63]);
    }

    [Fact]
    public void TiltedTablesAndDeblockingBeatAnnexKOnPhotographs()
    {
        // Compare rate-distortion slopes at two qualities: the defaults must give higher PSNR per byte than
        // Annex K without the filter. Checked as: at a quality giving no more bytes, PSNR is higher.
        foreach (TestImage image in new[] { TestImages.Kodim23, TestImages.Astronaut })
        {
            byte[] annexK = image.Encode(new RsgEncoderOptions { Quality = 50, QuantizationTables = RsgQuantizationTables.JpegAnnexK, Deblocking = false });
            double annexKPsnr = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(annexK).Pixels);
            int quality = 50;
            byte[] tilted = image.Encode(new RsgEncoderOptions { Quality = quality });
            while (tilted.Length > annexK.Length && quality > 1)
            {
                tilted = image.Encode(new RsgEncoderOptions { Quality = --quality });
            }

            double tiltedPsnr = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(tilted).Pixels);
            Assert.True(tiltedPsnr > annexKPsnr + 0.2,
                $"{image.Name}: Annex K q50 {annexK.Length} B {annexKPsnr:F2} dB; tilted+deblocking q{quality} {tilted.Length} B {tiltedPsnr:F2} dB");
        }
    }
}
