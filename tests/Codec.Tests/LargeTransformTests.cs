using RegionCodec.Encoding;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests;

/// <summary>16x16 luma transforms (spec/rsg.md §7.5, §9.2 step 3b, §10.1.7, §10.5) on real photographs.</summary>
public class LargeTransformTests
{
    private static byte[] Encode(TestImage image, int quality, LargeTransformChoice choice, RsgChromaSubsampling subsampling = RsgChromaSubsampling.Yuv420) =>
        image.Encode(new RsgEncoderOptions { Quality = quality, LargeTransformMode = choice, Subsampling = subsampling });

    [Theory]
    [InlineData(30)]
    [InlineData(75)]
    public void ChosenPerAreaTheyMakeAPhotographSmallerAtTheSameQuality(int quality)
    {
        TestImage kodim23 = TestImages.Kodim23;
        byte[] off = Encode(kodim23, quality, LargeTransformChoice.Never);
        byte[] auto = Encode(kodim23, quality, LargeTransformChoice.Auto);
        double psnrOff = Metrics.Psnr(kodim23.Pixels, RsgDecoder.Decode(off).Pixels);
        double psnrAuto = Metrics.Psnr(kodim23.Pixels, RsgDecoder.Decode(auto).Pixels);

        // Measured: 3.0% (q30) and 2.5% (q75) smaller at +0.01 dB or better.
        Assert.True(auto.Length < off.Length * 0.985, $"{auto.Length} bytes against {off.Length}");
        Assert.True(psnrAuto > psnrOff - 0.05, $"{psnrAuto:F2} dB against {psnrOff:F2}");
    }

    [Theory]
    [InlineData(RsgChromaSubsampling.Yuv420)]
    [InlineData(RsgChromaSubsampling.Yuv444)]
    public void ForcedEverywhereTheyReconstructTheImage(RsgChromaSubsampling subsampling)
    {
        // Every eligible area one 16x16 transform: a wrong coefficient map, derivation or IDCT would wreck this.
        TestImage astronaut = TestImages.Astronaut;
        byte[] always = Encode(astronaut, 75, LargeTransformChoice.Always, subsampling);
        byte[] never = Encode(astronaut, 75, LargeTransformChoice.Never, subsampling);
        Assert.NotEqual(never, always);
        double psnrAlways = Metrics.Psnr(astronaut.Pixels, RsgDecoder.Decode(always).Pixels);
        double psnrNever = Metrics.Psnr(astronaut.Pixels, RsgDecoder.Decode(never).Pixels);
        Assert.True(psnrAlways > psnrNever - 1.5, $"{psnrAlways:F2} dB against {psnrNever:F2}");
        Assert.True(psnrAlways > 30, $"{psnrAlways:F2} dB");
    }

    [Fact]
    public async Task EveryDecodePathGivesTheSamePixels()
    {
        byte[] file = Encode(TestImages.Kodim23, 50, LargeTransformChoice.Auto);
        byte[] reference = RsgDecoder.Decode(file).Pixels;
        Assert.Equal(reference, DecodePaths.Memory(file, 1).Pixels);
        Assert.Equal(reference, DecodePaths.Stream(file, 7).Pixels);
        Assert.Equal(reference, DecodePaths.PipePrefilled(file).Pixels);
        Assert.Equal(reference, (await DecodePaths.PipeFed(file, () => 5)).Pixels);
    }

    [Fact]
    public void EighthScaleKeepsTheQuadrantMeans()
    {
        // The DCs of a 16x16 transform are its quadrants' means only up to the 2x2 derivation (§7.5): the higher odd
        // cosines move a quadrant's mean too. Measured on the camera at quality 80, the 1/8 thumbnail against the
        // image's block means: 54.8 dB with 8x8 transforms only, 45.2 dB with the encoder's choice (mostly smooth
        // areas), 39.4 dB with a 16x16 transform in every area.
        TestImage camera = TestImages.Camera;
        double always = ThumbnailPsnr(camera, Encode(camera, 80, LargeTransformChoice.Always));
        double auto = ThumbnailPsnr(camera, Encode(camera, 80, LargeTransformChoice.Auto));
        double never = ThumbnailPsnr(camera, Encode(camera, 80, LargeTransformChoice.Never));
        Assert.True(never > 52, $"8x8 only: {never:F2} dB");
        Assert.True(auto > 43, $"chosen per area: {auto:F2} dB");
        Assert.True(always > 37, $"everywhere: {always:F2} dB");
    }

