using System.Text;

namespace RegionCodec.Tests;

/// <summary>
/// iCCP, eXIf, xMPp and rNAM (spec/rsg.md §3.3, §4.8–§4.11): written by the encoder, read back
/// verbatim by every decode path, and ignored exactly as the spec's table says when misplaced,
/// duplicated or malformed, without changing a pixel.
/// </summary>
public sealed class MetadataChunkTests
{
    private static readonly RsgRegion[] NamedRegions = [new(25, Name: "background"), new(90, Name: "face")];

    private static byte[] EncodeAstronaut(RsgImageMetadata? metadata, RsgRegion[]? regions = null, int stripHeight = 64)
    {
        TestImage image = TestImages.Astronaut256;
        RsgLabelMap? labels = regions is null ? null : Ellipse(image.Width, image.Height);
        return image.Encode(new RsgEncoderOptions { Regions = regions, Metadata = metadata, StripHeight = stripHeight }, labels);
    }

    private static RsgLabelMap Ellipse(int width, int height)
    {
        var map = RsgLabelMap.Uniform(width, height, 8);
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                double dx = (x - (map.Width / 2.0)) / (map.Width / 3.0), dy = (y - (map.Height / 2.0)) / (map.Height / 2.5);
                map.Labels[(y * map.Width) + x] = (byte)(dx * dx + dy * dy < 1 ? 1 : 0);
            }
        }

        return map;
    }

    [Fact]
    public void RealProfileExifAndXmpRoundTripVerbatimByEveryPath()
    {
        byte[] exif = TestMetadata.ExifOrientation6();
        byte[] file = EncodeAstronaut(TestMetadata.All(), NamedRegions);
        foreach ((string name, Func<byte[], RsgDecoderOptions?, RsgImageInfo> decode) in DecodePaths.All)
        {
            RsgImageInfo info = decode(file, null);
            Assert.True(TestMetadata.Icc.AsSpan().SequenceEqual(info.Metadata.IccProfile), name);
            Assert.Equal(exif, info.Metadata.Exif);
            Assert.Equal(6, RsgImageMetadata.ExifOrientation(info.Metadata.Exif));
            Assert.Equal(TestMetadata.Xmp, info.Metadata.Xmp);
            Assert.Equal(["background", "face"], info.Regions.Select(r => r.Name));
            Assert.Equal([25, 90], info.Regions.Select(r => r.Quality));
        }

        RsgImageInfo identified = RsgDecoder.Identify(file);
        Assert.Equal(TestMetadata.Icc, identified.Metadata.IccProfile);
        Assert.Equal("face", identified.Regions[1].Name);
        Assert.Equal(TestMetadata.Icc, RsgDecoder.DecodeScaled(file, 4).Info.Metadata.IccProfile);
    }

    [Fact]
    public void MetadataChangesNoPixelAndLandsBetweenRegionTableAndFirstStrip()
    {
        byte[] plain = EncodeAstronaut(null, [new(25), new(90)]);
        byte[] rich = EncodeAstronaut(TestMetadata.All(), NamedRegions);
        Assert.Equal(RsgDecoder.Decode(plain).Pixels, RsgDecoder.Decode(rich).Pixels);
        Assert.Equal(["RHDR", "RTAB", "iCCP", "eXIf", "xMPp", "rNAM", "STRP"], RsgContainer.Chunks(rich).Take(7).Select(c => c.TypeText));
        Assert.Equal(["RHDR", "RTAB", "STRP"], RsgContainer.Chunks(plain).Take(3).Select(c => c.TypeText));
        Assert.True(RsgDecoder.Decode(plain).Info.Metadata.IsEmpty);
    }

    [Fact]
    public void StreamingSinkGetsNamesAndMetadataBeforeTheFirstRow()
    {
        byte[] file = EncodeAstronaut(TestMetadata.All(), NamedRegions);
        var sink = new RecordingSink();
        RsgDecoder.Decode(new MemoryStream(file), sink);
        Assert.NotNull(sink.InfoAtFirstRow);
        Assert.Equal(TestMetadata.Xmp, sink.InfoAtFirstRow!.Metadata.Xmp);
        Assert.Equal("background", sink.InfoAtFirstRow.Regions[0].Name);
    }

    [Theory]
    [InlineData("é", 1)]
    [InlineData("日本語", 1)]
    [InlineData("😀 face", 1)]
    public void MultiByteNamesRoundTrip(string name, int label)
    {
        RsgRegion[] regions = [new(30), new(80, Name: name)];
        RsgImageInfo info = RsgDecoder.Decode(EncodeAstronaut(null, regions)).Info;
        Assert.Null(info.Regions[0].Name);
        Assert.Equal(name, info.Regions[label].Name);
    }

    [Fact]
    public void EncoderRefusesWhatADecoderWouldIgnore()
    {
        TestImage image = TestImages.Astronaut256;
        byte[] withPrefix = [.. "Exif\0\0"u8, .. TestMetadata.ExifOrientation6()];
        byte[] shortIcc = TestMetadata.Icc[..100];
        Assert.Throws<ArgumentException>(() => image.Encode(new RsgEncoderOptions { Metadata = new RsgImageMetadata { Exif = withPrefix } }));
        Assert.Throws<ArgumentException>(() => image.Encode(new RsgEncoderOptions { Metadata = new RsgImageMetadata { IccProfile = shortIcc } }));
        Assert.Throws<ArgumentException>(() => image.Encode(new RsgEncoderOptions { Metadata = new RsgImageMetadata { Xmp = [0xC3, 0x28] } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Encode(new RsgEncoderOptions { Regions = [new(50, Name: new string('x', 256))] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Encode(new RsgEncoderOptions { Regions = [new(50, Name: "a\0b")] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Encode(new RsgEncoderOptions { Regions = [new(50, Name: "\ud800")] }));
        Assert.Equal(255, System.Text.Encoding.UTF8.GetByteCount(new string('é', 127) + "x"));
        Assert.Equal(new string('é', 127) + "x", RsgDecoder.Decode(image.Encode(new RsgEncoderOptions { Regions = [new(50, Name: new string('é', 127) + "x")] })).Info.Regions[0].Name);
    }

    /// <summary>Each row of the spec's table (§3.3), as chunk edits on a file with two strips, checked on every decode path.</summary>
    public static TheoryData<string> IgnoreCases() => new(IgnoreTable.Keys);

    private static readonly Dictionary<string, (Func<List<EditableChunk>, List<EditableChunk>> Edit, bool Icc, bool Exif, bool Xmp, string?[]? Names)> IgnoreTable = new()
    {
        ["icc after the first strip is misplaced"] = (c => Insert(c, "STRP", 1, new EditableChunk("iCCP", TestMetadata.Icc)), false, false, false, null),
        ["icc before RTAB counts"] = (c => Insert(c, "RTAB", 0, new EditableChunk("iCCP", TestMetadata.Icc)), true, false, false, null),
        ["rNAM before RTAB is misplaced"] = (c => Insert(c, "RTAB", 0, new EditableChunk("rNAM", [1, (byte)'a', 1, (byte)'b'])), false, false, false, null),
        ["rNAM after the first strip is misplaced"] = (c => Insert(c, "STRP", 1, new EditableChunk("rNAM", [1, (byte)'a', 1, (byte)'b'])), false, false, false, null),
        ["rNAM after RTAB counts"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 0])), false, false, false, ["a", null]),
        ["misplaced rNAM does not count as the first"] = (c => Insert(Insert(c, "RTAB", 0, new EditableChunk("rNAM", [1, (byte)'x', 0])), "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 1, (byte)'b'])), false, false, false, ["a", "b"]),
        ["duplicate xmp: the first counts"] = (c => Insert(Insert(c, "STRP", 0, new EditableChunk("xMPp", TestMetadata.Xmp)), "STRP", 0, new EditableChunk("xMPp", [0xFF])), false, false, true, null),
        ["duplicate icc: the first counts"] = (c => Insert(Insert(c, "STRP", 0, new EditableChunk("iCCP", TestMetadata.Icc)), "STRP", 0, new EditableChunk("iCCP", TestMetadata.Icc[..64])), true, false, false, null),
        ["malformed first exif hides a good duplicate"] = (c => Insert(Insert(c, "STRP", 0, new EditableChunk("eXIf", [.. "II*\0"u8])), "STRP", 0, new EditableChunk("eXIf", TestMetadata.ExifOrientation6())), false, false, false, null),
        ["malformed first rNAM hides a good duplicate"] = (c => Insert(Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a'])), "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 1, (byte)'b'])), false, false, false, null),
        ["rNAM with a byte left over"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 1, (byte)'b', 0])), false, false, false, null),
        ["rNAM name past its end"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 5, (byte)'b'])), false, false, false, null),
        ["rNAM empty"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [])), false, false, false, null),
        ["rNAM invalid UTF-8"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 2, 0xC3, 0x28])), false, false, false, null),
        ["rNAM overlong UTF-8"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 2, 0xC0, 0xAF])), false, false, false, null),
        ["rNAM with NUL in a name"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [1, (byte)'a', 2, (byte)'b', 0])), false, false, false, null),
        ["rNAM all empty reports no names"] = (c => Insert(c, "STRP", 0, new EditableChunk("rNAM", [0, 0])), false, false, false, null),
        ["exif with the JPEG prefix"] = (c => Insert(c, "STRP", 0, new EditableChunk("eXIf", [.. "Exif\0\0"u8, .. TestMetadata.ExifOrientation6()])), false, false, false, null),
        ["exif of 7 bytes"] = (c => Insert(c, "STRP", 0, new EditableChunk("eXIf", [.. "II*\0"u8, 8, 0, 0])), false, false, false, null),
        ["exif big-endian header counts"] = (c => Insert(c, "STRP", 0, new EditableChunk("eXIf", [.. "MM\0*"u8, 0, 0, 0, 8])), false, true, false, null),
        ["icc size field off by one"] = (c => Insert(c, "STRP", 0, new EditableChunk("iCCP", [.. TestMetadata.Icc, 0])), false, false, false, null),
        ["icc without acsp"] = (c => Insert(c, "STRP", 0, new EditableChunk("iCCP", Patch(TestMetadata.Icc, 36, (byte)'x'))), false, false, false, null),
        ["xmp invalid UTF-8 keeps the good icc"] = (c => Insert(Insert(c, "STRP", 0, new EditableChunk("iCCP", TestMetadata.Icc)), "STRP", 0, new EditableChunk("xMPp", [0xFF])), true, false, false, null),
        ["xmp empty"] = (c => Insert(c, "STRP", 0, new EditableChunk("xMPp", [])), false, false, false, null),
        ["xmp with a surrogate encoded"] = (c => Insert(c, "STRP", 0, new EditableChunk("xMPp", [0xED, 0xA0, 0x80])), false, false, false, null),
    };

    [Theory]
    [MemberData(nameof(IgnoreCases))]
    public void MetadataChunksAreKeptOrIgnoredAsTheSpecTableSays(string name)
    {
        (Func<List<EditableChunk>, List<EditableChunk>> edit, bool icc, bool exif, bool xmp, string?[]? names) = IgnoreTable[name];
        byte[] plain = EncodeAstronaut(null, [new(25), new(90)]);
        byte[] edited = RsgContainer.Build(edit(RsgContainer.Parse(plain)));
        byte[] pixels = RsgDecoder.Decode(plain).Pixels;
        foreach ((string path, Func<byte[], RsgDecoderOptions?, RsgImageInfo> decode) in DecodePaths.Fast)
        {
            RsgImageInfo info = decode(edited, null);
            Assert.True(icc == info.Metadata.IccProfile is not null, $"{name}: ICC via {path}");
            Assert.True(exif == info.Metadata.Exif is not null, $"{name}: EXIF via {path}");
            Assert.True(xmp == info.Metadata.Xmp is not null, $"{name}: XMP via {path}");
            Assert.Equal(names ?? [null, null], info.Regions.Select(r => r.Name));
        }

        Assert.Equal(pixels, RsgDecoder.Decode(edited).Pixels);
        Assert.Equal(names ?? [null, null], RsgDecoder.Identify(edited).Regions.Select(r => r.Name));
    }

    [Fact]
    public void BadCrcOnAMetadataChunkIsR3AtItsCrc()
    {
        byte[] file = EncodeAstronaut(TestMetadata.All());
        List<EditableChunk> chunks = RsgContainer.Parse(file);
        EditableChunk xmp = chunks.Single(c => c.TypeText == "xMPp");
        xmp.Crc ^= 1;
        byte[] broken = RsgContainer.Build(chunks);
        foreach ((string path, Func<byte[], RsgDecoderOptions?, RsgImageInfo> decode) in DecodePaths.Fast)
        {
            RsgFormatException e = Assert.Throws<RsgFormatException>(() => decode(broken, null));
            Assert.Equal(RsgError.BadCrc, e.Error);
            Assert.Equal(xmp.Offset + 8 + xmp.Data.Length, e.Offset);
        }
    }

    [Fact]
    public void MetadataChunkLongerThanTheAncillaryLimitIsR7BeforeItsDataIsRead()
    {
        byte[] file = EncodeAstronaut(null);
        int at = RsgContainer.EndOfRegionTable(file);
        byte[] head = [0x01, 0x00, 0x00, 0x01, (byte)'i', (byte)'C', (byte)'C', (byte)'P'];
        byte[] broken = [.. file[..at], .. head, .. file[at..]];
        RsgFormatException e = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(broken));
        Assert.Equal(RsgError.BadChunkLength, e.Error);
        Assert.Equal(at, e.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0, 0, 0, 0 }, 3)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0, 0, 0, 0 }, 8)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0xFF, 0xFF, 0x00, 0x00 }, null)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0xFF, 0x00 }, null)]
    public void ExifOrientationIsReadFromIfd0OrNull(byte[] exif, int? expected) =>
        Assert.Equal(expected, RsgImageMetadata.ExifOrientation(exif));

    private static List<EditableChunk> Insert(List<EditableChunk> chunks, string before, int occurrence, EditableChunk chunk)
    {
        int index = chunks.Select((c, i) => (c, i)).Where(p => p.c.TypeText == before).Skip(occurrence).First().i;
        chunks.Insert(index, chunk);
        return chunks;
    }

    private static byte[] Patch(byte[] data, int at, byte value)
    {
        byte[] copy = [.. data];
        copy[at] = value;
        return copy;
    }

    private sealed class RecordingSink : IRsgRowSink
    {
        private RsgImageInfo? _info;

        public RsgImageInfo? InfoAtFirstRow { get; private set; }

        public void OnInfo(RsgImageInfo info) => _info = info;

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride) => InfoAtFirstRow ??= _info;

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
        {
        }
    }
}
