namespace RegionCodec.Tests;

/// <summary>Encode then decode real photographs: quality curves, odd sizes, input layouts and strides.</summary>
public class RoundTripTests
{
    private static readonly int[] Qualities = [10, 30, 50, 75, 90, 100];

    // PSNR floors (dB), each about 0.5 dB below the value measured with the default options (rate-aware
    // quantization on) when the test was written, in parentheses with the file sizes. They depend on
    // quantization, transforms and colour conversion, not on the entropy coder, so tuning the coding
    // contexts leaves them alone.
    public static TheoryData<string, RsgChromaSubsampling, double[]> Curves => new()
    {
        // Measured with the encoder's defaults (tilted tables, deblocking, activity-scaled rate-aware quantizer;
        // floors 0.5 dB lower):
        // kodim23 768x512, 4:2:0: 29.15 (4539 B), 33.89 (12366), 35.93 (18907), 38.46 (32489), 41.40 (67787), 45.13 (228903)
        { "kodim23", RsgChromaSubsampling.Yuv420, [28.6, 33.3, 35.4, 37.9, 40.9, 44.6] },
        // astronaut 512x512, 4:4:4: 27.36 (6986 B), 32.16 (17730), 34.43 (26388), 37.43 (43502), 41.26 (83306), 51.12 (288102)
        { "astronaut", RsgChromaSubsampling.Yuv444, [26.8, 31.6, 33.9, 36.9, 40.7, 50.6] },
        // camera 512x512 grayscale: 28.19 (3266 B), 31.77 (11464), 34.36 (19201), 38.91 (33345), 45.43 (57479), 58.87 (128397)
        { "camera", RsgChromaSubsampling.Yuv420, [27.6, 31.2, 33.8, 38.4, 44.9, 58.3] },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void PsnrAndSizeRiseWithQuality(string name, RsgChromaSubsampling subsampling, double[] floors)
    {
        TestImage image = Photo(name);
        double[] psnr = new double[Qualities.Length];
        int[] sizes = new int[Qualities.Length];
        for (int i = 0; i < Qualities.Length; i++)
        {
            byte[] file = image.Encode(new RsgEncoderOptions { Quality = Qualities[i], Subsampling = subsampling });
            RsgImage decoded = RsgDecoder.Decode(file);
            Assert.Equal(image.Width, decoded.Width);
            Assert.Equal(image.Height, decoded.Height);
            Assert.Equal(image.Format == RsgPixelFormat.Gray8 ? RsgPixelFormat.Gray8 : RsgPixelFormat.Rgb24, decoded.PixelFormat);
            Assert.Equal(image.Format == RsgPixelFormat.Gray8 ? RsgColorModel.Gray : RsgColorModel.YCbCr, decoded.Info.ColorModel);
            if (image.Format != RsgPixelFormat.Gray8)
            {
                Assert.Equal(subsampling, decoded.Info.Subsampling);
            }

            psnr[i] = Metrics.Psnr(image.Pixels, decoded.Pixels);
            sizes[i] = file.Length;
        }

        string report = string.Join(", ", Qualities.Select((q, i) => $"q{q}: {psnr[i]:F2} dB {sizes[i]} B"));
        for (int i = 0; i < Qualities.Length; i++)
        {
            Assert.True(psnr[i] >= floors[i], $"{name} q{Qualities[i]} PSNR {psnr[i]:F2} below floor {floors[i]} ({report})");
            if (i > 0)
            {
                Assert.True(psnr[i] > psnr[i - 1], $"{name}: PSNR does not rise from q{Qualities[i - 1]} to q{Qualities[i]} ({report})");
                Assert.True(sizes[i] > sizes[i - 1], $"{name}: size does not rise from q{Qualities[i - 1]} to q{Qualities[i]} ({report})");
            }
        }

        // Sanity on the compression itself: q50 (with the default tilted tables, about the fidelity of
        // cjpeg's q75) beats raw pixels by a wide margin.
        Assert.True(sizes[2] * 10 < image.Pixels.Length, $"q50 is only {(double)image.Pixels.Length / sizes[2]:F1}:1 ({report})");
    }

    [Fact]
    public void FullChromaBeatsSubsampledChromaOnAColourPhoto()
    {
        TestImage image = TestImages.Kodim23;
        byte[] yuv420 = image.Encode(new RsgEncoderOptions { Quality = 90, Subsampling = RsgChromaSubsampling.Yuv420 });
        byte[] yuv444 = image.Encode(new RsgEncoderOptions { Quality = 90, Subsampling = RsgChromaSubsampling.Yuv444 });
        double psnr420 = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(yuv420).Pixels);
        double psnr444 = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(yuv444).Pixels);

