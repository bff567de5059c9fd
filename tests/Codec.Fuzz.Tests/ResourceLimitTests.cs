using System.Buffers.Binary;
using System.IO.Pipelines;

namespace RegionCodec.Fuzz.Tests;

/// <summary>The resource limits of spec/rsg.md §12 and the README's "Untrusted input" section.</summary>
public sealed class ResourceLimitTests
{
    private static readonly RsgDecoderOptions SingleThreaded = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>A file of signature, RHDR and RTAB (and no strips) declaring the given size.</summary>
    private static byte[] HeaderOnly(uint width, uint height, int colourModel = 3, int subsampling = 1, ushort stripMcuRows = 1)
    {
        byte[] rhdr = new byte[17];
        rhdr[0] = RsgConstants.Version;
        BinaryPrimitives.WriteUInt32BigEndian(rhdr.AsSpan(1), width);
        BinaryPrimitives.WriteUInt32BigEndian(rhdr.AsSpan(5), height);
        rhdr[9] = (byte)colourModel;
        rhdr[10] = (byte)subsampling;
        rhdr[11] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(rhdr.AsSpan(12), stripMcuRows);
        rhdr[14] = 1;
        return [.. RsgConstants.Signature, .. ChunkBytes("RHDR", rhdr), .. ChunkBytes("RTAB", [75, 0])];
    }

    private static byte[] ChunkBytes(string type, byte[] data)
    {
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc.Of(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    [Theory]
    [InlineData(16_777_215u, 16_777_215u, RsgError.LimitExceeded)] // beyond MaxWidth/MaxHeight
    [InlineData(1_048_576u, 1_048_576u, RsgError.LimitExceeded)] // 2^40 pixels > MaxPixels
    [InlineData(1_048_576u, 256u, RsgError.Truncated)] // 2^28 pixels: allowed, but the strips are missing
    [InlineData(16_384u, 16_384u, RsgError.Truncated)]
    public void ATinyFileDeclaringAHugeImageIsRejectedBeforeAllocation(uint width, uint height, RsgError expected)
    {
        byte[] bomb = HeaderOnly(width, height);
        Assert.True(bomb.Length < 64);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var whole = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(bomb, SingleThreaded));
        var stream = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(new MemoryStream(bomb), SingleThreaded));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected, whole.Error);
        Assert.Equal(expected, stream.Error);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated for a {bomb.Length}-byte file declaring {width}x{height}");
    }

    [Fact]
    public void AStripChunkDeclaringAGigabyteIsNotBuffered()
    {
        // STRP length within MaxStripLength (2^30 for a 2^20-wide strip) but the data never arrives.
        byte[] head = HeaderOnly(1 << 20, 16, colourModel: 3, subsampling: 0);
        // MaxStripLength(0) = 4 + 1024 + 8 x 131072 x 8 x 3 x 8 = 201,327,620 (spec §3.3); declare 201,326,592.
        byte[] file = [.. head, 0x0C, 0x00, 0x00, 0x00, .. "STRP"u8, 0, 0, 0, 0];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var whole = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(file, SingleThreaded));
        var stream = Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(new MemoryStream(file), SingleThreaded));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(RsgError.Truncated, whole.Error);
        Assert.Equal(RsgError.Truncated, stream.Error);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public async Task EveryProperPrefixOfAValidFileIsReportedAsTruncated()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Paths.Conformance, "valid", "12-rgb420-blockmask-3regions.rsg"));
        for (int length = 1; length < file.Length; length += length < 64 ? 1 : 97)
        {
            byte[] prefix = file[..length];
            Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(prefix, SingleThreaded)).Error);
            Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(new MemoryStream(prefix), SingleThreaded)).Error);

            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(prefix);
            await pipe.Writer.CompleteAsync();
            var streamed = await Assert.ThrowsAsync<RsgFormatException>(async () => await RsgDecoder.DecodeAsync(pipe.Reader, SingleThreaded));
            Assert.Equal(RsgError.Truncated, streamed.Error);
        }
    }

    [Fact]
    public void DecodingTimeAndMemoryGrowLinearlyWithTheOutput()
    {
        // A flat gray image compresses to almost nothing: the decoder's cost must follow the declared
        // output, no more. Compare 2^14 and 2^18 pixels wide, 8 rows.
        long Allocated(int width)
        {
            byte[] pixels = new byte[width * 8];
            pixels.AsSpan().Fill(128);
            byte[] file = RsgEncoder.Encode(pixels, width, 8, width, RsgPixelFormat.Gray8, new RsgEncoderOptions { Grayscale = true });
            Assert.True(file.Length < 128 + (width / 64), $"{file.Length} bytes");
            long before = GC.GetAllocatedBytesForCurrentThread();
            RsgImage image = RsgDecoder.Decode(file, SingleThreaded);
            Assert.Equal(width, image.Width);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(1 << 10); // warm up the pools
        long small = Allocated(1 << 14), large = Allocated(1 << 18);
        long pixelsLarge = (1L << 18) * 8;
        Assert.True(large <= FuzzTargets.AllocationBound(100, pixelsLarge), $"{large} bytes for {pixelsLarge} pixels");
        Assert.True(large < 24 * small, $"{small} bytes for 2^14 wide, {large} for 2^18 wide (16x the pixels)");
    }

    [Fact]
    public void MaskDecodingIsLinearWhenAUniformRowIsFollowedByManyRuns()
    {
        // Regression (fuzz/regressions/decode/slow-mask-run-prediction-*): the run-end prediction
        // searched the row above from x for every run, O(width) per run, so a uniform mask row followed
        // by a row of one-cell runs took O(width^2). 2^20 cells wide: 18 s before the fix, about 1 s after.
        const int width = 1 << 20, height = 2;
        byte[] labels = new byte[width * height];
        for (int y = 1; y < height; y += 2)
        {
            for (int x = 0; x < width; x += 2)
            {
                labels[(y * width) + x] = 1;
            }
        }

        var options = new RsgEncoderOptions { Grayscale = true, Regions = [new RsgRegion(50), new RsgRegion(50)] };
        byte[] file = RsgEncoder.Encode(new byte[width * height], width, height, width, RsgPixelFormat.Gray8, options,
            new RsgLabelMap(width, height, 1, labels));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        RsgImage image = RsgDecoder.Decode(file, SingleThreaded);
        clock.Stop();
        Assert.Equal(labels, image.Labels.Labels);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"decoding a {width}x{height} mask took {clock.ElapsedMilliseconds} ms ({file.Length} bytes)");
    }
}
