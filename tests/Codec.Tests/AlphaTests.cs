using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>
/// The alpha plane (spec/rsg.md §4.7, §9.4): lossless round trips of real RGBA cut-outs, identical bytes on
/// every decode path, reduced-size alpha (§16), what the encoder stores and when, and streaming.
/// </summary>
public sealed class AlphaTests
{
    public static TheoryData<string, int> CutoutsAndSettings()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "parrot", "portrait" })
        {
            for (int setting = 0; setting < Settings.Length; setting++)
            {
                data.Add(name, setting);
            }
        }

        return data;
    }

    private static readonly RsgEncoderOptions[] Settings =
    [
        new() { Quality = 75 },
        new() { Quality = 40, Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 24 },
        new() { Quality = 90, StripHeight = 8, MaxDegreeOfParallelism = 3 },
        new() { Quality = 60, Grayscale = true },
    ];

    private static TestImage Cutout(string name) => name == "parrot" ? TestImages.ParrotCutout : TestImages.PortraitCutout;

    [Theory]
    [MemberData(nameof(CutoutsAndSettings))]
    public void CutoutAlphaSurvivesExactlyAndColourStaysClose(string name, int setting)
    {
        TestImage image = Cutout(name);
        RsgEncoderOptions options = Settings[setting];
        byte[] file = image.Encode(options);
        RsgImage decoded = RsgDecoder.Decode(file);

        Assert.True(decoded.Info.HasAlpha);
        bool gray = options.Grayscale;
        Assert.Equal(gray ? RsgPixelFormat.GrayAlpha16 : RsgPixelFormat.Rgba32, decoded.PixelFormat);
        int bpp = gray ? 2 : 4;
        Assert.Equal(image.Width * image.Height * bpp, decoded.Pixels.Length);
        Assert.Equal(AlphaOf(image.Pixels, 4), AlphaOf(decoded.Pixels, bpp));

        // The colour is the lossy part: compare it with the colour-only encode of the same pixels.
        byte[] colourOnly = RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, RsgPixelFormat.Rgba32,
            WithAlpha(options, RsgAlphaMode.Drop));
        Assert.Equal(RsgDecoder.Decode(colourOnly).Pixels, ColourOf(decoded.Pixels, bpp));
        Assert.True(file.Length > colourOnly.Length, "the alpha plane costs something");
    }

    [Theory]
    [InlineData("parrot")]
    [InlineData("portrait")]
    public async Task EveryDecodePathGivesTheSameBytes(string name)
    {
        byte[] file = Cutout(name).Encode(new RsgEncoderOptions { Quality = 70, StripHeight = 16, Regions = [new(40), new(85)] },
            RegionQualityTests.RectLabels(256, 256, 2, new(64, 40, 200, 220)));
        byte[] expected = DecodePaths.Memory(file, parallelism: 1).Pixels;

        Assert.Equal(expected, DecodePaths.Memory(file, parallelism: 4).Pixels);
        Assert.Equal(expected, DecodePaths.Stream(file, maxRead: 7).Pixels);
        Assert.Equal(expected, DecodePaths.PipePrefilled(file).Pixels);
        Assert.Equal(expected, (await DecodePaths.PipeFed(file, () => 333)).Pixels);

        byte[] into = new byte[(256 * 4 + 9) * 256];
        RsgDecoder.DecodeInto(file, into, 256 * 4 + 9);
        for (int y = 0; y < 256; y++)
        {
            Assert.Equal(expected.AsSpan(y * 1024, 1024), into.AsSpan(y * (1024 + 9), 1024));
        }

        var sink = new RecordingSink();
        RsgDecoder.Decode(file, sink, new RsgDecoderOptions { MaxDegreeOfParallelism = 4 });
        Assert.Equal(expected, sink.Pixels);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void ReducedAlphaIsTheBoxAverageWithEdgesRepeatedAndColourIsUnchanged(int scale)
    {
        // 250x90 (not multiples of 8) in 16-row strips: boxes cross the right edge, the bottom edge and no strip boundary.
        TestImage image = TestImages.PortraitCutout.Crop(3, 100, 250, 90);
        var options = new RsgEncoderOptions { Quality = 70, StripHeight = 16 };
        byte[] file = image.Encode(options);
        byte[] alpha = AlphaOf(image.Pixels, 4);
        RsgImage reduced = RsgDecoder.DecodeScaled(file, scale);
        Assert.Equal(RsgPixelFormat.Rgba32, reduced.PixelFormat);

        int w = reduced.Width, h = reduced.Height;
        byte[] expected = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            // Strips are 16 rows, so boxes never straddle two strips; only the image's last row repeats.
            for (int x = 0; x < w; x++)
            {
                int sum = 0;
                for (int j = 0; j < scale; j++)
                {
                    for (int i = 0; i < scale; i++)
                    {
                        sum += alpha[(Math.Min((y * scale) + j, image.Height - 1) * image.Width) + Math.Min((x * scale) + i, image.Width - 1)];
                    }
                }

                expected[(y * w) + x] = (byte)((sum + (scale * scale / 2)) / (scale * scale));
            }
        }

        Assert.Equal(expected, AlphaOf(reduced.Pixels, 4));
        byte[] colourOnly = image.Encode(WithAlpha(options, RsgAlphaMode.Drop));
        Assert.Equal(RsgDecoder.DecodeScaled(colourOnly, scale).Pixels, ColourOf(reduced.Pixels, 4));
    }

    [Theory]
    [InlineData(RsgPixelFormat.Rgba32)]
    [InlineData(RsgPixelFormat.Bgra32)]
    [InlineData(RsgPixelFormat.GrayAlpha16)]
    public void OpaqueInputPaysNothingUnlessAskedToKeepIt(RsgPixelFormat format)
    {
        TestImage rgb = TestImages.Kodim23.Crop(200, 100, 120, 72);
        bool gray = format == RsgPixelFormat.GrayAlpha16;
        byte[] source = gray ? GrayWithAlpha(TestImages.Camera.Crop(100, 100, 120, 72).Pixels, _ => 255) : WithOpaqueAlpha(Metrics.ConvertRgb24(rgb.Pixels, format));
        int bpp = gray ? 2 : 4;
        var options = new RsgEncoderOptions { Quality = 80, StripHeight = 16 };

        byte[] auto = RsgEncoder.Encode(source, 120, 72, 120 * bpp, format, options);
        byte[] plain = gray
            ? RsgEncoder.Encode(TestImages.Camera.Crop(100, 100, 120, 72).Pixels, 120, 72, 120, RsgPixelFormat.Gray8, options)
            : RsgEncoder.Encode(rgb.Pixels, 120, 72, 360, RsgPixelFormat.Rgb24, options);
        Assert.Equal(plain, auto);
        Assert.False(RsgDecoder.Identify(auto).HasAlpha);

        byte[] kept = RsgEncoder.Encode(source, 120, 72, 120 * bpp, format, WithAlpha(options, RsgAlphaMode.Keep));
        RsgImageInfo info = RsgDecoder.Identify(kept);
        Assert.True(info.HasAlpha);
        Assert.EndsWith(", alpha", info.ToString(), StringComparison.Ordinal);
        RsgImage decoded = RsgDecoder.Decode(kept);
        Assert.All(AlphaOf(decoded.Pixels, bpp), a => Assert.Equal(255, a));

        // Every alpha row is "same as above": each of the 5 ALPH chunks is its 12-byte frame, its index and a byte or two.
        List<EditableChunk> alphas = [.. RsgContainer.Parse(kept).Where(c => c.TypeText == "ALPH")];
        Assert.Equal(5, alphas.Count);
        Assert.All(alphas, c => Assert.InRange(c.Data.Length, 4, 6));
    }

    [Fact]
    public void DropModeAndAlphaFreeFormatsStoreNoAlpha()
    {
        TestImage image = TestImages.ParrotCutout;
        byte[] dropped = image.Encode(new RsgEncoderOptions { Alpha = RsgAlphaMode.Drop });
        Assert.False(RsgDecoder.Identify(dropped).HasAlpha);
        Assert.DoesNotContain(RsgContainer.Chunks(dropped), c => c.TypeText == "ALPH");

        byte[] rgb = ColourOf(image.Pixels, 4);
        byte[] keepRgb = RsgEncoder.Encode(rgb, 256, 256, 768, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Alpha = RsgAlphaMode.Keep });
        Assert.False(RsgDecoder.Identify(keepRgb).HasAlpha);
        Assert.Equal(dropped, keepRgb);
    }

    [Fact]
    public void GrayAlphaInputRoundTripsItsAlphaExactly()
    {
        TestImage cutout = TestImages.ParrotCutout;
        byte[] alpha = AlphaOf(cutout.Pixels, 4);
        byte[] grayAlpha = GrayWithAlpha(TestImages.Camera.Crop(100, 100, 256, 256).Pixels, i => alpha[i]);
        byte[] file = RsgEncoder.Encode(grayAlpha, 256, 256, 512, RsgPixelFormat.GrayAlpha16, new RsgEncoderOptions { Quality = 85 });
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.Equal(RsgColorModel.Gray, decoded.Info.ColorModel);
        Assert.Equal(RsgPixelFormat.GrayAlpha16, decoded.PixelFormat);
        Assert.Equal(alpha, AlphaOf(decoded.Pixels, 2));
        double psnr = Metrics.Psnr(ColourOf(grayAlpha, 2), ColourOf(decoded.Pixels, 2));
        Assert.True(psnr > 35, $"gray PSNR {psnr:F2} dB");
    }

    [Fact]
    public void PaddedStrideAndBgraOrderGiveTheSameFile()
    {
        TestImage image = TestImages.PortraitCutout.Crop(10, 20, 101, 67);
        var options = new RsgEncoderOptions { Quality = 75, StripHeight = 16 };
        byte[] expected = image.Encode(options);

        int stride = (101 * 4) + 13;
        byte[] bgra = new byte[stride * 67];
        for (int y = 0; y < 67; y++)
        {
            for (int x = 0; x < 101; x++)
            {
                int s = ((y * 101) + x) * 4, d = (y * stride) + (x * 4);
                (bgra[d], bgra[d + 1], bgra[d + 2], bgra[d + 3]) = (image.Pixels[s + 2], image.Pixels[s + 1], image.Pixels[s], image.Pixels[s + 3]);
            }
        }

        Assert.Equal(expected, RsgEncoder.Encode(bgra, 101, 67, stride, RsgPixelFormat.Bgra32, options));
    }

    [Fact]
    public void FeatheredCutoutsCostFarLessThanABitPerPixel()
    {
        // Measured: parrot 2,480 bytes, portrait 2,987 bytes of ALPH chunks for 65,536 pixels (0.30 and 0.36 bit per
        // pixel, nearly all of it on the feathered edge). The bound (0.5 bit per pixel) leaves room for encoder
        // changes, not for a broken model; an opaque or empty row costs a fraction of a bit.
        foreach (TestImage image in new[] { TestImages.ParrotCutout, TestImages.PortraitCutout })
        {
            long alphaBytes = RsgContainer.Chunks(image.Encode()).Where(c => c.TypeText == "ALPH").Sum(c => c.Size);
            Assert.InRange(alphaBytes, 1000, 65536 / 8 / 2);
        }
    }

    [Fact]
    public async Task StreamingHandsOverEachStripAfterItsAlphChunkAndBeforeTheFileEnds()
    {
        byte[] file = TestImages.PortraitCutout.Encode(new RsgEncoderOptions { StripHeight = 64 });
        List<RsgChunk> chunks = RsgContainer.Chunks(file);
        long[] alphaEnds = [.. chunks.Where(c => c.TypeText == "ALPH").Select(c => c.End)];
        long strip0End = chunks.First(c => c.TypeText == "STRP").End;
        Assert.Equal(4, alphaEnds.Length);

        var pipe = new Pipe();
        long[] written = [0];
        int rowsBeforeAlpha = -1;
        var sink = new RecordingSink(() => Volatile.Read(ref written[0]));
        Task writer = Task.Run(async () =>
        {
            for (int pos = 0; pos < file.Length; pos++)
            {
                Volatile.Write(ref written[0], pos + 1);
                await pipe.Writer.WriteAsync(file.AsMemory(pos, 1));
                if (pos + 1 == strip0End)
                {
                    // Strip 0's colour is complete but its alpha is not: nothing may reach the sink yet.
                    await Task.Delay(200);
                    rowsBeforeAlpha = sink.Rows.Count;
                }

                if (pos + 1 == alphaEnds[0])
                {
                    // Hold the rest back until strip 0 arrives; a decoder that waits for more never delivers it.
                    await Task.WhenAny(sink.FirstRows.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                }
            }

            await pipe.Writer.CompleteAsync();
        });

        await RsgDecoder.DecodeAsync(pipe.Reader, sink);
        await writer;

        Assert.Equal(0, rowsBeforeAlpha);
        Assert.Equal(alphaEnds[0], sink.BytesWrittenAtRows[0]);
        Assert.Equal(4, sink.Rows.Count);
        for (int s = 0; s < 4; s++)
        {
            Assert.Equal((s * 64, 64), sink.Rows[s]);
            Assert.True(sink.BytesWrittenAtRows[s] >= alphaEnds[s], $"strip {s} handed over before its ALPH chunk was complete");
        }

        Assert.Equal(RsgDecoder.Decode(file).Pixels, sink.Pixels);
    }

    private static RsgEncoderOptions WithAlpha(RsgEncoderOptions o, RsgAlphaMode mode) => new()
    {
        Quality = o.Quality,
        Regions = o.Regions,
        Subsampling = o.Subsampling,
        Grayscale = o.Grayscale,
        StripHeight = o.StripHeight,
        QuantizationTables = o.QuantizationTables,
        Deblocking = o.Deblocking,
        MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
        Alpha = mode,
    };

    internal static byte[] AlphaOf(byte[] pixels, int bpp)
    {
        byte[] alpha = new byte[pixels.Length / bpp];
        for (int i = 0; i < alpha.Length; i++)
        {
            alpha[i] = pixels[(i * bpp) + bpp - 1];
        }

        return alpha;
    }

    internal static byte[] ColourOf(byte[] pixels, int bpp)
    {
        int n = pixels.Length / bpp, colour = bpp - 1;
        byte[] result = new byte[n * colour];
        for (int i = 0; i < n; i++)
        {
            pixels.AsSpan(i * bpp, colour).CopyTo(result.AsSpan(i * colour));
        }

        return result;
    }

    private static byte[] WithOpaqueAlpha(byte[] fourChannel)
    {
        for (int i = 3; i < fourChannel.Length; i += 4)
        {
            fourChannel[i] = 255;
        }

        return fourChannel;
    }

    private static byte[] GrayWithAlpha(byte[] gray, Func<int, byte> alpha)
    {
        byte[] result = new byte[gray.Length * 2];
        for (int i = 0; i < gray.Length; i++)
        {
            result[2 * i] = gray[i];
            result[(2 * i) + 1] = alpha(i);
        }

        return result;
    }
}
