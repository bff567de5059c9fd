using System.Buffers;
using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>
/// Every decode path (whole buffer serial/parallel, DecodeInto, Stream, PipeReader) gives the same
/// pixels and labels; row sinks see strips in order as soon as their bytes arrive; every encode path
/// gives the same bytes; Identify needs only the head of a file.
/// </summary>
public class StreamingDecodeTests
{
    /// <summary>Small files with many strips: RGB 4:2:0, RGB 4:4:4, gray, odd sizes, several regions and mask cells.</summary>
    public static TheoryData<string> Files => new() { "rgb420-cell1", "gray-cell4", "rgb444-dc", "odd-33x17", "wide-300x37", "tall-9x200" };

    private static readonly Dictionary<string, Lazy<byte[]>> FileCache = new()
    {
        ["rgb420-cell1"] = new(() => TestImages.Kodim256.Encode(
            new RsgEncoderOptions { Regions = [new(25), new(85)], StripHeight = 16 },
            RegionQualityTests.RectLabels(256, 256, 1, new(41, 29, 199, 151)))),
        ["gray-cell4"] = new(() => TestImages.Camera256.Encode(
            new RsgEncoderOptions { Regions = [new(40), new(90), new(15, RsgRegionMode.DcOnly)], StripHeight = 8 },
            ThreeBands(256, 256, 4))),
        ["rgb444-dc"] = new(() => TestImages.Astronaut256.Encode(
            new RsgEncoderOptions { Regions = [new(70), new(30, RsgRegionMode.DcOnly)], Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 32 },
            RoundTripTests.HalfLabels(256, 256, 2))),
        ["odd-33x17"] = new(() => TestImages.Astronaut.Crop(250, 250, 33, 17).Encode(new RsgEncoderOptions { Quality = 90, StripHeight = 16 })),
        ["wide-300x37"] = new(() => TestImages.Kodim23.Crop(10, 10, 300, 37).Encode(new RsgEncoderOptions { Quality = 80, StripHeight = 16 })),
        ["tall-9x200"] = new(() => TestImages.Camera.Crop(300, 100, 9, 200).Encode(
            new RsgEncoderOptions { Regions = [new(50), new(95)], StripHeight = 8 }, RoundTripTests.HalfLabels(9, 200, 1))),
    };

    /// <summary>kodim23 at quality 100, 4:4:4, in one strip of about 330 KB.</summary>
    private static readonly Lazy<byte[]> LargeStripFile = new(() =>
        TestImages.Kodim23.Encode(new RsgEncoderOptions { Quality = 100, Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 512 }));

