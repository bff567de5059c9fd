using RegionCodec.Entropy;

namespace RegionCodec.Tests;

/// <summary>
/// <see cref="RsgDecoder.MeasureRegionCosts"/> (spec/rsg.md §17): the lines add up to the file size, the
/// information content matches the payload the range coder actually wrote, and each region is charged what its
/// blocks cost.
/// </summary>
public sealed class RegionCostTests
{
    private static readonly RegionQualityTests.Rect Centre = new(128, 64, 320, 288);

    [Theory]
    [MemberData(nameof(ConformanceTests.ValidFiles), MemberType = typeof(ConformanceTests))]
    public void ConformanceFileLinesAddUpToTheFileSize(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(TestImages.ConformanceFolder, name));
        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(file);
        AssertAddsUp(file, costs);

        // Each region's area, counted from the decoded label map (edge cells clipped to the image).
        RsgImage image = RsgDecoder.Decode(file);
        long[] pixels = new long[costs.RegionBytes.Count];
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                pixels[image.Labels.Labels[((y / image.Info.MaskCellSize) * image.Labels.Width) + (x / image.Info.MaskCellSize)]]++;
            }
        }

        Assert.Equal(pixels, costs.RegionPixels);
    }

    [Theory]
    [InlineData("kodim23", RsgChromaSubsampling.Yuv420, 0)]
    [InlineData("astronaut", RsgChromaSubsampling.Yuv444, 64)]
    [InlineData("camera", RsgChromaSubsampling.Yuv420, 32)]
    public void PhotographLinesAddUpAndTheCoderOverheadIsAFewBytesPerStrip(string name, RsgChromaSubsampling subsampling, int stripHeight)
    {
        TestImage image = RoundTripTests.Photo(name);
        RsgLabelMap map = RegionQualityTests.RectLabels(image.Width, image.Height, 8, Centre);
        byte[] file = image.Encode(new RsgEncoderOptions { Regions = [new(30), new(85)], Subsampling = subsampling, StripHeight = stripHeight }, map);

        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(file);

        AssertAddsUp(file, costs);
        int strips = costs.Info.StripCount;
        Assert.True(costs.CoderBytes >= -strips && costs.CoderBytes <= 5 * strips,
            $"payload {costs.PayloadBytes} B vs information {costs.PayloadBytes - costs.CoderBytes} B over {strips} strips");
        Assert.True(costs.RegionBytes[0] > 1000 && costs.RegionBytes[1] > 1000, string.Join(", ", costs.RegionBytes));
    }

    [Fact]
    public void ContainerBytesAreEverythingOutsideThePayloads()
    {
        TestImage image = TestImages.Kodim256;
        byte[] file = image.Encode(new RsgEncoderOptions { StripHeight = 64 });
        List<EditableChunk> chunks = RsgContainer.Parse(file);
        long payload = chunks.Where(c => c.TypeText == "STRP").Sum(c => c.Data.Length - 4);

        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(file);

        Assert.Equal(payload, costs.PayloadBytes);
        Assert.Equal(8 + chunks.Sum(c => (long)c.Size) - payload, costs.ContainerBytes);
    }

    [Fact]
    public void HigherQualityOnTheSameAreaCostsMoreAndTheFileGrowsByAboutThatMuch()
    {
        TestImage image = TestImages.Astronaut;
        RsgLabelMap map = RegionQualityTests.RectLabels(image.Width, image.Height, 8, Centre);
        byte[] low = image.Encode(new RsgEncoderOptions { Regions = [new(40), new(40)] }, map);
        byte[] high = image.Encode(new RsgEncoderOptions { Regions = [new(40), new(90)] }, map);

        RsgRegionCosts lowCosts = RsgDecoder.MeasureRegionCosts(low);
        RsgRegionCosts highCosts = RsgDecoder.MeasureRegionCosts(high);

        Assert.True(highCosts.RegionBytes[1] > 2 * lowCosts.RegionBytes[1], $"q90 {highCosts.RegionBytes[1]} B vs q40 {lowCosts.RegionBytes[1]} B");

        // Region 0 is coded the same way in both files; only the shared contexts and the boundary blocks move its cost.
        long growth = high.Length - low.Length, regionGrowth = highCosts.RegionBytes[1] - lowCosts.RegionBytes[1];
        Assert.True(Math.Abs(growth - regionGrowth) < growth / 20, $"file grew {growth} B, region 1 {regionGrowth} B");
    }

    [Fact]
    public void DcOnlyRegionCostsLessThanADctRegionOnTheSameContent()
    {
        TestImage image = TestImages.Kodim23;
        RsgLabelMap map = RegionQualityTests.RectLabels(image.Width, image.Height, 8, Centre);
        RsgRegionCosts dct = RsgDecoder.MeasureRegionCosts(image.Encode(new RsgEncoderOptions { Regions = [new(30), new(85)] }, map));
        RsgRegionCosts dc = RsgDecoder.MeasureRegionCosts(image.Encode(new RsgEncoderOptions { Regions = [new(30, RsgRegionMode.DcOnly), new(85)] }, map));

        Assert.True(dc.RegionBytes[0] < dct.RegionBytes[0] / 2, $"DC-only {dc.RegionBytes[0]} B vs DCT {dct.RegionBytes[0]} B");
        Assert.Equal(dct.MaskBytes, dc.MaskBytes);
    }

    [Fact]
    public void OneRegionFileChargesEveryBlockToRegionZero()
    {
        TestImage image = TestImages.Camera;
        byte[] file = image.Encode(new RsgEncoderOptions { Quality = 60 });
        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(file);

        Assert.Single(costs.RegionBytes);
        Assert.Equal(costs.PayloadBytes - costs.MaskBytes - costs.CoderBytes, costs.RegionBytes[0]);
        Assert.InRange(costs.MaskBytes, 1, 4 * costs.Info.StripCount); // one run per mask row, all predicted from the row above
        Assert.Equal(costs.RegionBytes[0], costs.PlaneBytes(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => costs.PlaneBytes(0, 1));

        // A second table entry that no cell uses is charged nothing.
        RsgLabelMap zeros = new(costs.Info.MaskWidth, costs.Info.MaskHeight, costs.Info.MaskCellSize, new byte[costs.Info.MaskWidth * costs.Info.MaskHeight]);
        RsgRegionCosts unused = RsgDecoder.MeasureRegionCosts(image.Encode(new RsgEncoderOptions { Regions = [new(60), new(95)] }, zeros));
        Assert.Equal(0, unused.RegionBytes[1]);
        Assert.Equal(0, unused.RegionBits(1));
    }

    [Fact]
    public void PlanesOfARegionAddUpToItWithinRounding()
    {
        TestImage image = TestImages.Kodim256;
        RsgRegionCosts costs = RsgDecoder.MeasureRegionCosts(image.Encode(new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444 }));
        long planes = costs.PlaneBytes(0, 0) + costs.PlaneBytes(0, 1) + costs.PlaneBytes(0, 2);
        Assert.InRange(planes - costs.RegionBytes[0], -2, 2);
        Assert.True(costs.PlaneBytes(0, 0) > costs.PlaneBytes(0, 1) + costs.PlaneBytes(0, 2), "luma costs more than chroma");
    }

    [Theory]
    [MemberData(nameof(ConformanceTests.InvalidFiles), MemberType = typeof(ConformanceTests))]
    public void InvalidFileIsRejectedWithTheDecodersRuleAndOffset(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(TestImages.ConformanceFolder, name));
        RsgFormatException decode = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file, new RsgDecoderOptions { MaxDegreeOfParallelism = 1 }));
        RsgFormatException measure = Assert.Throws<RsgFormatException>(() => RsgDecoder.MeasureRegionCosts(file));
        Assert.Equal(decode.Error, measure.Error);
        Assert.Equal(decode.Offset, measure.Offset);
    }

    [Fact]
    public void InformationContentTableHasTheSpecifiedValues()
    {
        Assert.Equal(65536u, InformationContent.Of(32768));      // an even decision: one bit
        Assert.Equal(131072u, InformationContent.Of(16384));     // probability 1/4: two bits
        Assert.Equal(720896u, InformationContent.Of(32));        // the least likely decision: 11 bits
        Assert.Equal(46u, InformationContent.Of(65504));         // round(65536 × log2(65536/65504)) = round(46.18)
        Assert.Equal(0, InformationContent.ToBytes(262143));
        Assert.Equal(1, InformationContent.ToBytes(262144));     // half a byte rounds up
    }

    private static void AssertAddsUp(byte[] file, RsgRegionCosts costs)
    {
        Assert.Equal(file.Length, costs.FileBytes);
        Assert.Equal(costs.FileBytes, costs.MaskBytes + costs.RegionBytes.Sum() + costs.AlphaBytes + costs.OverheadBytes);
        if (costs.Info.HasAlpha)
        {
            // The alpha line is exactly the ALPH payloads: every ALPH chunk less its 12 framing and 4 index bytes.
            long alphaChunks = 0;
            foreach (RegionCodec.RsgChunk chunk in RegionCodec.RsgChunk.Walk(file))
            {
                alphaChunks += chunk.TypeText == "ALPH" ? chunk.Size - 16 : 0;
            }
            Assert.Equal(alphaChunks, costs.AlphaBytes);
        }
        else
        {
            Assert.Equal(0, costs.AlphaBytes);
        }

        Assert.Equal(costs.OverheadBytes, costs.ContainerBytes + costs.CoderBytes);
        Assert.All(costs.RegionBytes, b => Assert.True(b >= 0));
    }
}
