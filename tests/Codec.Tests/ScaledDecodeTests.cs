using RegionCodec.Decoding;

namespace RegionCodec.Tests;

/// <summary>
/// Reduced-size decoding (spec/rsg.md §16): output sizes, the exact relations the section states
/// (1/2 and 1/4 gray = box average of the full decode; 1/8 of flat blocks = the full decode), closeness to a
/// box-filtered full decode for colour images, and the same errors as a full decode for corrupt files.
/// </summary>
public sealed class ScaledDecodeTests
{
    private static readonly string Conformance = TestImages.ConformanceFolder;

    public static TheoryData<string, int> ValidFilesAndScales()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in Directory.GetFiles(Path.Combine(Conformance, "valid"), "*.rsg").Order(StringComparer.Ordinal))
        {
            foreach (int s in new[] { 2, 4, 8 })
            {
                data.Add(Path.GetFileName(file), s);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFilesAndScales))]
    public void ConformanceFileDecodesToCeilingSizeDeterministically(string name, int scale)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Conformance, "valid", name));
        RsgImage full = RsgDecoder.Decode(file);
        RsgImage serial = RsgDecoder.DecodeScaled(file, scale, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 });
        RsgImage parallel = RsgDecoder.DecodeScaled(file, scale, new RsgDecoderOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal((full.Width + scale - 1) / scale, serial.Width);
        Assert.Equal((full.Height + scale - 1) / scale, serial.Height);
        Assert.Equal(scale, serial.ScaleDenominator);
        Assert.Equal(serial.Stride * serial.Height, serial.Pixels.Length);
        Assert.Equal(full.PixelFormat, serial.PixelFormat);
        Assert.Equal(serial.Pixels, parallel.Pixels);
        Assert.Equal(full.Labels.Labels, serial.Labels.Labels);       // the label map is always full size

        if (full.PixelFormat == RsgPixelFormat.Gray8 && scale < 8)
        {
            // Gray 1/2 and 1/4 are exactly the rounded box average of the full decode (boxes inside the image),
            // before deblocking: reduced sizes skip the filter (spec/rsg.md §16).
            RsgImage unfiltered = RsgDecoder.Identify(file).Deblocking
                ? RsgDecoder.Decode(RsgContainer.RewriteHeader(file, h => h[15] &= 0xFD))
                : full;
            AssertGrayBoxAverage(unfiltered, serial, scale);
        }
    }

    [Fact]
    public void ScaleOneIsTheFullDecode()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Conformance, "valid", "23-rgb420-3.5mp-photo.rsg"));
        RsgImage full = RsgDecoder.Decode(file);
        RsgImage one = RsgDecoder.DecodeScaled(file, 1);
        Assert.Equal(1, one.ScaleDenominator);
        Assert.Equal(full.Width, one.Width);
        Assert.Equal(full.Pixels, one.Pixels);
    }

    [Fact]
    public void DcOnlyGrayImageAtEveryScaleSamplesTheFullDecode()
    {
        // Every block of a DC-only region is flat, so the reduced images are exactly the full image subsampled.
        byte[] file = File.ReadAllBytes(Path.Combine(Conformance, "valid", "18-gray-all-dconly.rsg"));
        RsgImage full = RsgDecoder.Decode(file);
        foreach (int scale in new[] { 2, 4, 8 })
        {
            RsgImage small = RsgDecoder.DecodeScaled(file, scale);
            for (int y = 0; y < small.Height; y++)
            {
                for (int x = 0; x < small.Width; x++)
                {
                    Assert.Equal(full.Pixels[(y * scale * full.Width) + (x * scale)], small.Pixels[(y * small.Width) + x]);
                }
            }
        }
    }

    [Fact]
    public void EighthScaleOfGrayPhotoIsTheRoundedDcOfEveryBlock()
    {
        // Independent model of the 1/8 rule: the block mean of the full decode is within a few levels of the
        // flat DC value (the IDCT is almost orthonormal), and exactly equal where the block is flat. 8x8 transforms
        // only: LargeTransformTests covers the DCs of 16x16 ones.
        TestImage camera = TestImages.Camera;
        byte[] file = camera.Encode(new RsgEncoderOptions { Quality = 80, LargeTransforms = false });
        RsgImage full = RsgDecoder.Decode(file);
        RsgImage eighth = RsgDecoder.DecodeScaled(file, 8);
        Assert.Equal(64, eighth.Width);
        int exact = 0;
        for (int by = 0; by < 64; by++)
        {
            for (int bx = 0; bx < 64; bx++)
            {
                int sum = 0, min = 255, max = 0;
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                    {
                        int v = full.Pixels[(((by * 8) + y) * 512) + (bx * 8) + x];
                        sum += v;
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                }

                int actual = eighth.Pixels[(by * 64) + bx];
                if (min == max)
                {
                    Assert.Equal(min, actual);
                }

                int mean = (sum + 32) >> 6;
                Assert.InRange(actual, mean - 3, mean + 3);
                exact += actual == mean ? 1 : 0;
            }
        }

        Assert.True(exact > 64 * 64 / 2, $"only {exact} of 4096 block means are exact");
    }

    [Theory]
    [InlineData(RsgChromaSubsampling.Yuv420, 2)]
    [InlineData(RsgChromaSubsampling.Yuv420, 4)]
    [InlineData(RsgChromaSubsampling.Yuv420, 8)]
    [InlineData(RsgChromaSubsampling.Yuv444, 2)]
    [InlineData(RsgChromaSubsampling.Yuv444, 4)]
    [InlineData(RsgChromaSubsampling.Yuv444, 8)]
    public void ColourPhotoIsCloseToBoxFilteredFullDecode(RsgChromaSubsampling subsampling, int scale)
    {
        TestImage kodim = TestImages.Kodim23;
        byte[] file = kodim.Encode(new RsgEncoderOptions { Quality = 85, Subsampling = subsampling, StripHeight = 64 });
        RsgImage full = RsgDecoder.Decode(file);
        RsgImage small = RsgDecoder.DecodeScaled(file, scale);
        Assert.Equal(768 / scale, small.Width);
        Assert.Equal(512 / scale, small.Height);
        byte[] reference = BoxDownscale(full.Pixels, full.Width, full.Height, 3, scale);
        double psnr = Metrics.Psnr(reference, small.Pixels);
        Assert.True(psnr > 33, $"1/{scale} {subsampling}: PSNR {psnr:F1} dB against the box-filtered full decode");
    }

    [Fact]
    public void OddSizesUseCeilingAndDecode()
    {
        TestImage crop = TestImages.Kodim23.Crop(3, 5, 301, 203);
        byte[] file = crop.Encode(new RsgEncoderOptions { StripHeight = 32 });
        foreach (int scale in new[] { 2, 4, 8 })
        {
            RsgImage small = RsgDecoder.DecodeScaled(file, scale);
            Assert.Equal((301 + scale - 1) / scale, small.Width);
            Assert.Equal((203 + scale - 1) / scale, small.Height);
            byte[] reference = BoxDownscale(crop.Pixels, 301, 203, 3, scale);
            double psnr = Metrics.Psnr(reference, small.Pixels);
            Assert.True(psnr > 25, $"1/{scale}: PSNR {psnr:F1} dB");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(-2)]
    public void OtherDenominatorsAreRejected(int scale)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Conformance, "valid", "01-gray-1x1.rsg"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RsgDecoder.DecodeScaled(file, scale));
    }

    [Fact]
    public void CorruptFilesFailLikeAFullDecode()
    {
        foreach (string path in Directory.GetFiles(Path.Combine(Conformance, "invalid"), "*.rsg"))
        {
            byte[] file = File.ReadAllBytes(path);
            RsgFormatException full = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file));
            RsgFormatException eighth = Assert.Throws<RsgFormatException>(() => RsgDecoder.DecodeScaled(file, 8));
            Assert.Equal(full.Error, eighth.Error);
        }
    }

    [Theory]
    [InlineData(768, 512, 256, 2)]
    [InlineData(768, 512, 96, 8)]
    [InlineData(768, 512, 128, 4)]
    [InlineData(768, 512, 129, 4)]
    [InlineData(768, 512, 385, 1)]
    [InlineData(100, 4000, 500, 8)]
    [InlineData(1, 1, 256, 1)]
    public void ChoosesTheCheapestScaleThatIsLargeEnough(int width, int height, int side, int expected) =>
        Assert.Equal(expected, RsgDecoder.ChooseScaleDenominator(width, height, side));

    [Fact]
    public void BoxAverageRoundsHalfUp()
    {
        byte[] block = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            block[i] = (byte)(i * 4);
        }

        byte[] half = new byte[16];
        StripDecoder.BoxAverage(block, 1, half, 4);
        // (0 + 4 + 32 + 36 + 2) >> 2 = 18
        Assert.Equal(18, half[0]);
        byte[] quarter = new byte[4];
        StripDecoder.BoxAverage(block, 2, quarter, 2);
        // rows 0-3, cols 0-3: mean of 4*(r*8+c) = 4*(12+1.5) = 54
        Assert.Equal(54, quarter[0]);
    }

    private static void AssertGrayBoxAverage(RsgImage full, RsgImage small, int scale)
    {
        int area = scale * scale;
        for (int y = 0; (y + 1) * scale <= full.Height; y++)
        {
            for (int x = 0; (x + 1) * scale <= full.Width; x++)
            {
                int sum = 0;
                for (int dy = 0; dy < scale; dy++)
                {
                    for (int dx = 0; dx < scale; dx++)
                    {
                        sum += full.Pixels[(((y * scale) + dy) * full.Width) + (x * scale) + dx];
                    }
                }

                Assert.Equal((sum + (area / 2)) / area, small.Pixels[(y * small.Width) + x]);
            }
        }
    }

    /// <summary>Box filter with partial boxes at the right and bottom edges averaged over the pixels they hold.</summary>
    internal static byte[] BoxDownscale(byte[] pixels, int width, int height, int channels, int scale)
    {
        int w = (width + scale - 1) / scale, h = (height + scale - 1) / scale;
        byte[] result = new byte[w * h * channels];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int sum = 0, n = 0;
                    for (int sy = y * scale; sy < Math.Min(height, (y + 1) * scale); sy++)
                    {
                        for (int sx = x * scale; sx < Math.Min(width, (x + 1) * scale); sx++)
                        {
                            sum += pixels[(((sy * width) + sx) * channels) + c];
                            n++;
                        }
                    }

                    result[(((y * w) + x) * channels) + c] = (byte)((sum + (n / 2)) / n);
                }
            }
        }

        return result;
    }
}
