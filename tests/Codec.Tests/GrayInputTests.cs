namespace RegionCodec.Tests;

/// <summary><see cref="RsgGrayInput"/>: finds R = G = B in every layout, misses no coloured pixel, and the gray it extracts encodes like a gray image.</summary>
public sealed class GrayInputTests
{
    public static TheoryData<RsgPixelFormat> ColourFormats => new() { RsgPixelFormat.Rgb24, RsgPixelFormat.Bgr24, RsgPixelFormat.Rgba32, RsgPixelFormat.Bgra32 };

    [Theory]
    [MemberData(nameof(ColourFormats))]
    public void GrayPhotographInAColourLayoutIsGrayWhateverTheAlphaAndPadding(RsgPixelFormat format)
    {
        TestImage camera = TestImages.Camera;
        (byte[] pixels, int stride) = Expand(camera, format, padding: 7);
        Assert.True(RsgGrayInput.IsGray(pixels, camera.Width, camera.Height, stride, format));

        // The gray levels, each followed by the pixel's alpha (random here) when the format has alpha.
        RsgPixelFormat grayFormat = RsgGrayInput.GrayFormatFor(format);
        Assert.Equal(format.HasAlpha() ? RsgPixelFormat.GrayAlpha16 : RsgPixelFormat.Gray8, grayFormat);
        int bpp = format.BytesPerPixel(), outBpp = grayFormat.BytesPerPixel();
        byte[] levels = new byte[camera.Width * camera.Height * outBpp];
        RsgGrayInput.CopyGray(pixels, camera.Width, camera.Height, stride, format, levels);
        byte[] expected = new byte[levels.Length];
        for (int y = 0; y < camera.Height; y++)
        {
            for (int x = 0; x < camera.Width; x++)
            {
                int p = (y * camera.Width) + x;
                expected[p * outBpp] = camera.Pixels[(y * camera.Stride) + x];
                if (outBpp == 2)
                {
                    expected[(p * 2) + 1] = pixels[(y * stride) + (x * bpp) + 3];
                }
            }
        }

        Assert.Equal(expected, levels);
    }

    [Theory]
    [MemberData(nameof(ColourFormats))]
    public void OneColouredPixelAnywhereMakesItColour(RsgPixelFormat format)
    {
        // 37 pixels wide: rows of 111 or 148 bytes, so pixels fall in the 48-byte vector steps and in the scalar tail.
        TestImage gray = TestImages.Camera.Crop(100, 100, 37, 5);
        int bpp = format.BytesPerPixel();
        (byte[] pixels, int stride) = Expand(gray, format, padding: 3);
        for (int y = 0; y < gray.Height; y++)
        {
            for (int x = 0; x < gray.Width; x++)
            {
                for (int channel = 0; channel < 3; channel++)
                {
                    int at = (y * stride) + (x * bpp) + channel;
                    byte kept = pixels[at];
                    pixels[at] ^= 1;
                    Assert.False(RsgGrayInput.IsGray(pixels, gray.Width, gray.Height, stride, format), $"pixel ({x}, {y}) channel {channel}");
                    pixels[at] = kept;
                }
            }
        }

        Assert.True(RsgGrayInput.IsGray(pixels, gray.Width, gray.Height, stride, format));
    }

    [Fact]
    public void ColourPhotographsAreNotGrayAndGray8AlwaysIs()
    {
        foreach (TestImage photo in new[] { TestImages.Kodim23, TestImages.Astronaut })
        {
            Assert.False(RsgGrayInput.IsGray(photo.Pixels, photo.Width, photo.Height, photo.Stride, photo.Format), photo.Name);
        }

        TestImage camera = TestImages.Camera;
        Assert.True(RsgGrayInput.IsGray(camera.Pixels, camera.Width, camera.Height, camera.Stride, RsgPixelFormat.Gray8));
        Assert.Throws<ArgumentOutOfRangeException>(() => RsgGrayInput.IsGray(camera.Pixels, camera.Width, camera.Height + 1, camera.Stride, RsgPixelFormat.Gray8));
        Assert.Throws<ArgumentOutOfRangeException>(() => RsgGrayInput.IsGray(camera.Pixels, camera.Width, 1, camera.Width * 3, RsgPixelFormat.Rgb24 + 9));
    }

    [Fact]
    public void ExtractedGrayEncodesToTheSameFileAsTheGrayImageAndSmallerThanColour()
    {
        TestImage camera = TestImages.Camera;
        (byte[] rgb, int stride) = Expand(camera, RsgPixelFormat.Rgb24, padding: 0);
        byte[] levels = new byte[camera.Width * camera.Height];
        RsgGrayInput.CopyGray(rgb, camera.Width, camera.Height, stride, RsgPixelFormat.Rgb24, levels);

        byte[] fromGray = camera.Encode();
        byte[] fromLevels = RsgEncoder.Encode(levels, camera.Width, camera.Height, camera.Width, RsgPixelFormat.Gray8);
        byte[] asColour = RsgEncoder.Encode(rgb, camera.Width, camera.Height, stride, RsgPixelFormat.Rgb24);
        Assert.Equal(fromGray, fromLevels);
        Assert.True(fromGray.Length < asColour.Length, $"gray {fromGray.Length} B vs colour {asColour.Length} B");
        Assert.Equal(RsgColorModel.Gray, RsgDecoder.Identify(fromLevels).ColorModel);
    }

    /// <summary>The gray image in a colour layout (R = G = B), with varying alpha and <paramref name="padding"/> junk bytes per row.</summary>
    private static (byte[] Pixels, int Stride) Expand(TestImage gray, RsgPixelFormat format, int padding)
    {
        int bpp = format.BytesPerPixel(), stride = (gray.Width * bpp) + padding;
        byte[] pixels = new byte[stride * gray.Height];
        new Random(5).NextBytes(pixels);
        for (int y = 0; y < gray.Height; y++)
        {
            for (int x = 0; x < gray.Width; x++)
            {
                byte v = gray.Pixels[(y * gray.Stride) + x];
                int at = (y * stride) + (x * bpp);
                pixels[at] = pixels[at + 1] = pixels[at + 2] = v;
            }
        }

        return (pixels, stride);
    }
}