        // Measured: 39.81 dB / 58059 B (4:2:0) vs 41.47 dB / 72207 B (4:4:4).
        Assert.True(psnr444 > psnr420 + 1.0, $"4:4:4 {psnr444:F2} dB vs 4:2:0 {psnr420:F2} dB");
        Assert.True(yuv444.Length > yuv420.Length, $"4:4:4 {yuv444.Length} B vs 4:2:0 {yuv420.Length} B");
    }

    [Fact]
    public void RateAwareQuantizationSavesBytesForLittleQualityAndIsOffAtQuality100()
    {
        // Measured on kodim23 4:2:0, optimized vs plain rounding:
        // q30 12033 B 32.91 dB vs 14838 B 33.43 dB; q75 30083 B 37.01 dB vs 34290 B 37.18 dB; q100 identical files.
        TestImage image = TestImages.Kodim23;
        foreach (int quality in new[] { 30, 75 })
        {
            byte[] optimized = image.Encode(new RsgEncoderOptions { Quality = quality });
            byte[] plain = image.Encode(new RsgEncoderOptions { Quality = quality, OptimizeQuantization = false });
            double psnrOptimized = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(optimized).Pixels);
            double psnrPlain = Metrics.Psnr(image.Pixels, RsgDecoder.Decode(plain).Pixels);
            Assert.True(optimized.Length < plain.Length * 0.95, $"q{quality}: optimized {optimized.Length} B vs plain {plain.Length} B");
            Assert.True(psnrOptimized > psnrPlain - 1.0, $"q{quality}: optimized {psnrOptimized:F2} dB vs plain {psnrPlain:F2} dB");
        }

        TestImage crop = TestImages.Kodim256;
        Assert.Equal(crop.Encode(new RsgEncoderOptions { Quality = 100 }), crop.Encode(new RsgEncoderOptions { Quality = 100, OptimizeQuantization = false }));
    }

    [Fact]
    public void GrayscaleOptionCodesColourInputAsOnePlane()
    {
        TestImage image = TestImages.Astronaut256;
        byte[] file = image.Encode(new RsgEncoderOptions { Quality = 90, Grayscale = true });
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(RsgColorModel.Gray, decoded.Info.ColorModel);
        Assert.Equal(RsgPixelFormat.Gray8, decoded.PixelFormat);
        Assert.Equal(image.Width * image.Height, decoded.Pixels.Length);

        // Compare with BT.601 luma of the input.
        byte[] luma = new byte[image.Width * image.Height];
        for (int i = 0; i < luma.Length; i++)
        {
            double y = (0.299 * image.Pixels[3 * i]) + (0.587 * image.Pixels[(3 * i) + 1]) + (0.114 * image.Pixels[(3 * i) + 2]);
            luma[i] = (byte)Math.Clamp(Math.Round(y), 0, 255);
        }

        double psnr = Metrics.Psnr(luma, decoded.Pixels);
        Assert.True(psnr > 35, $"grayscale-coded PSNR against BT.601 luma is {psnr:F2} dB");
    }

    public static TheoryData<int, int, string, RsgChromaSubsampling> OddSizes()
    {
        var data = new TheoryData<int, int, string, RsgChromaSubsampling>();
        foreach ((int w, int h) in new[] { (7, 5), (17, 13), (1, 1), (1, 300), (300, 1), (33, 17) })
        {
            data.Add(w, h, "astronaut", RsgChromaSubsampling.Yuv420);
            data.Add(w, h, "astronaut", RsgChromaSubsampling.Yuv444);
            data.Add(w, h, "camera", RsgChromaSubsampling.Yuv420);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void OddSizesRoundTripAtQuality90(int width, int height, string name, RsgChromaSubsampling subsampling)
    {
        TestImage image = Photo(name).Crop(200, 200, width, height);
        byte[] file = image.Encode(new RsgEncoderOptions { Quality = 90, Subsampling = subsampling, StripHeight = 16 });
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(image.Pixels.Length, decoded.Pixels.Length);
        Assert.Equal((width + 7) / 8, decoded.Labels.Width);
        Assert.Equal((height + 7) / 8, decoded.Labels.Height);

        // Measured at quality 90: 38.1 dB (1x300, 4:2:0) to 50.8 dB (gray strips); 99 (exact) for 1x1.
        double psnr = Metrics.Psnr(image.Pixels, decoded.Pixels);
        Assert.True(psnr > 36, $"{image} {subsampling}: PSNR {psnr:F2} dB");

        // The streaming path agrees on edge handling.
        RsgImage streamed = DecodePaths.Stream(file, maxRead: 5);
        Assert.Equal(decoded.Pixels, streamed.Pixels);
    }

    [Theory]
    [InlineData(RsgPixelFormat.Bgr24)]
    [InlineData(RsgPixelFormat.Rgba32)]
    [InlineData(RsgPixelFormat.Bgra32)]
    public void OtherInputLayoutsGiveTheSameFileAsRgb24(RsgPixelFormat format)
    {
        TestImage rgb = TestImages.Kodim23.Crop(100, 60, 203, 141);
        byte[] converted = Metrics.ConvertRgb24(rgb.Pixels, format);
        int bpp = TestImage.BytesPerPixel(format);
        var labels = HalfLabels(rgb.Width, rgb.Height, 2);
        foreach (RsgEncoderOptions options in new[]
                 {
                     // The input's alpha varies; dropping it must leave exactly the RGB file (AlphaTests covers keeping it).
                     new RsgEncoderOptions { Quality = 80, Alpha = RsgAlphaMode.Drop },
                     new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 24, Regions = [new RsgRegion(30), new RsgRegion(95)], Alpha = RsgAlphaMode.Drop },
                 })
        {
            RsgLabelMap? map = options.Regions is null ? null : labels;
            byte[] expected = RsgEncoder.Encode(rgb.Pixels, rgb.Width, rgb.Height, rgb.Width * 3, RsgPixelFormat.Rgb24, options, map);
            byte[] actual = RsgEncoder.Encode(converted, rgb.Width, rgb.Height, rgb.Width * bpp, format, options, map);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Gray8InputWithAPaddedStrideGivesTheSameFile()
    {
        TestImage gray = TestImages.Camera.Crop(31, 17, 97, 45);
        byte[] expected = gray.Encode(new RsgEncoderOptions { Quality = 85 });
        byte[] padded = Pad(gray.Pixels, gray.Width, gray.Height, 1, gray.Width + 11);
        byte[] actual = RsgEncoder.Encode(padded, gray.Width, gray.Height, gray.Width + 11, RsgPixelFormat.Gray8, new RsgEncoderOptions { Quality = 85 });
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(RsgPixelFormat.Rgb24, 3)]
    [InlineData(RsgPixelFormat.Rgba32, 64)]
    [InlineData(RsgPixelFormat.Bgr24, 1)]
    public void StrideLargerThanTheRowIsHonoured(RsgPixelFormat format, int extra)
    {
        TestImage rgb = TestImages.Astronaut.Crop(120, 80, 77, 53);
        int bpp = TestImage.BytesPerPixel(format);
        byte[] packed = Metrics.ConvertRgb24(rgb.Pixels, format);
        int stride = (rgb.Width * bpp) + extra;
        byte[] padded = Pad(packed, rgb.Width, rgb.Height, bpp, stride);
        var options = new RsgEncoderOptions { Quality = 90, StripHeight = 16, Alpha = RsgAlphaMode.Drop };

        byte[] expected = RsgEncoder.Encode(packed, rgb.Width, rgb.Height, rgb.Width * bpp, format, options);
        byte[] actual = RsgEncoder.Encode(padded, rgb.Width, rgb.Height, stride, format, options);
        Assert.Equal(expected, actual);

        // The last row needs no padding after it.
        byte[] tight = padded.AsSpan(0, (stride * (rgb.Height - 1)) + (rgb.Width * bpp)).ToArray();
        Assert.Equal(expected, RsgEncoder.Encode(tight, rgb.Width, rgb.Height, stride, format, options));

        double psnr = Metrics.Psnr(rgb.Pixels, RsgDecoder.Decode(actual).Pixels);
        Assert.True(psnr > 34, $"PSNR {psnr:F2} dB");
    }

    [Fact]
    public void EncodingIsDeterministic()
    {
        TestImage image = TestImages.Kodim256;
        var options = new RsgEncoderOptions { Quality = 60, StripHeight = 32 };
        Assert.Equal(image.Encode(options), image.Encode(options));
    }

    [Fact]
    public void ReencodingTheDecodedImageAtQuality100ChangesLittle()
    {
        TestImage image = TestImages.Kodim256;
        RsgImage first = RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Quality = 50 }));
        RsgImage second = RsgDecoder.Decode(RsgEncoder.Encode(first.Pixels, first.Width, first.Height, first.Stride, first.PixelFormat,
            new RsgEncoderOptions { Quality = 100, Subsampling = RsgChromaSubsampling.Yuv444 }));
        double psnr = Metrics.Psnr(first.Pixels, second.Pixels);
        Assert.True(psnr > 45, $"generation loss at q100 4:4:4: {psnr:F2} dB");
    }

    internal static TestImage Photo(string name) => name switch
    {
        "kodim23" => TestImages.Kodim23,
        "astronaut" => TestImages.Astronaut,
        "camera" => TestImages.Camera,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static byte[] Pad(byte[] packed, int width, int height, int bpp, int stride)
    {
        var random = new Random(stride);
        byte[] padded = new byte[stride * height];
        random.NextBytes(padded);
        for (int y = 0; y < height; y++)
        {
            packed.AsSpan(y * width * bpp, width * bpp).CopyTo(padded.AsSpan(y * stride));
        }

        return padded;
    }

    /// <summary>Label 1 on the right half, 0 on the left.</summary>
    internal static RsgLabelMap HalfLabels(int width, int height, int cell)
    {
        int w = (width + cell - 1) / cell, h = (height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = w / 2; x < w; x++)
            {
                labels[(y * w) + x] = 1;
            }
        }

        return new RsgLabelMap(w, h, cell, labels);
    }
}
