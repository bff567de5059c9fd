using System.Buffers;
using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>
/// Parallel encoding (<see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/>): every degree and every output
/// path writes the serial encoder's bytes, and a cancelled encode stops between waves with a valid prefix written.
/// </summary>
public sealed class ParallelEncodeTests
{
    /// <summary>Degrees of parallelism: serial, two, three (does not divide the strip counts), all cores.</summary>
    public static TheoryData<int> Degrees => new() { 1, 2, 3, -1 };

    public static TheoryData<string> Paths => new() { "byte[]", "IBufferWriter", "Stream", "PipeWriter" };

    /// <summary>
    /// Photographs in small strips, so there are many (11, 13, 10: none a multiple of 2 or 3), in every
    /// plane layout: 4:2:0 with two regions, gray, 4:4:4.
    /// </summary>
    private static IEnumerable<(TestImage Image, RsgEncoderOptions Options, RsgLabelMap? Labels)> Cases(int degree)
    {
        yield return (TestImages.Kodim23, new RsgEncoderOptions { Regions = [new(30), new(90)], StripHeight = 48, MaxDegreeOfParallelism = degree },
            RoundTripTests.HalfLabels(768, 512, 8));
        yield return (TestImages.Camera, new RsgEncoderOptions { Quality = 60, StripHeight = 40, MaxDegreeOfParallelism = degree }, null);
        yield return (TestImages.Astronaut, new RsgEncoderOptions { Quality = 85, Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 56, MaxDegreeOfParallelism = degree }, null);
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public async Task EveryDegreeAndEveryPathWritesTheSerialBytes(int degree)
    {
        var expectedStrips = new[] { 11, 13, 10 };
        int i = 0;
        foreach (((TestImage image, RsgEncoderOptions serialOptions, RsgLabelMap? labels), (_, RsgEncoderOptions options, _)) in Cases(1).Zip(Cases(degree)))
        {
            byte[] serial = image.Encode(serialOptions, labels);
            Assert.Equal(expectedStrips[i++], RsgDecoder.Identify(serial).StripCount);
            foreach (string path in Paths)
            {
                byte[] actual = await EncodeVia(path, image, options, labels);
                Assert.True(serial.AsSpan().SequenceEqual(actual), $"{image.Name}, degree {degree}, {path}: {actual.Length} bytes differ from the serial {serial.Length}");
            }
        }
    }

    [Fact]
    public void TheReferenceBytesAreTheImage()
    {
        // Guards the comparison above against a broken reference: the bytes decode to the photograph and its labels.
        (TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) = Cases(2).First();
        byte[] file = image.Encode(options, labels);
        RsgImage decoded = RsgDecoder.Decode(file);
        Assert.True(Metrics.Psnr(image.Pixels, decoded.Pixels) > 30);
        Assert.Equal(labels!.Labels, decoded.Labels.Labels);
    }

    [Theory]
    [InlineData("IBufferWriter")]
    [InlineData("Stream")]
    [InlineData("PipeWriter")]
    public async Task ACancelledTokenStopsTheEncodeBeforeAnyStrip(string path)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        (TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) = Cases(2).First();
        var written = new List<byte>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EncodeVia(path, image, options, labels, cts, written));
        Assert.True(written.Count <= RsgContainer.EndOfRegionTable(image.Encode(options, labels)), $"{written.Count} bytes written");
    }

    [Theory]
    [InlineData("IBufferWriter", 1)]
    [InlineData("IBufferWriter", 3)]
    [InlineData("Stream", 2)]
    [InlineData("Stream", 4)]
    [InlineData("PipeWriter", 2)]
    [InlineData("PipeWriter", 1)]
    public async Task CancellingMidwayStopsAfterTheWaveInProgressAndLeavesAPrefixOfTheFile(string path, int degree)
    {
        // The token is cancelled as soon as the first strip chunk is written: the encoder finishes writing that
        // wave (whole chunks, in order) and stops before coding the next one, so exactly `degree` strips are out.
        (TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) = Cases(degree).First();
        byte[] complete = image.Encode(Cases(1).First().Options, labels);
        int head = RsgContainer.EndOfRegionTable(complete);
        using var cts = new CancellationTokenSource();
        var written = new List<byte>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EncodeVia(path, image, options, labels, cts, written, cancelAfter: head + 1));

        RsgChunk lastOfWave = RsgContainer.Chunks(complete).Where(c => c.TypeText == "STRP").ElementAt(degree - 1);
        Assert.Equal(lastOfWave.End, written.Count);
        Assert.True(complete.AsSpan(0, written.Count).SequenceEqual(written.ToArray()), "the bytes written before cancelling are not a prefix of the file");
    }

    /// <summary>
    /// Encodes through one public path. With <paramref name="written"/>, the output's bytes are also recorded as
    /// they arrive, and once more than <paramref name="cancelAfter"/> have arrived <paramref name="cts"/> is cancelled.
    /// </summary>
    private static async Task<byte[]> EncodeVia(string path, TestImage image, RsgEncoderOptions options, RsgLabelMap? labels,
        CancellationTokenSource? cts = null, List<byte>? written = null, int cancelAfter = int.MaxValue)
    {
        CancellationToken token = cts?.Token ?? default;
        void Arrived(ReadOnlySpan<byte> bytes)
        {
            written?.AddRange(bytes.ToArray());
            if (written?.Count > cancelAfter)
            {
                cts!.Cancel();
            }
        }

        switch (path)
        {
            case "byte[]":
                return RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, options, labels);
            case "IBufferWriter":
            {
                var output = new ObservedBufferWriter(Arrived);
                RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, output, options, labels, token);
                return output.Inner.WrittenSpan.ToArray();
            }

            case "Stream":
            {
                var output = new ObservedStream(Arrived);
                RsgEncoder.Encode(image.Pixels, image.Width, image.Height, image.Stride, image.Format, output, options, labels, token);
                return output.ToArray();
            }

            case "PipeWriter":
            {
                var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
                try
                {
                    await RsgEncoder.EncodeAsync(image.Pixels, image.Width, image.Height, image.Stride, image.Format, new ObservedPipeWriter(pipe.Writer, Arrived),
                        options, labels, token);
                }
                finally
                {
                    await pipe.Writer.CompleteAsync();
                }

                ReadResult result = await pipe.Reader.ReadAsync();
                byte[] bytes = result.Buffer.ToArray();
                pipe.Reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, null);
        }
    }

    /// <summary>An <see cref="ArrayBufferWriter{T}"/> that reports every advance.</summary>
    private sealed class ObservedBufferWriter(SpanAction onWritten) : IBufferWriter<byte>
    {
        public ArrayBufferWriter<byte> Inner { get; } = new(1);

        public void Advance(int count)
        {
            int start = Inner.WrittenCount;
            Inner.Advance(count);
            onWritten(Inner.WrittenSpan[start..]);
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Inner.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Inner.GetSpan(sizeHint);
    }

    /// <summary>A <see cref="MemoryStream"/> that reports every write (span writes to a derived MemoryStream land here too).</summary>
    private sealed class ObservedStream(SpanAction onWritten) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            onWritten(buffer.AsSpan(offset, count));
        }
    }

    /// <summary>A <see cref="PipeWriter"/> that reports every advance to the pipe it wraps.</summary>
    private sealed class ObservedPipeWriter(PipeWriter inner, SpanAction onWritten) : PipeWriter
    {
        private Memory<byte> _last;

        public override void Advance(int bytes)
        {
            onWritten(_last.Span[..bytes]);
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _last = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_last = inner.GetMemory(sizeHint)).Span;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }

    private delegate void SpanAction(ReadOnlySpan<byte> bytes);
}
