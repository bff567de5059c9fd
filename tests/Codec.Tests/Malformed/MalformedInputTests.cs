using System.Buffers.Binary;

namespace RegionCodec.Tests;

/// <summary>
/// Hostile and broken files: each is rejected with the RsgError of the rule it breaks, at an offset
/// inside the file, by every decode path; nothing but <see cref="RsgFormatException"/> ever escapes.
/// </summary>
public class MalformedInputTests
{
    /// <summary>40x40 RGB 4:2:0, two regions on a 4-pixel mask, 16-row strips: 3 strips, a few hundred bytes.</summary>
    private static readonly Lazy<byte[]> LazySmall = new(() => TestImages.Astronaut.Crop(230, 200, 40, 40).Encode(
        new RsgEncoderOptions { Regions = [new(50), new(90)], StripHeight = 16 },
        RegionQualityTests.RectLabels(40, 40, 4, new(8, 12, 28, 32))));

    /// <summary>24x20 gray, one region, 8-row strips: 3 strips.</summary>
    private static readonly Lazy<byte[]> LazySmallGray = new(() => TestImages.Camera.Crop(200, 150, 24, 20).Encode(
        new RsgEncoderOptions { Quality = 80, StripHeight = 8 }));

    internal static byte[] Small => LazySmall.Value;

    internal static byte[] SmallGray => LazySmallGray.Value;

    [Fact]
    public void TheSmallFilesAreValidAndHaveSeveralStrips()
    {
        foreach (byte[] file in new[] { Small, SmallGray })
        {
            List<RsgChunk> chunks = RsgContainer.Parse(file);
            Assert.Equal(["RHDR", "RTAB", "STRP", "STRP", "STRP", "REND"], chunks.Select(c => c.TypeText));
            Assert.All(chunks, c => Assert.True(c.CrcIsValid));
            foreach ((string name, var decode) in DecodePaths.All)
            {
                RsgImageInfo info = decode(file, null);
                Assert.True(info.StripCount == 3, name);
            }
        }
    }

    // ---------------------------------------------------------------- signature

    public static TheoryData<string> NotRsg => new() { "png", "empty", "gif", "text", "one byte off", "newline converted", "leading byte", "just 0x89" };

