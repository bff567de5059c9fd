using System.Buffers.Binary;

namespace RegionCodec.Tests;

/// <summary>
/// The lossless region mode (spec/rsg.md §4.3 mode 2, §4.12, §9.5): whole-image lossless round trips of real
/// screen content and photographs, lossless regions beside DCT regions (exact inside, identical on every decode
/// path), region costs, and the LOSS chunk's place in the container.
/// </summary>
public sealed class LosslessTests
{
    public static TheoryData<string> Images() => ["screen-messages", "screen-gui", "kodim23", "camera"];

    private static TestImage Image(string name) => name switch
    {
        "screen-messages" => TestImages.ScreenMessages,
        "screen-gui" => TestImages.ScreenGui,
        "kodim23" => TestImages.Kodim23,
        _ => TestImages.Camera,
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void WholeImageLosslessDecodesBitIdentically(string name)
    {
        TestImage image = Image(name);
        byte[] file = image.Encode(RsgEncoderOptions.Lossless());
        RsgImage decoded = RsgDecoder.Decode(file);

        Assert.Equal(image.Format == RsgPixelFormat.Rgba32 ? RsgPixelFormat.Rgba32 : image.Format, decoded.PixelFormat);
        Assert.Equal(image.Pixels, decoded.Pixels);
        Assert.Equal(RsgRegionMode.Lossless, decoded.Info.Regions[0].Mode);
    }

    [Fact]
    public void ScreenContentCostsFarLessThanItsRawSamples()
    {
        // The crop is 512x384 RGB (590 KB raw); anti-aliased text on flat colour needs well under 1 bit per pixel.
        TestImage image = TestImages.ScreenMessages;
        byte[] file = image.Encode(RsgEncoderOptions.Lossless());
        Assert.InRange(8.0 * file.Length / (image.Width * image.Height), 0.05, 1.0);
    }

    [Fact]
    public void StripsAndParallelismGiveExactPixelsAndTheSameBytes()
    {
        TestImage image = TestImages.ScreenGui;
        RsgEncoderOptions options = RsgEncoderOptions.Lossless() with { StripHeight = 48 };
        byte[] serial = image.Encode(options with { MaxDegreeOfParallelism = 1 });
        byte[] parallel = image.Encode(options with { MaxDegreeOfParallelism = 3 });

        Assert.Equal(serial, parallel);
        Assert.Equal(image.Pixels, RsgDecoder.Decode(serial).Pixels);
        List<EditableChunk> chunks = RsgContainer.Parse(serial);
        Assert.Equal(7, chunks.Count(c => c.TypeText == "LOSS"));
        Assert.Equal(["STRP", "LOSS", "ALPH"], chunks.Skip(2).Take(3).Select(c => c.TypeText));
    }

    /// <summary>The message crop with a lossless rectangle (label 1) beside a DCT background at quality 40 (label 0).</summary>
    private static (TestImage Image, RsgLabelMap Labels, byte[] File) Mixed(int cell = 8, RsgChromaSubsampling subsampling = RsgChromaSubsampling.Yuv420)
    {
        TestImage image = TestImages.ScreenMessages;
        RsgLabelMap labels = RegionQualityTests.RectLabels(image.Width, image.Height, cell, new(40, 24, 360, 200));
        byte[] file = image.Encode(new RsgEncoderOptions
        {
            Regions = [new(40), new(100, RsgRegionMode.Lossless)],
            StripHeight = 64,
            Subsampling = subsampling,
        }, labels);
        return (image, labels, file);
    }

    [Theory]
    [InlineData(8, RsgChromaSubsampling.Yuv420)]
    [InlineData(4, RsgChromaSubsampling.Yuv444)]
    public void LosslessCellsAreExactBesideDctCells(int cell, RsgChromaSubsampling subsampling)
    {
        (TestImage image, RsgLabelMap labels, byte[] file) = Mixed(cell, subsampling);
        RsgImage decoded = RsgDecoder.Decode(file);
        int exact = 0, lossy = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int i = ((y * image.Width) + x) * 3;
                bool same = image.Pixels.AsSpan(i, 3).SequenceEqual(decoded.Pixels.AsSpan(i, 3));
                if (labels.Labels[((y / cell) * labels.Width) + (x / cell)] == 1)
                {
                    Assert.True(same, $"lossless pixel ({x}, {y}) changed");
                    exact++;
                }
                else if (!same)
                {
                    lossy++;
                }
            }
        }

