using System.Buffers.Binary;

namespace RegionCodec.Tests;

// Decoder limits and decompression bombs.
public partial class MalformedInputTests
{
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
            new EditableChunk("RHDR", RsgContainer.HeaderData(16000, 16000, colorModel: 3, subsampling: 1, maskCellLog2: 3, stripMcuRows: 1, regionCount: 1)),
            new EditableChunk("RTAB", [75, 0]),
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
        EditableChunk strip0 = RsgContainer.Parse(source).Single(c => c.TypeText == "STRP");
        byte[] file = RsgContainer.Build(
        [
            new EditableChunk("RHDR", RsgContainer.HeaderData(16000, 16000, colorModel: 3, subsampling: 1, maskCellLog2: 3, stripMcuRows: 1, regionCount: 1)),
            new EditableChunk("RTAB", [75, 0]),
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
}