    internal static byte[] File(string name) => FileCache[name].Value;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task AllDecodePathsGiveIdenticalPixelsAndLabels(string name)
    {
        byte[] file = File(name);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        Assert.True(reference.Info.StripCount > 1, $"{name} has only one strip");

        var results = new List<(string Path, RsgImage Image)>
        {
            ("memory, 4 threads", DecodePaths.Memory(file, parallelism: 4)),
            ("memory, default threads", DecodePaths.Memory(file)),
            ("stream, 1 byte per Read", DecodePaths.Stream(file, maxRead: 1)),
            ("stream, whole", DecodePaths.Stream(file)),
            ("pipe, prefilled", DecodePaths.PipePrefilled(file)),
            ("pipe, 1 byte per write", await DecodePaths.PipeFed(file, () => 1)),
        };

        var random = new Random(1234);
        results.Add(("pipe, random chunks", await DecodePaths.PipeFed(file, () => random.Next(1, 700))));
        foreach ((string path, RsgImage image) in results)
        {
            Assert.True(reference.Pixels.AsSpan().SequenceEqual(image.Pixels), $"{name}: pixels from '{path}' differ from the serial decode");
            Assert.True(reference.Labels.Labels.AsSpan().SequenceEqual(image.Labels.Labels), $"{name}: labels from '{path}' differ");
            Assert.Equal(reference.Width, image.Width);
            Assert.Equal(reference.Height, image.Height);
            Assert.Equal(reference.Labels.Width, image.Labels.Width);
            Assert.Equal(reference.Labels.CellSize, image.Labels.CellSize);
            Assert.Equal(reference.Info.Regions, image.Info.Regions);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DecodeIntoHonoursALargerStrideAndLeavesThePaddingAlone(string name)
    {
        byte[] file = File(name);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        int rowBytes = reference.Stride;
        int stride = rowBytes + 13;
        foreach (int parallelism in new[] { 1, 4 })
        {
            byte[] buffer = new byte[(stride * reference.Height) + 7];
            buffer.AsSpan().Fill(0xCD);
            RsgImageInfo info = RsgDecoder.DecodeInto(file, buffer, stride, new RsgDecoderOptions { MaxDegreeOfParallelism = parallelism });
            Assert.Equal(reference.Width, info.Width);
            Assert.Equal(reference.Height, info.Height);
            for (int y = 0; y < reference.Height; y++)
            {
                Assert.True(buffer.AsSpan(y * stride, rowBytes).SequenceEqual(reference.Pixels.AsSpan(y * rowBytes, rowBytes)), $"row {y} differs");
                Assert.False(buffer.AsSpan((y * stride) + rowBytes, 13).ContainsAnyExcept((byte)0xCD), $"padding after row {y} was written");
            }

            Assert.False(buffer.AsSpan(stride * reference.Height).ContainsAnyExcept((byte)0xCD), "bytes past the image were written");
        }

        // A buffer that ends right after the last row's pixels is enough.
        byte[] exact = new byte[(stride * (reference.Height - 1)) + rowBytes];
        RsgDecoder.DecodeInto(file, exact, stride);
        Assert.True(exact.AsSpan((reference.Height - 1) * stride).SequenceEqual(reference.Pixels.AsSpan((reference.Height - 1) * rowBytes)));
    }

    [Fact]
    public void DecodeIntoRejectsABufferOrStrideThatIsTooSmall()
    {
        byte[] file = File("odd-33x17");
        int rowBytes = 33 * 3;
        Assert.ThrowsAny<ArgumentException>(() => RsgDecoder.DecodeInto(file, new byte[rowBytes * 17], rowBytes - 1));
        Assert.ThrowsAny<ArgumentException>(() => RsgDecoder.DecodeInto(file, new byte[(rowBytes * 17) - 1], rowBytes));
        Assert.ThrowsAny<ArgumentException>(() => RsgDecoder.DecodeInto(file, new byte[(rowBytes + 4) * 16], rowBytes + 4));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void StreamSinkSeesInfoThenEveryStripInOrder(string name)
    {
        byte[] file = File(name);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        var sink = new RecordingSink();
        var stream = new TrickleStream(file, maxRead: 1);
        RsgImageInfo info = RsgDecoder.Decode(stream, sink);

        AssertStripOrder(sink, info);
        Assert.True(stream.ReadCalls >= file.Length, "the stream was not read one byte at a time");
        Assert.Equal(reference.Pixels, sink.Pixels);
        Assert.Equal(reference.Labels.Labels, sink.Labels);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task PipeFedOneByteAtATimeDeliversTheFirstStripBeforeTheFileIsComplete(string name)
    {
        byte[] file = File(name);
        long[] stripEnds = [.. RsgContainer.Chunks(file).Where(c => c.TypeText == "STRP").Select(c => c.End)];
        Assert.True(stripEnds.Length > 1);

        var pipe = new Pipe();
        long[] written = [0];
        var sink = new RecordingSink(() => Volatile.Read(ref written[0]));
        Task writer = Task.Run(async () =>
        {
            for (int pos = 0; pos < file.Length; pos++)
            {
                // Count the byte before it is written, so the count is never below what the reader can have seen.
                Volatile.Write(ref written[0], pos + 1);
                await pipe.Writer.WriteAsync(file.AsMemory(pos, 1));
                if (pos + 1 == stripEnds[0])
                {
                    // Hold the rest of the file back until strip 0's rows arrive. A decoder that waits for
                    // more bytes never delivers them; the wait then ends (and the assertions below fail).
                    await Task.WhenAny(sink.FirstRows.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                }
            }

            await pipe.Writer.CompleteAsync();
        });

        RsgImageInfo info = await RsgDecoder.DecodeAsync(pipe.Reader, sink);
        await writer;

        Assert.True(sink.FirstRows.Task.IsCompleted);
        Assert.Equal(stripEnds[0], sink.BytesWrittenAtRows[0]);
        Assert.True(sink.BytesWrittenAtRows[0] < file.Length);
        for (int strip = 0; strip < stripEnds.Length; strip++)
        {
            // No strip can be delivered before its own bytes were written.
            Assert.True(sink.BytesWrittenAtRows[strip] >= stripEnds[strip], $"strip {strip} delivered after {sink.BytesWrittenAtRows[strip]} bytes, its chunk ends at {stripEnds[strip]}");
        }

        AssertStripOrder(sink, info);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        Assert.Equal(reference.Pixels, sink.Pixels);
        Assert.Equal(reference.Labels.Labels, sink.Labels);
    }

    [Theory]
    [InlineData(65536, 1000)]
    [InlineData(65536, 65536)]
    [InlineData(8192, 3000)]
    public async Task DecodeAsyncKeepsConsumingWhenAStripIsLargerThanThePipesPauseThreshold(int pauseThreshold, int writeSize)
    {
        // A Pipe pauses its writer while PauseWriterThreshold bytes are unconsumed. A strip chunk larger
        // than that (the default strip is about a megapixel) must not leave the writer paused while the
        // decoder waits for the rest of the chunk. With inline schedulers everything runs on this thread,
        // so a stall shows deterministically as a flush that never completes.
        byte[] file = LargeStripFile.Value;
        RsgChunk strip = Assert.Single(RsgContainer.Chunks(file), c => c.TypeText == "STRP");
        Assert.True(strip.Size > pauseThreshold * 2, $"the strip ({strip.Size} B) must exceed the pause threshold");

        var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: pauseThreshold, resumeWriterThreshold: pauseThreshold / 2, useSynchronizationContext: false));
        Task<RsgImage> decode = RsgDecoder.DecodeAsync(pipe.Reader).AsTask();
        int written = 0;
        string? stall = null;
        while (written < file.Length)
        {
            int n = Math.Min(writeSize, file.Length - written);
            pipe.Writer.Write(file.AsSpan(written, n));
            written += n;
            ValueTask<FlushResult> flush = pipe.Writer.FlushAsync();
            if (!flush.IsCompleted)
            {
                stall = $"writer paused after {written} of {file.Length} bytes (strip chunk {strip.Offset}..{strip.End}) with the decoder waiting for more";
                break;
            }
        }

        if (stall is not null)
        {
            // Unblock the decoder so the test ends, then report the stall.
            pipe.Reader.CancelPendingRead();
            Assert.Fail(stall);
        }

        pipe.Writer.Complete();

        // The continuation that completes the task may be posted; once the writer is complete the decode
        // has everything it needs (the wait only keeps a broken decoder from hanging the run).
        RsgImage decoded = await decode.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(RsgDecoder.Decode(file).Pixels, decoded.Pixels);
    }

    [Fact]
    public async Task EncodePathsProduceIdenticalBytes()
    {
        foreach ((TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) in new (TestImage, RsgEncoderOptions, RsgLabelMap?)[]
                 {
                     (TestImages.Kodim256, new RsgEncoderOptions { Quality = 70, StripHeight = 16 }, null),
                     (TestImages.Camera256, new RsgEncoderOptions { Regions = [new(30), new(90)], StripHeight = 40 }, RoundTripTests.HalfLabels(256, 256, 4)),
                     (TestImages.Astronaut.Crop(3, 5, 71, 39), new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444 }, null),
                 })
        {
            byte[] array = RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, options, labels);

            var stream = new MemoryStream();
            RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, stream, options, labels);

            var bufferWriter = new ArrayBufferWriter<byte>(1);
            RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, bufferWriter, options, labels);

            var pipe = new Pipe();
            Task<byte[]> drain = ReadAll(pipe.Reader);
            await RsgEncoder.EncodeAsync(image.Pixels, image.Width, image.Height, image.Stride, image.Format, pipe.Writer, options, labels);
            await pipe.Writer.CompleteAsync();
            byte[] piped = await drain;

            Assert.Equal(array, stream.ToArray());
            Assert.Equal(array, bufferWriter.WrittenSpan.ToArray());
            Assert.Equal(array, piped);
            Assert.NotNull(RsgDecoder.Decode(array));
        }
    }

    [Fact]
    public async Task EncodeAsyncStreamsStripByStripIntoADecoder()
    {
        // Encoder and decoder connected by one pipe: the decoder consumes strips while they are being written.
        TestImage image = TestImages.Kodim256;
        var options = new RsgEncoderOptions { Quality = 75, StripHeight = 16 };
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048));
        var sink = new RecordingSink();
        Task<RsgImageInfo> decode = RsgDecoder.DecodeAsync(pipe.Reader, sink).AsTask();
        await RsgEncoder.EncodeAsync(image.Pixels, image.Width, image.Height, image.Stride, image.Format, pipe.Writer, options);
        await pipe.Writer.CompleteAsync();
        RsgImageInfo info = await decode;

        AssertStripOrder(sink, info);
        Assert.Equal(RsgDecoder.Decode(image.Encode(options)).Pixels, sink.Pixels);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task IdentifyReadsOnlyTheHeadOfTheFile(string name)
    {
        byte[] file = File(name);
        RsgImage reference = DecodePaths.Memory(file, parallelism: 1);
        byte[] head = file[..RsgContainer.EndOfFirstStripHead(file)];

        var infos = new List<(string Path, RsgImageInfo Info)>
        {
            ("span, whole file", RsgDecoder.Identify(file)),
            ("span, head only", RsgDecoder.Identify(head)),
            ("stream, head only", RsgDecoder.Identify(new MemoryStream(head))),
            ("stream, head 1 byte per Read", RsgDecoder.Identify(new TrickleStream(head, 1))),
            ("stream, whole file", RsgDecoder.Identify(new MemoryStream(file))),
            ("pipe, head only", await IdentifyPipe(head)),
        };

        foreach ((string path, RsgImageInfo info) in infos)
        {
            Assert.True(reference.Width == info.Width && reference.Height == info.Height, $"{path}: {info.Width}x{info.Height}");
            Assert.Equal(reference.Info.ColorModel, info.ColorModel);
            Assert.Equal(reference.Info.Subsampling, info.Subsampling);
            Assert.Equal(reference.Info.MaskCellSize, info.MaskCellSize);
            Assert.Equal(reference.Info.StripHeight, info.StripHeight);
            Assert.Equal(reference.Info.StripCount, info.StripCount);
            Assert.Equal(reference.Info.PixelFormat, info.PixelFormat);
            Assert.Equal(reference.Info.Regions, info.Regions);
        }

        // A head-only file is not a decodable image.
        Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Decode(head)).Error);
    }

    [Fact]
    public void IdentifyDoesNotReadPastTheFirstStripHead()
    {
        // Everything after the first strip's head is garbage; Identify must not care.
        byte[] file = File("rgb420-cell1");
        int end = RsgContainer.EndOfFirstStripHead(file);
        byte[] junk = [.. file.AsSpan(0, end), .. Enumerable.Repeat((byte)0xFF, 100)];
        RsgImageInfo info = RsgDecoder.Identify(junk);
        Assert.Equal(256, info.Width);
        Assert.Equal(2, info.Regions.Count);
        Assert.Equal(256, RsgDecoder.Identify(new MemoryStream(junk)).Height);
    }

    [Fact]
    public void IdentifyNeedsTheWholeRegionTable()
    {
        byte[] file = File("gray-cell4");
        int end = RsgContainer.EndOfRegionTable(file);
        Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file.AsSpan(0, end - 1))).Error);
        Assert.Equal(RsgError.Truncated, Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(new MemoryStream(file[..(end - 1)]))).Error);

        // Names and metadata may follow RTAB, so a file that ends right after it is not identified either.
        RsgFormatException cut = Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file.AsSpan(0, end)));
        Assert.Equal((RsgError.Truncated, (long)end), (cut.Error, cut.Offset));
    }

    [Fact]
    public async Task CancellationStopsAStreamingDecode()
    {
        byte[] file = File("rgb420-cell1");
        using var cts = new CancellationTokenSource();
        var sink = new CancellingSink(cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
            await pipe.Writer.WriteAsync(file);
            await pipe.Writer.CompleteAsync();
            await RsgDecoder.DecodeAsync(pipe.Reader, sink, cancellationToken: cts.Token);
        });
        Assert.Equal(1, sink.RowCalls);
        Assert.ThrowsAny<OperationCanceledException>(() => RsgDecoder.Decode(file, cancellationToken: cts.Token));
    }

    internal static void AssertStripOrder(RecordingSink sink, RsgImageInfo info)
    {
        Assert.Equal("info", sink.Events[0]);
        Assert.Equal(1, sink.Events.Count(e => e == "info"));
        Assert.Equal(info.Width, sink.Info!.Width);
        Assert.Equal(info.Height, sink.Info.Height);
        Assert.Equal(info.Regions, sink.Info.Regions);

        // Rows: one call per strip, in order, covering every row once.
        Assert.Equal(info.StripCount, sink.Rows.Count);
        int next = 0;
        for (int strip = 0; strip < sink.Rows.Count; strip++)
        {
            (int first, int count) = sink.Rows[strip];
            Assert.Equal(next, first);
            Assert.Equal(strip * info.StripHeight, first);
            Assert.Equal(Math.Min(info.StripHeight, info.Height - first), count);
            next += count;
        }

        Assert.Equal(info.Height, next);

        // Mask rows: every mask row exactly once, in order.
        int maskHeight = info.MaskHeight;
        int nextMask = 0;
        foreach ((int first, int count) in sink.MaskRows)
        {
            Assert.Equal(nextMask, first);
            Assert.True(count > 0);
            nextMask += count;
        }

        Assert.Equal(maskHeight, nextMask);
        Assert.Equal(info.StripCount, sink.MaskRows.Count);
    }

    private static async Task<RsgImageInfo> IdentifyPipe(byte[] head)
    {
        var pipe = new Pipe();
        Task writer = DecodePaths.WriteInChunks(pipe.Writer, head, () => 3, null);
        RsgImageInfo info = await RsgDecoder.IdentifyAsync(pipe.Reader);
        await writer;
        return info;
    }

    private static async Task<byte[]> ReadAll(PipeReader reader)
    {
        var output = new MemoryStream();
        while (true)
        {
            ReadResult result = await reader.ReadAsync();
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                output.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await reader.CompleteAsync();
        return output.ToArray();
    }

    private static RsgLabelMap ThreeBands(int width, int height, int cell)
    {
        int w = (width + cell - 1) / cell, h = (height + cell - 1) / cell;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                labels[(y * w) + x] = (byte)((x + (y / 2)) / 20 % 3);
            }
        }

        return new RsgLabelMap(w, h, cell, labels);
    }

    private sealed class CancellingSink(CancellationTokenSource cts) : IRsgRowSink
    {
        public int RowCalls { get; private set; }

        public void OnInfo(RsgImageInfo info)
        {
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
        {
            RowCalls++;
            cts.Cancel();
        }

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
        {
        }
    }
}