        Assert.True(exact > 50000, $"{exact} lossless pixels");
        Assert.True(lossy > 1000, $"the DCT background at quality 40 is lossy ({lossy} pixels differ)");
    }

    [Fact]
    public async Task EveryDecodePathGivesTheSameBytes()
    {
        (_, _, byte[] file) = Mixed();
        byte[] expected = DecodePaths.Memory(file, parallelism: 1).Pixels;

        Assert.Equal(expected, DecodePaths.Memory(file, parallelism: 4).Pixels);
        Assert.Equal(expected, DecodePaths.Stream(file, maxRead: 7).Pixels);
        Assert.Equal(expected, DecodePaths.PipePrefilled(file).Pixels);
        Assert.Equal(expected, (await DecodePaths.PipeFed(file, () => 333)).Pixels);
        var sink = new RecordingSink();
        RsgDecoder.Decode(file, sink, new RsgDecoderOptions { MaxDegreeOfParallelism = 4 });
        Assert.Equal(expected, sink.Pixels);
    }

    [Fact]
    public void WholeLosslessBlocksAreNotDctCoded()
    {
        // The same image all lossless has a STRP payload of the mask only: a few bytes per strip.
        byte[] file = TestImages.ScreenMessages.Encode(RsgEncoderOptions.Lossless() with { StripHeight = 64 });
        foreach (EditableChunk strip in RsgContainer.Parse(file).Where(c => c.TypeText == "STRP"))
        {
            Assert.InRange(strip.Data.Length, 4, 12);
        }
    }

    [Fact]
    public void ReducedSizeDecodeAveragesTheLosslessSamples()
    {
        (TestImage image, RsgLabelMap labels, byte[] file) = Mixed();
        RsgImage half = RsgDecoder.DecodeScaled(file, 2);
        int w = (image.Width + 1) / 2;
        for (int oy = 0; oy < (image.Height + 1) / 2; oy++)
        {
            for (int ox = 0; ox < w; ox++)
            {
                if (labels.Labels[((2 * oy / 8) * labels.Width) + (2 * ox / 8)] != 1)
                {
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int j = 0; j < 2; j++)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            sum += image.Pixels[((((2 * oy) + j) * image.Width) + (2 * ox) + i) * 3 + c];
                        }
                    }

                    Assert.Equal((sum + 2) >> 2, half.Pixels[(((oy * w) + ox) * 3) + c]);
                }
            }
        }
    }

    [Fact]
    public void RegionCostsChargeTheLosslessSamplesToTheirRegionAndAddUpToTheFile()
    {
        (_, _, byte[] file) = Mixed();
        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(file);
        long losslessPayload = RsgContainer.Parse(file).Where(c => c.TypeText == "LOSS").Sum(c => c.Data.Length - 4L);

        Assert.Equal(file.Length, costs.MaskBytes + costs.RegionBytes.Sum() + costs.AlphaBytes + costs.OverheadBytes);
        Assert.InRange(costs.RegionBytes[1], losslessPayload - 16, losslessPayload + 16);
        Assert.True(costs.RegionBytes[0] > 1000, "the DCT background costs something");
    }

    [Fact]
    public void ImageSharpAndToolOptionsMatchTheCodecOption()
    {
        RsgRegion only = Assert.Single(RsgEncoderOptions.Lossless().Regions!);
        Assert.Equal(RsgRegionMode.Lossless, only.Mode);
        only.Validate("regions");
    }
}
