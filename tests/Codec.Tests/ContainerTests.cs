using System.Buffers.Binary;

namespace RegionCodec.Tests;

/// <summary>The container the encoder writes (signature, RHDR, RTAB, STRP..., REND) and what decoders skip.</summary>
public class ContainerTests
{
    public static TheoryData<string> Layouts => new() { "rgb420", "rgb444", "gray", "regions-cell2" };

    private static (TestImage Image, RsgEncoderOptions Options, RsgLabelMap? Labels) Layout(string name) => name switch
    {
        "rgb420" => (TestImages.Kodim23.Crop(0, 0, 200, 90), new RsgEncoderOptions { Quality = 70, StripHeight = 32 }, null),
        "rgb444" => (TestImages.Kodim23.Crop(0, 0, 200, 90), new RsgEncoderOptions { Quality = 70, StripHeight = 20, Subsampling = RsgChromaSubsampling.Yuv444 }, null),
        "gray" => (TestImages.Camera.Crop(0, 0, 123, 77), new RsgEncoderOptions { Quality = 33, StripHeight = 8 }, null),
        "regions-cell2" => (TestImages.Astronaut.Crop(0, 0, 101, 64), new RsgEncoderOptions { Regions = [new(12), new(99, RsgRegionMode.DcOnly), new(64)], StripHeight = 17 },
            RegionQualityTests.RectLabels(101, 64, 2, new(10, 10, 50, 40))),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EncoderWritesAWellFormedContainer(string layout)
    {
        (TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) = Layout(layout);
        byte[] file = image.Encode(options, labels);
        Assert.True(file.AsSpan(0, 8).SequenceEqual(RsgConstants.Signature));
        Assert.Equal(RsgContainer.Signature, RsgConstants.Signature.ToArray());

        List<EditableChunk> chunks = RsgContainer.Parse(file);
        Assert.Equal(file.Length, 8 + chunks.Sum(c => c.Size));
        Assert.All(chunks, c => Assert.True(c.CrcIsValid, $"{c} has a bad CRC"));
        Assert.Equal("RHDR", chunks[0].TypeText);
        Assert.Equal("RTAB", chunks[1].TypeText);
        Assert.Equal("REND", chunks[^1].TypeText);
        Assert.Empty(chunks[^1].Data);

        // RHDR, field by field (spec §4.2).
        bool gray = image.Format == RsgPixelFormat.Gray8;
        int mcu = !gray && options.Subsampling == RsgChromaSubsampling.Yuv420 ? 16 : 8;
        int stripMcuRows = (options.StripHeight + mcu - 1) / mcu;
        RsgRegion[] regions = options.Regions is null ? [new RsgRegion(options.Quality)] : [.. options.Regions];
        int cell = labels?.CellSize ?? 8;
        byte[] expectedHeader = RsgContainer.HeaderData(image.Width, image.Height,
            colorModel: gray ? 1 : 3,
            subsampling: gray ? 0 : (int)options.Subsampling,
            maskCellLog2: int.Log2(cell),
            stripMcuRows: stripMcuRows,
            regionCount: regions.Length,
            flags: options.Deblocking ? 0x02 : 0,
            tableSet: (int)options.QuantizationTables);
        Assert.Equal(expectedHeader, chunks[0].Data);

        // RTAB: quality, mode per label.
        Assert.Equal(regions.SelectMany(r => new[] { (byte)r.Quality, (byte)r.Mode }), chunks[1].Data);

        // Strips: numbered 0..n-1, one per strip of StripHeight rows.
        EditableChunk[] strips = [.. chunks.Skip(2).SkipLast(1)];
        Assert.All(strips, s => Assert.Equal("STRP", s.TypeText));
        int stripRows = stripMcuRows * mcu;
        Assert.Equal((image.Height + stripRows - 1) / stripRows, strips.Length);
        Assert.Equal(Enumerable.Range(0, strips.Length), strips.Select(s => s.StripIndex));
        Assert.All(strips, s => Assert.True(s.Data.Length > 4, "empty strip payload"));

        RsgImageInfo info = RsgDecoder.Identify(file);
        Assert.Equal(stripRows, info.StripHeight);
        Assert.Equal(strips.Length, info.StripCount);
        Assert.Equal(cell, info.MaskCellSize);
        Assert.Equal(regions, info.Regions);

        // The helper's parse/build is lossless, so the malformed-input tests start from real files.
        Assert.Equal(file, RsgContainer.Build(chunks));
    }

    [Theory]
    [InlineData(RsgChromaSubsampling.Yuv420, false, 20, 32)]
    [InlineData(RsgChromaSubsampling.Yuv444, false, 20, 24)]
    [InlineData(RsgChromaSubsampling.Yuv420, true, 20, 24)]
    [InlineData(RsgChromaSubsampling.Yuv420, false, 1, 16)]
    [InlineData(RsgChromaSubsampling.Yuv444, false, 8, 8)]
    [InlineData(RsgChromaSubsampling.Yuv420, false, 100000, 112)]
    [InlineData(RsgChromaSubsampling.Yuv420, false, 0, 112)]
    public void StripHeightIsRoundedUpToWholeMcusAndClampedToTheImage(RsgChromaSubsampling subsampling, bool grayscale, int requested, int expected)
    {
        TestImage image = TestImages.Kodim23.Crop(0, 0, 64, 100);
        byte[] file = image.Encode(new RsgEncoderOptions { Subsampling = subsampling, Grayscale = grayscale, StripHeight = requested });
        RsgImageInfo info = RsgDecoder.Identify(file);
        Assert.Equal(expected, info.StripHeight);
        Assert.Equal((100 + expected - 1) / expected, info.StripCount);
        Assert.Equal(info.StripCount, RsgContainer.Chunks(file).Count(c => c.TypeText == "STRP"));
    }

    [Fact]
    public void DefaultStripHeightSplitsLargeImagesIntoAboutAMegapixelPerStrip()
    {
        // 2048x768 gray: 256 MCUs of 8x8 per MCU row, so about a megapixel is 64 MCU rows (512 rows).
        byte[] pixels = new byte[2048 * 768];
        new Random(3).NextBytes(pixels);
        RsgImageInfo info = RsgDecoder.Identify(RsgEncoder.Encode(pixels, 2048, 768, 2048, RsgPixelFormat.Gray8,
            new RsgEncoderOptions { Regions = [new RsgRegion(1, RsgRegionMode.DcOnly)] }));
        Assert.True(info.StripCount > 1, "a 2-megapixel image is one strip");
        Assert.InRange((long)info.StripHeight * 2048, 1L << 19, 1L << 21);
    }

    [Fact]
    public void AncillaryChunksAnywhereAfterTheHeaderAreSkipped()
    {
        byte[] file = StreamingDecodeTests.File("rgb420-cell1");
        RsgImage reference = RsgDecoder.Decode(file);
        byte[] withAncillary = RsgContainer.Rewrite(file, chunks =>
        {
            int strips = chunks.Count(c => c.TypeText == "STRP");
            chunks.Insert(chunks.Count - 1, new EditableChunk("zzZz", new byte[1000]));
            chunks.Insert(2 + (strips / 2), new EditableChunk("abcd", []));
            chunks.Insert(3, new EditableChunk("tEXt", "Comment\0made by the test suite"u8.ToArray()));
            chunks.Insert(2, new EditableChunk("tIME", [7, 232, 6, 1, 12, 0, 0]));
            chunks.Insert(1, new EditableChunk("xYzW", [1, 2, 3]));
        });
        Assert.Equal(5, RsgContainer.Chunks(withAncillary).Count(c => char.IsLower(c.TypeText[0])));

        foreach ((string name, var decode) in DecodePaths.All)
        {
            Assert.Equal(reference.Width, decode(withAncillary, null).Width);
        }

        Assert.Equal(reference.Pixels, DecodePaths.Memory(withAncillary, 4).Pixels);
        Assert.Equal(reference.Labels.Labels, DecodePaths.Memory(withAncillary, 4).Labels.Labels);
        Assert.Equal(reference.Pixels, DecodePaths.Stream(withAncillary, 1).Pixels);
        Assert.Equal(reference.Labels.Labels, DecodePaths.PipePrefilled(withAncillary).Labels.Labels);
        Assert.Equal(reference.Info.Regions, RsgDecoder.Identify(withAncillary).Regions);
    }

    [Fact]
    public void AncillaryChunksAreStillCrcChecked()
    {
        byte[] file = RsgContainer.Rewrite(MalformedInputTests.Small, chunks =>
        {
            var text = new EditableChunk("tEXt", "Title\0x"u8.ToArray());
            text.Crc ^= 1;
            chunks.Insert(3, text);
        });
        RsgChunk inserted = RsgContainer.Chunks(file)[3];
        MalformedInputTests.AssertRejected(file, RsgError.BadCrc, DecodePaths.All, at: (inserted.Offset, inserted.End - 1));
    }

    [Fact]
    public void HandBuiltFileFromTheEncodersStripPayloadsDecodesTheSame()
    {
        // Rebuild a file from scratch (header from HeaderData, region table bytes, strip payloads) and
        // check the decoder reads it the same: the tests' picture of the layout matches the codec's.
        byte[] file = MalformedInputTests.Small;
        List<EditableChunk> chunks = RsgContainer.Parse(file);
        var rebuilt = new List<EditableChunk>
        {
            new("RHDR", RsgContainer.HeaderData(40, 40, colorModel: 3, subsampling: 1, maskCellLog2: 2, stripMcuRows: 1, regionCount: 2, flags: 0x02, tableSet: 1)),
            new("RTAB", [50, 0, 90, 0]),
        };
        foreach (EditableChunk strip in chunks.Where(c => c.TypeText == "STRP"))
        {
            rebuilt.Add(new EditableChunk("STRP", RsgContainer.StripData(strip.StripIndex, strip.Data.AsSpan(4))));
        }

        rebuilt.Add(new EditableChunk("REND", []));
        byte[] handBuilt = RsgContainer.Build(rebuilt);
        Assert.Equal(file, handBuilt);
        Assert.Equal(RsgDecoder.Decode(file).Pixels, RsgDecoder.Decode(handBuilt).Pixels);
    }

    [Fact]
    public void StripChunksStartWithTheirBigEndianIndex()
    {
        byte[] file = StreamingDecodeTests.File("gray-cell4");
        int expected = 0;
        foreach (EditableChunk strip in RsgContainer.Parse(file).Where(c => c.TypeText == "STRP"))
        {
            Assert.Equal((uint)expected++, BinaryPrimitives.ReadUInt32BigEndian(strip.Data));
        }

        Assert.Equal(32, expected);
    }
}
