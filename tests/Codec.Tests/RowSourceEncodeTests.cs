using System.Buffers;
using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>
/// Encoding from rows that arrive in order (<see cref="IRsgRowSource"/>, <see cref="PipeReader"/>): the file is the
/// buffer encoder's, byte for byte, while the encoder only ever asks for one wave of strips.
/// </summary>
public sealed class RowSourceEncodeTests
{
    private static IEnumerable<(TestImage Image, RsgEncoderOptions Options, RsgLabelMap? Labels)> Cases(int degree)
    {
        yield return (TestImages.Kodim23, new RsgEncoderOptions { Regions = [new(30), new(90)], StripHeight = 48, MaxDegreeOfParallelism = degree },
            RoundTripTests.HalfLabels(768, 512, 8));
        yield return (TestImages.Camera, new RsgEncoderOptions { Quality = 60, StripHeight = 40, MaxDegreeOfParallelism = degree }, null);
        yield return (TestImages.Astronaut, new RsgEncoderOptions { Quality = 85, Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 56, MaxDegreeOfParallelism = degree }, null);
        yield return (TestImages.ParrotCutout, new RsgEncoderOptions { Quality = 75, StripHeight = 64, MaxDegreeOfParallelism = degree }, null);
        yield return (TestImages.Kodim23.Crop(0, 0, 256, 200), RsgEncoderOptions.Lossless() with { StripHeight = 32, MaxDegreeOfParallelism = degree }, null);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RowSourceWritesTheBufferEncodersBytesAndAsksForOneWaveAtATime(int degree)
    {
        foreach ((TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) in Cases(degree))
        {
            byte[] expected = image.Encode(options, labels);
            var source = new RecordingRows(image);
            byte[] actual = RsgEncoder.Encode(source, image.Width, image.Height, image.Format, options, labels);

            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{image.Name}, degree {degree}: {actual.Length} bytes differ from the buffer encode's {expected.Length}");
            Assert.Equal(image.Height, source.RowsRead);
            int stripHeight = RsgDecoder.Identify(expected).StripHeight;
            Assert.True(source.LargestRequest <= degree * stripHeight, $"{image.Name}: asked for {source.LargestRequest} rows at once; a wave of {degree} strips is {degree * stripHeight}");
        }
    }

    [Fact]
    public async Task PipeReaderWritesTheBufferEncodersBytesAndLeavesTheBytesAfterTheImage()
    {
        (TestImage image, RsgEncoderOptions options, RsgLabelMap? labels) = Cases(2).First();
        byte[] expected = image.Encode(options, labels);
        var input = new Pipe();
        var output = new Pipe();
        Task writer = Task.Run(async () =>
        {
            // Odd-sized pieces, so rows and waves straddle the pipe's segments; then bytes that are not the image's.
            for (int offset = 0; offset < image.Pixels.Length; offset += 7777)
            {
                await input.Writer.WriteAsync(image.Pixels.AsMemory(offset, Math.Min(7777, image.Pixels.Length - offset)));
            }

            await input.Writer.WriteAsync(new byte[] { 1, 2, 3 });
            await input.Writer.CompleteAsync();
        });
        Task<byte[]> collected = ReadAll(output.Reader);

        await RsgEncoder.EncodeAsync(input.Reader, image.Width, image.Height, image.Format, output.Writer, options, labels);
        await output.Writer.CompleteAsync();
        await writer;

        byte[] actual = await collected;
        Assert.True(expected.AsSpan().SequenceEqual(actual));
        ReadResult rest = await input.Reader.ReadAsync();
        Assert.Equal(new byte[] { 1, 2, 3 }, rest.Buffer.ToArray());
    }

    [Fact]
    public async Task APipeThatEndsEarlyIsAnEndOfStreamNamingTheRow()
    {
        TestImage image = TestImages.Camera;
        var input = new Pipe(new PipeOptions(pauseWriterThreshold: 0)); // holds all 300 rows before the encoder reads
        await input.Writer.WriteAsync(image.Pixels.AsMemory(0, image.Width * 300));
        await input.Writer.CompleteAsync();
        var output = new Pipe();

        var error = await Assert.ThrowsAsync<EndOfStreamException>(async () =>
            await RsgEncoder.EncodeAsync(input.Reader, image.Width, image.Height, image.Format, output.Writer,
                new RsgEncoderOptions { StripHeight = 64, MaxDegreeOfParallelism = 2 }));
        Assert.Contains("starting at row 256", error.Message);
    }

    [Fact]
    public void ARowSourceThatFailsStopsTheEncodeWithItsException()
    {
        TestImage image = TestImages.Kodim23;
        var source = new RecordingRows(image) { FailAfterRows = 200 };
        using var output = new MemoryStream();

        var error = Assert.Throws<IOException>(() => RsgEncoder.Encode(source, image.Width, image.Height, image.Format, output,
            new RsgEncoderOptions { StripHeight = 64, MaxDegreeOfParallelism = 1 }));
        Assert.Equal("disk gone", error.Message);
        Assert.Equal(256, source.RowsRead);      // four waves of one strip of 64 rows asked for; the fourth failed
    }

    [Fact]
    public void AutoAlphaKeepsTheAlphaOfAFormatThatHasIt()
    {
        // The buffer encoder drops an everywhere-opaque alpha under Auto; a row source cannot look ahead, so it keeps it.
        TestImage rgb = TestImages.Kodim23.Crop(0, 0, 128, 96);
        byte[] rgba = new byte[128 * 96 * 4];
        for (int i = 0, j = 0; i < rgb.Pixels.Length; i += 3, j += 4)
        {
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (rgb.Pixels[i], rgb.Pixels[i + 1], rgb.Pixels[i + 2], 255);
        }

        var opaque = new TestImage("opaque", 128, 96, RsgPixelFormat.Rgba32, rgba);
        Assert.False(RsgDecoder.Identify(opaque.Encode()).HasAlpha);
        Assert.True(RsgDecoder.Identify(RsgEncoder.Encode(new RecordingRows(opaque), 128, 96, RsgPixelFormat.Rgba32)).HasAlpha);
        byte[] dropped = RsgEncoder.Encode(new RecordingRows(opaque), 128, 96, RsgPixelFormat.Rgba32, new RsgEncoderOptions { Alpha = RsgAlphaMode.Drop });
        Assert.True(opaque.Encode().AsSpan().SequenceEqual(dropped));
    }

    private static async Task<byte[]> ReadAll(PipeReader reader)
    {
        using var buffer = new MemoryStream();
        await reader.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>Hands out an in-memory image's rows in order, recording how many rows each call asked for.</summary>
    private sealed class RecordingRows(TestImage image) : IRsgRowSource
    {
        public int RowsRead { get; private set; }

        public int LargestRequest { get; private set; }

        public int FailAfterRows { get; init; } = int.MaxValue;

        public void ReadRows(Span<byte> destination, int rowCount)
        {
            Assert.Equal(rowCount * image.Width * image.Bpp, destination.Length);
            Assert.True(RowsRead + rowCount <= image.Height, "asked for rows past the image");
            LargestRequest = Math.Max(LargestRequest, rowCount);
            RowsRead += rowCount;
            if (RowsRead > FailAfterRows)
            {
                throw new IOException("disk gone");
            }

            for (int r = 0; r < rowCount; r++)
            {
                image.Pixels.AsSpan((RowsRead - rowCount + r) * image.Stride, image.Width * image.Bpp).CopyTo(destination.Slice(r * image.Width * image.Bpp));
            }
        }
    }
}