    [Theory]
    [MemberData(nameof(NotRsg))]
    public void WrongSignatureIsBadSignature(string kind)
    {
        byte[] file = kind switch
        {
            "png" => System.IO.File.ReadAllBytes(TestImages.DataPath("camera.png")),
            "empty" => [],
            "gif" => System.Text.Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            "text" => System.Text.Encoding.ASCII.GetBytes("this is not an image, it is a sentence long enough to hold chunks"),
            "one byte off" => [.. Small[..3], (byte)'H', .. Small[4..]],
            "newline converted" => [.. Small[..4], .. Small[5..]], // CR LF -> LF
            "leading byte" => [0, .. Small],
            "just 0x89" => [0x89, 0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        AssertRejected(file, RsgError.BadSignature, DecodePaths.All, at: (0, 0));
        AssertRejectedByIdentify(file, RsgError.BadSignature);
    }

    [Fact]
    public void EveryBytePositionOfTheSignatureIsChecked()
    {
        for (int i = 0; i < 8; i++)
        {
            byte[] file = (byte[])Small.Clone();
            file[i] ^= 0x20;
            AssertRejected(file, RsgError.BadSignature, DecodePaths.Fast, at: (0, 0));
        }
    }

    // ---------------------------------------------------------------- truncation

    [Fact]
    public void TruncationAtEveryOffsetIsTruncated()
    {
        byte[] file = Small;
        for (int length = 1; length < file.Length; length++)
        {
            AssertRejected(file[..length], RsgError.Truncated, DecodePaths.Fast);
        }

        // The empty prefix cannot be checked against the signature.
        foreach ((string name, var decode) in DecodePaths.Fast)
        {
            RsgFormatException e = Assert.Throws<RsgFormatException>(() => decode([], null));
            Assert.True(e.Error is RsgError.Truncated or RsgError.BadSignature, $"{name}: {e.Error}");
            Assert.Equal(0, e.Offset);
        }
    }

    [Fact]
    public void TruncationAtEveryOffsetIsTruncatedForTheFedPipeAndDecodeInto()
    {
        byte[] file = SmallGray;
        var paths = DecodePaths.All.Where(p => p.Name.Contains("fed") || p.Name.Contains("Into")).ToArray();
        Assert.Equal(2, paths.Length);
        for (int length = 1; length < file.Length; length++)
        {
            AssertRejected(file[..length], RsgError.Truncated, paths);
        }
    }

    [Fact]
    public void MissingRendIsTruncated()
    {
        List<RsgChunk> chunks = RsgContainer.Parse(Small);
        byte[] file = RsgContainer.Build(chunks.Take(chunks.Count - 1));
        AssertRejected(file, RsgError.Truncated, DecodePaths.All, at: (file.Length, file.Length));
    }

    // ---------------------------------------------------------------- CRC

    [Fact]
    public void FlippingADataByteOfAnyChunkIsBadCrc()
    {
        List<RsgChunk> chunks = RsgContainer.Parse(Small);
        for (int i = 0; i < chunks.Count; i++)
        {
            RsgChunk chunk = chunks[i];
            byte[] file = (byte[])Small.Clone();

            // REND has no data: flip a CRC byte instead.
            int position = chunk.Data.Length == 0 ? (int)chunk.Offset + 8 : (int)chunk.Offset + 8 + (chunk.Data.Length / 2);
            file[position] ^= 0x10;
            AssertRejected(file, RsgError.BadCrc, DecodePaths.All, at: (chunk.Offset, chunk.Offset + chunk.Size - 1));
        }
    }

    [Fact]
    public void FlippingACrcByteOfAnyChunkIsBadCrc()
    {
        foreach (RsgChunk chunk in RsgContainer.Parse(SmallGray))
        {
            for (int k = 0; k < 4; k++)
            {
                byte[] file = (byte[])SmallGray.Clone();
                file[chunk.Offset + chunk.Size - 4 + k] ^= 0x01;
                AssertRejected(file, RsgError.BadCrc, DecodePaths.Fast, at: (chunk.Offset, chunk.Offset + chunk.Size - 1));
            }
        }
    }

    // ---------------------------------------------------------------- chunk types

    [Theory]
    [InlineData(1, 2, (byte)'4')]
    [InlineData(1, 0, (byte)'@')]
    [InlineData(1, 3, (byte)'[')]
    [InlineData(2, 1, (byte)0x00)]
    [InlineData(3, 3, (byte)0xD4)]
    [InlineData(5, 0, (byte)' ')]
    [InlineData(0, 3, (byte)'`')]
    public void NonLetterInAChunkTypeIsBadChunkType(int chunkIndex, int typeByte, byte value)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            RsgChunk c = chunks[chunkIndex];
            c.Type[typeByte] = value;
            c.Recrc();
        });
        long offset = RsgContainer.Parse(Small)[chunkIndex].Offset;
        AssertRejected(file, RsgError.BadChunkType, DecodePaths.All, at: (offset, offset + 7));
    }

    [Theory]
    [InlineData("RXYZ", 2)]
    [InlineData("ALPH", 3)]
    [InlineData("QQQQ", 5)]
    [InlineData("Strp", 4)]
    public void UnknownCriticalChunkIsRejected(string type, int insertAt)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks => chunks.Insert(insertAt, new RsgChunk(type, [1, 2, 3, 4, 5])));
        RsgChunk inserted = RsgContainer.Parse(file)[insertAt];
        Assert.True(inserted.CrcIsValid);
        AssertRejected(file, RsgError.UnknownCriticalChunk, DecodePaths.All, at: (inserted.Offset, inserted.Offset + inserted.Size - 1));
    }

    [Fact]
    public void OversizedAncillaryChunkIsRejectedFromItsHeadAlone()
    {
        // Declares one byte more than an ancillary chunk may hold, and brings almost none of it.
        int end = RsgContainer.EndOfRegionTable(Small);
        byte[] head = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(head, RsgConstants.MaxAncillaryChunkLength + 1u);
        "tEXt"u8.CopyTo(head.AsSpan(4));
        byte[] file = [.. Small.AsSpan(0, end), .. head, .. new byte[16]];
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (end, end + 7));
    }

    [Fact]
    public void AncillaryChunkBeforeTheHeaderIsChunkOrder()
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks => chunks.Insert(0, new RsgChunk("tEXt", "Comment\0hi"u8.ToArray())));
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All, at: (8, 8 + 7));
    }

    // ---------------------------------------------------------------- RHDR

    public static TheoryData<string, RsgError> HeaderMutations => new()
    {
        { "version 0", RsgError.BadHeader },
        { "version 2", RsgError.BadHeader },
        { "width 0", RsgError.BadHeader },
        { "height 0", RsgError.BadHeader },
        { "width 2^24", RsgError.BadHeader },
        { "height 2^32-1", RsgError.BadHeader },
        { "colour model 0", RsgError.BadHeader },
        { "colour model 2", RsgError.BadHeader },
        { "colour model 4", RsgError.BadHeader },
        { "subsampling 2", RsgError.BadHeader },
        { "subsampling 1 with gray", RsgError.BadHeader },
        { "mask cell log2 4", RsgError.BadHeader },
        { "mask cell log2 255", RsgError.BadHeader },
        { "strip rows 0", RsgError.BadHeader },
        { "region count 0", RsgError.BadHeader },
        { "reserved flag 0x04", RsgError.BadHeader },
        { "reserved flag 0x80", RsgError.BadHeader },
        { "reserved and alpha flags 0x05", RsgError.BadHeader },
        { "alpha flag", RsgError.Unsupported },
        { "alpha and deblocking flags 0x03", RsgError.Unsupported },
        { "table set 2", RsgError.BadHeader },
        { "table set 255", RsgError.BadHeader },
    };

    [Theory]
    [MemberData(nameof(HeaderMutations))]
    public void HeaderFieldOutOfRangeIsRejected(string mutation, RsgError expected)
    {
        byte[] file = RsgContainer.RewriteHeader(Small, d =>
        {
            switch (mutation)
            {
                case "version 0": d[0] = 0; break;
                case "version 2": d[0] = 2; break;
                case "width 0": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 0); break;
                case "height 0": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), 0); break;
                case "width 2^24": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 1u << 24); break;
                case "height 2^32-1": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), uint.MaxValue); break;
                case "colour model 0": d[9] = 0; break;
                case "colour model 2": d[9] = 2; break;
                case "colour model 4": d[9] = 4; break;
                case "subsampling 2": d[10] = 2; break;
                case "subsampling 1 with gray": Assert.Equal(1, d[10]); d[9] = 1; break;
                case "mask cell log2 4": d[11] = 4; break;
                case "mask cell log2 255": d[11] = 255; break;
                case "strip rows 0": d[12] = 0; d[13] = 0; break;
                case "region count 0": d[14] = 0; break;
                case "reserved flag 0x04": d[15] = 0x04; break;
                case "reserved flag 0x80": d[15] = 0x80; break;
                case "reserved and alpha flags 0x05": d[15] = 0x05; break;
                case "alpha flag": d[15] = 0x01; break;
                case "table set 2": d[16] = 2; break;
                case "alpha and deblocking flags 0x03": d[15] = 0x03; break;
                case "table set 255": d[16] = 255; break;
                default: throw new ArgumentOutOfRangeException(nameof(mutation));
            }
        });

        // RHDR occupies bytes 8..36 (length, type, 17 data bytes, CRC).
        AssertRejected(file, expected, DecodePaths.All, at: (8, 8 + 12 + 17 - 1));
        AssertRejectedByIdentify(file, expected);
    }

    [Fact]
    public void HeaderForGrayWithSubsamplingIsRejectedInAGrayFileToo()
    {
        byte[] file = RsgContainer.RewriteHeader(SmallGray, d =>
        {
            Assert.Equal(1, d[9]);
            d[10] = 1;
        });
        AssertRejected(file, RsgError.BadHeader, DecodePaths.All, at: (8, 36));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(0)]
    public void HeaderOfTheWrongLengthIsBadChunkLength(int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            byte[] data = new byte[length];
            chunks[0].Data.AsSpan(0, Math.Min(length, 17)).CopyTo(data);
            chunks[0] = chunks[0].WithData(data);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (8, 8 + 12 + length - 1));
    }

    // ---------------------------------------------------------------- RTAB

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 101)]
    [InlineData(1, 0, 255)]
    [InlineData(0, 1, 2)]
    [InlineData(1, 1, 2)]
    [InlineData(1, 1, 255)]
    public void RegionTableEntryOutOfRangeIsBadRegionTable(int entry, int field, byte value)
    {
        byte[] file = RsgContainer.RewriteRegionTable(Small, d => d[(2 * entry) + field] = value);
        RsgChunk table = RsgContainer.Parse(file)[1];
        AssertRejected(file, RsgError.BadRegionTable, DecodePaths.All, at: (table.Offset, table.Offset + table.Size - 1));
        AssertRejectedByIdentify(file, RsgError.BadRegionTable);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(3)]
    public void RegionTableOfTheWrongLengthIsBadChunkLength(int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            byte[] data = new byte[length];
            data.AsSpan().Fill(50);
            chunks[1] = chunks[1].WithData(data);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (37, 37 + 12 + length - 1));
    }

    // ---------------------------------------------------------------- chunk order

    public static TheoryData<string> OrderMutations => new()
    {
        "strips swapped", "strip 0 twice", "strip 1 missing", "last strip missing", "REND early", "REND first after RTAB",
        "STRP before RTAB", "RTAB missing", "RTAB twice", "RHDR twice", "RTAB first", "strip index renumbered",
    };

    [Theory]
    [MemberData(nameof(OrderMutations))]
    public void ChunksOutOfOrderAreChunkOrder(string mutation)
    {
        List<RsgChunk> original = RsgContainer.Parse(Small);
        RsgChunk hdr = original[0], tab = original[1], s0 = original[2], s1 = original[3], s2 = original[4], end = original[5];
        List<RsgChunk> chunks = mutation switch
        {
            "strips swapped" => [hdr, tab, s1, s0, s2, end],
            "strip 0 twice" => [hdr, tab, s0, s0, s1, s2, end],
            "strip 1 missing" => [hdr, tab, s0, s2, end],
            "last strip missing" => [hdr, tab, s0, s1, end],
            "REND early" => [hdr, tab, s0, end, s1, s2, end],
            "REND first after RTAB" => [hdr, tab, end],
            "STRP before RTAB" => [hdr, s0, tab, s1, s2, end],
            "RTAB missing" => [hdr, s0, s1, s2, end],
            "RTAB twice" => [hdr, tab, tab, s0, s1, s2, end],
            "RHDR twice" => [hdr, hdr, tab, s0, s1, s2, end],
            "RTAB first" => [tab, hdr, s0, s1, s2, end],
            "strip index renumbered" => [hdr, tab, s0, Renumber(s1, 7), s2, end],
            _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
        };

        byte[] file = RsgContainer.Build(chunks);
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All);
    }

    [Fact]
    public void ExtraStripAfterTheLastOneIsRejected()
    {
        // A fourth strip in a three-strip image. The decoder bounds a surplus strip's length before
        // buffering it, so this may surface as the length rule; either way it must not be decoded.
        List<RsgChunk> c = RsgContainer.Parse(Small);
        byte[] file = RsgContainer.Build([c[0], c[1], c[2], c[3], c[4], Renumber(c[4], 3), c[5]]);
        RsgFormatException e = AssertRejected(file, null, DecodePaths.All);
        Assert.True(e.Error is RsgError.ChunkOrder or RsgError.BadChunkLength, $"{e.Error}: {e.Message}");

        // Same with only the 4-byte index: then the length is fine and only the order is wrong.
        byte[] bare = RsgContainer.Build([c[0], c[1], c[2], c[3], c[4], new RsgChunk("STRP", RsgContainer.StripData(3, [])), c[5]]);
        AssertRejected(bare, RsgError.ChunkOrder, DecodePaths.All);
    }

    [Theory]
    [InlineData("STRP", 0)]
    [InlineData("STRP", 3)]
    [InlineData("REND", 1)]
    public void ChunkDataTooShortOrTooLongIsBadChunkLength(string type, int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            int i = chunks.FindIndex(ch => ch.TypeText == type);
            chunks[i] = chunks[i].WithData(chunks[i].Data.Length >= length ? chunks[i].Data[..length] : new byte[length]);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All);
    }

    [Fact]
    public void StripDeclaringMoreThanItsBoundIsRejectedBeforeBuffering()
    {
        // 40x40 4:2:0: a strip chunk can never need megabytes. Only the head arrives.
        int end = RsgContainer.EndOfRegionTable(Small);
        byte[] head = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(head, 100_000_000);
        "STRP"u8.CopyTo(head.AsSpan(4));
        byte[] file = [.. Small.AsSpan(0, end), .. head];
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (end, end + 7));
    }

    // ---------------------------------------------------------------- limits

    [Theory]
    [InlineData("MaxWidth")]
    [InlineData("MaxHeight")]
    [InlineData("MaxPixels")]
    public void ImageLargerThanTheDecoderLimitsIsLimitExceeded(string limit)
    {
        byte[] file = Small; // 40x40
        RsgDecoderOptions tooSmall = limit switch
        {
            "MaxWidth" => new RsgDecoderOptions { MaxWidth = 39 },
            "MaxHeight" => new RsgDecoderOptions { MaxHeight = 39 },
            _ => new RsgDecoderOptions { MaxPixels = (40 * 40) - 1 },
        };
        RsgDecoderOptions justEnough = limit switch
        {
            "MaxWidth" => new RsgDecoderOptions { MaxWidth = 40 },
            "MaxHeight" => new RsgDecoderOptions { MaxHeight = 40 },
            _ => new RsgDecoderOptions { MaxPixels = 40 * 40 },
        };

        AssertRejected(file, RsgError.LimitExceeded, DecodePaths.All, tooSmall, at: (8, 36));
        Assert.Equal(RsgError.LimitExceeded, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file, tooSmall)).Error);
        foreach ((string name, var decode) in DecodePaths.All)
        {
            Assert.True(decode(file, justEnough).Width == 40, name);
        }
    }

    [Fact]
    public void DecompressionBombFailsWithoutAllocatingTheImage()
    {
        // 16000x16000 RGB (768 MB of pixels) within the default limits, then a strip chunk that declares
        // 1 MB but brings 64 bytes. Every path must see the truncation before allocating the image.
        byte[] headerAndTable = RsgContainer.Build(
        [
            new RsgChunk("RHDR", RsgContainer.HeaderData(16000, 16000, colorModel: 3, subsampling: 1, maskCellLog2: 3, stripMcuRows: 1, regionCount: 1)),
            new RsgChunk("RTAB", [75, 0]),
        ]);
        byte[] stripHead = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(stripHead, 1_000_000);
        "STRP"u8.CopyTo(stripHead.AsSpan(4));
        byte[] payload = new byte[64];
        new Random(5).NextBytes(payload);
        byte[] truncatedStrip = [.. headerAndTable, .. stripHead, .. payload];

        RsgImageInfo info = RsgDecoder.Identify(truncatedStrip);
        Assert.Equal(16000, info.Width);
        Assert.Equal(1000, info.StripCount);

        // A complete first strip of garbage, then nothing: the streaming paths may decode that one
        // strip (a 16-row buffer), but no path may allocate the whole image.
        byte[] oneStrip = [.. headerAndTable, .. RsgContainer.ChunkBytes("STRP", RsgContainer.StripData(0, payload))];

        foreach (byte[] file in new[] { truncatedStrip, oneStrip })
        {
            foreach ((string name, var decode) in DecodePaths.Fast)
            {
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                RsgFormatException e = Assert.Throws<RsgFormatException>(() => decode(file, null));
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(e.Error is RsgError.Truncated or RsgError.BadMask or RsgError.BadCoefficient, $"{name}: {e.Error} {e.Message}");
                if (file == truncatedStrip)
                {
                    Assert.Equal(RsgError.Truncated, e.Error);
                }

                Assert.InRange(e.Offset, 0, file.Length);
                Assert.True(allocated < 64L << 20, $"{name} allocated {allocated >> 20} MB on a {file.Length}-byte file");
            }
        }
    }

    [Fact]
    public void DecompressionBombWithOneValidStripDoesNotAllocateTheImage()
    {
        // An 88-byte file: RHDR declaring 16000x16000 RGB 4:2:0 (16-row strips, 1000 of them), RTAB, then a
        // genuinely valid strip 0 (taken from a flat 16000x16 encode), then nothing. It is truncated;
        // decoding the one strip that arrived needs 16 rows (768 KB), not the 768 MB image.
        byte[] flat = new byte[16000 * 16 * 3];
        flat.AsSpan().Fill(120);
        byte[] source = RsgEncoder.Encode(flat, 16000, 16, 16000 * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = 75, StripHeight = 16 });
        RsgChunk strip0 = RsgContainer.Parse(source).Single(c => c.TypeText == "STRP");
        byte[] file = RsgContainer.Build(
        [
            new RsgChunk("RHDR", RsgContainer.HeaderData(16000, 16000, colorModel: 3, subsampling: 1, maskCellLog2: 3, stripMcuRows: 1, regionCount: 1)),
            new RsgChunk("RTAB", [75, 0]),
            strip0,
        ]);

        // The strip really is valid for this header: a row sink receives its 16 rows.
        var sink = new RecordingSinkWithoutImage();
        Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(new MemoryStream(file), sink)).Error);
        Assert.Equal(16, sink.RowsReceived);

        var failures = new List<string>();
        foreach ((string name, var decode) in DecodePaths.Fast)
        {
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            RsgFormatException e = Assert.Throws<RsgFormatException>(() => decode(file, null));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(RsgError.Truncated, e.Error);
            Assert.Equal(file.Length, e.Offset);
            if (allocated >= 64L << 20)
            {
                failures.Add($"{name} allocated {allocated >> 20} MB");
            }
        }

        Assert.True(failures.Count == 0, $"{file.Length}-byte truncated file: {string.Join("; ", failures)}");
    }

    private sealed class RecordingSinkWithoutImage : IRsgRowSink
    {
        public int RowsReceived { get; private set; }

        public void OnInfo(RsgImageInfo info)
        {
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride) => RowsReceived += rowCount;

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
        {
        }
    }

    // ---------------------------------------------------------------- random corruption

    [Fact]
    public void RandomBitFlipsOnlyEverCauseRsgFormatException()
    {
        byte[] original = Small;
        List<RsgChunk> chunks = RsgContainer.Parse(original);
        var limits = new RsgDecoderOptions { MaxWidth = 1024, MaxHeight = 1024, MaxPixels = 1 << 16 };
        var random = new Random(20240601);
        int succeeded = 0, rejected = 0;
        var errors = new HashSet<RsgError>();
        for (int trial = 0; trial < 2000; trial++)
        {
            bool recomputeCrcs = trial % 2 == 0;
            byte[] file;
            if (recomputeCrcs)
            {
                // Flip bits inside chunk data only, then make every CRC right again: the parser and the
                // entropy decoder see the damage instead of the CRC check.
                List<RsgChunk> mutated = [.. chunks.Select(c => c.Clone())];
                int flips = random.Next(1, 5);
                for (int f = 0; f < flips; f++)
                {
                    RsgChunk target = PickWeightedByLength(mutated, random);
                    int bit = random.Next(target.Data.Length * 8);
                    target.Data[bit >> 3] ^= (byte)(1 << (bit & 7));
                }

                mutated.ForEach(c => c.Recrc());
                file = RsgContainer.Build(mutated);
            }
            else
            {
                file = (byte[])original.Clone();
                int flips = random.Next(1, 5);
                for (int f = 0; f < flips; f++)
                {
                    int bit = random.Next(file.Length * 8);
                    file[bit >> 3] ^= (byte)(1 << (bit & 7));
                }
            }

            RsgImage? fromMemory = null, fromStream = null;
            RsgFormatException? memoryError = null, streamError = null;
            try
            {
                fromMemory = DecodePaths.Memory(file, parallelism: 2, limits);
            }
            catch (RsgFormatException e)
            {
                memoryError = e;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} (CRCs {(recomputeCrcs ? "recomputed" : "kept")}): Decode(memory) threw {e}\nfile: {Convert.ToHexString(file)}");
            }

            try
            {
                fromStream = DecodePaths.Stream(file, maxRead: 13, limits);
            }
            catch (RsgFormatException e)
            {
                streamError = e;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} (CRCs {(recomputeCrcs ? "recomputed" : "kept")}): Decode(stream) threw {e}\nfile: {Convert.ToHexString(file)}");
            }

            foreach (RsgFormatException? e in new[] { memoryError, streamError })
            {
                if (e is not null)
                {
                    Assert.InRange(e.Offset, 0, file.Length);
                    Assert.True(Enum.IsDefined(e.Error), $"undefined error {e.Error}");
                    errors.Add(e.Error);
                }
            }

            Assert.True((fromMemory is null) == (fromStream is null),
                $"trial {trial}: memory path {(memoryError?.Error.ToString() ?? "succeeded")}, stream path {(streamError?.Error.ToString() ?? "succeeded")}");
            if (fromMemory is not null)
            {
                succeeded++;
                AssertConsistentDimensions(fromMemory, file);
                Assert.Equal(fromMemory.Pixels, fromStream!.Pixels);
                Assert.Equal(fromMemory.Labels.Labels, fromStream.Labels.Labels);
            }
            else
            {
                rejected++;
            }
        }

        // Both outcomes happen, and the corruption reaches past the CRC check into the payload decoders
        // (measured: 614 decoded, 1386 rejected with 11 different errors).
        Assert.True(rejected > 1000, $"only {rejected} of 2000 mutations were rejected");
        Assert.True(succeeded > 0, "no mutation decoded: the recomputed-CRC half never reached the entropy decoder successfully");
        Assert.Contains(RsgError.BadCrc, errors);
        Assert.True(errors.Count >= 4, $"errors seen: {string.Join(", ", errors)}");
    }

    // ---------------------------------------------------------------- helpers

    internal static RsgFormatException AssertRejected(byte[] file, RsgError? expected,
        IEnumerable<(string Name, Func<byte[], RsgDecoderOptions?, RsgImageInfo> Decode)> paths,
        RsgDecoderOptions? options = null, (long Min, long Max)? at = null)
    {
        RsgFormatException? last = null;
        foreach ((string name, var decode) in paths)
        {
            RsgFormatException e;
            try
            {
                RsgImageInfo info = decode(file, options);
                throw new Xunit.Sdk.XunitException($"{name} accepted a {file.Length}-byte file (as {info.Width}x{info.Height}); expected {expected}");
            }
            catch (RsgFormatException caught)
            {
                e = caught;
            }
            catch (Exception other) when (other is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{name} threw {other.GetType().Name} instead of RsgFormatException on a {file.Length}-byte file: {other}");
            }

            if (expected is not null)
            {
                Assert.True(e.Error == expected, $"{name}: {e.Error} ({e.Message}); expected {expected} on a {file.Length}-byte file");
            }

            Assert.True(e.Offset >= 0 && e.Offset <= file.Length, $"{name}: offset {e.Offset} outside the {file.Length}-byte file ({e.Message})");
            if (e.Error != RsgError.Truncated)
            {
                Assert.True(e.Offset < Math.Max(1, file.Length), $"{name}: offset {e.Offset} is not inside the {file.Length}-byte file ({e.Message})");
            }

            if (at is { } range)
            {
                Assert.True(e.Offset >= range.Min && e.Offset <= range.Max, $"{name}: offset {e.Offset} outside [{range.Min}, {range.Max}] ({e.Message})");
            }

            last = e;
        }

        return last!;
    }

    private static void AssertRejectedByIdentify(byte[] file, RsgError expected)
    {
        Assert.Equal(expected, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file)).Error);
        Assert.Equal(expected, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(new TrickleStream(file, 3))).Error);
    }

    private static RsgChunk Renumber(RsgChunk strip, int index)
    {
        byte[] data = (byte[])strip.Data.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)index);
        return strip.WithData(data);
    }

    private static RsgChunk PickWeightedByLength(List<RsgChunk> chunks, Random random)
    {
        int total = chunks.Sum(c => c.Data.Length);
        int pick = random.Next(total);
        foreach (RsgChunk c in chunks)
        {
            if (pick < c.Data.Length)
            {
                return c;
            }

            pick -= c.Data.Length;
        }

        throw new InvalidOperationException();
    }

    private static void AssertConsistentDimensions(RsgImage image, byte[] file)
    {
        // Dimensions must be the ones the (possibly mutated) header declares.
        byte[] header = RsgContainer.Parse(file)[0].Data;
        int width = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        int height = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5));
        int cell = 1 << header[11];
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal(width * height * (header[9] == 1 ? 1 : 3), image.Pixels.Length);
        Assert.Equal((width + cell - 1) / cell, image.Labels.Width);
        Assert.Equal((height + cell - 1) / cell, image.Labels.Height);
        Assert.Equal(image.Labels.Width * image.Labels.Height, image.Labels.Labels.Length);
        Assert.All(image.Labels.Labels, l => Assert.True(l < image.Info.Regions.Count));
    }
}