    [Fact]
    public void ThePublicOptionTurnsThemOff()
    {
        TestImage photo = TestImages.Kodim23;
        byte[] on = photo.Encode(new RsgEncoderOptions { Quality = 75, LargeTransforms = true });
        byte[] off = photo.Encode(new RsgEncoderOptions { Quality = 75, LargeTransforms = false });
        byte[] never = photo.Encode(new RsgEncoderOptions { Quality = 75, LargeTransformMode = LargeTransformChoice.Never });
        Assert.Equal(never, off);
        Assert.True(on.Length < off.Length, $"{on.Length} vs {off.Length}");
    }

    [Fact]
    public void DeblockingLeavesInteriorEdgesAloneAndPathsAgree()
    {
        var random = new Random(23);
        const int blocksWide = 6, blocksHigh = 4, stride = blocksWide * 8;
        byte[] plane = new byte[stride * blocksHigh * 8];
        for (int i = 0; i < plane.Length; i++)
        {
            plane[i] = (byte)(100 + ((i % stride) / 8 * 6) + (i / stride / 8 * 5) + random.Next(3)); // seams of 6 across x and 5 across y at every block edge
        }

        byte[] large = new byte[blocksWide * blocksHigh];
        foreach (int index in new[] { 0, 1, 6, 7, 16, 17, 22, 23 })
        {
            large[index] = 1; // areas (0, 0) and (4, 2)
        }

        byte[] regions = new byte[blocksWide * blocksHigh];
        byte[] scalar = (byte[])plane.Clone(), vector = (byte[])plane.Clone(), wide = (byte[])plane.Clone(), dispatched = (byte[])plane.Clone();
        DeblockingFilter.FilterScalar(scalar, stride, blocksWide, blocksHigh, regions, [40], large);
        DeblockingFilter.FilterVector128(vector, stride, blocksWide, blocksHigh, regions, [40], large);
        DeblockingFilter.FilterVector256(wide, stride, blocksWide, blocksHigh, regions, [40], large);
        DeblockingFilter.Filter(dispatched, stride, blocksWide, blocksHigh, regions, [40], large);
        Assert.Equal(scalar, vector);
        Assert.Equal(scalar, wide);
        Assert.Equal(scalar, dispatched);
        for (int x = 0; x < 15; x++)
        {
            // Inside area (0, 0) the edge at y = 8 is untouched too (column 15 belongs to the filtered edge at x = 16).
            Assert.Equal(plane[(7 * stride) + x], scalar[(7 * stride) + x]);
            Assert.Equal(plane[(8 * stride) + x], scalar[(8 * stride) + x]);
        }

        // The edge at y = 8 between plain blocks (columns 41..46, clear of vertical edges) is filtered.
        Assert.NotEqual(plane.AsSpan((8 * stride) + 41, 6).ToArray(), scalar.AsSpan((8 * stride) + 41, 6).ToArray());
        for (int y = 0; y < 15; y++)
        {
            // Inside area (0, 0) the edge at x = 8 is untouched (row 15 belongs to the filtered edge at y = 16);
            // the edge at x = 24, between plain blocks, is filtered.
            Assert.Equal(plane[(y * stride) + 7], scalar[(y * stride) + 7]);
            Assert.Equal(plane[(y * stride) + 8], scalar[(y * stride) + 8]);
        }

        Assert.NotEqual(plane.AsSpan(24 - 1, 2).ToArray(), scalar.AsSpan(24 - 1, 2).ToArray());
    }

    private static double ThumbnailPsnr(TestImage gray, byte[] file)
    {
        RsgImage eighth = RsgDecoder.DecodeScaled(file, 8);
        int width = gray.Width / 8, height = gray.Height / 8;
        byte[] means = new byte[width * height];
        for (int by = 0; by < height; by++)
        {
            for (int bx = 0; bx < width; bx++)
            {
                int sum = 0;
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                    {
                        sum += gray.Pixels[(((by * 8) + y) * gray.Width) + (bx * 8) + x];
                    }
                }

                means[(by * width) + bx] = (byte)((sum + 32) >> 6);
            }
        }

        return Metrics.Psnr(means, eighth.Pixels.AsSpan(0, width * height));
    }
}
