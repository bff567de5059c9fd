using System.Buffers;
using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>The encoder rejects bad arguments with the ArgumentException family, before writing anything.</summary>
public class EncoderArgumentTests
{
    private const int W = 37, H = 21;

    private static readonly byte[] Rgb = TestImages.Astronaut.Crop(100, 100, W, H).Pixels;

    public static TheoryData<string> BadCalls => new()
    {
        "quality 0", "quality 101", "quality -5", "region quality 0", "region quality 101", "region mode 3",
        "256 regions", "label map too narrow", "label map too tall", "label map cell size differs",
        "label 2 with 2 regions", "label 254 with 1 region", "labels without a region table",
        "stride too small", "stride 0", "buffer too small", "buffer one byte short", "empty buffer",
        "width 0", "height 0", "width negative", "width 2^24",
    };

    private static (byte[] Pixels, int Width, int Height, int Stride, RsgEncoderOptions Options, RsgLabelMap? Labels) Call(string name)
    {
        RsgLabelMap Map(int w, int h, int cell, byte fill = 0)
        {
            byte[] labels = new byte[w * h];
            labels[^1] = fill;
            return new RsgLabelMap(w, h, cell, labels);
        }

        RsgEncoderOptions two = new() { Regions = [new(30), new(80)] };
        int cells8W = (W + 7) / 8, cells8H = (H + 7) / 8;
        return name switch
        {
            "quality 0" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Quality = 0 }, null),
            "quality 101" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Quality = 101 }, null),
            "quality -5" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Quality = -5 }, null),
            "region quality 0" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Regions = [new(50), new(0)] }, null),
            "region quality 101" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Regions = [new(101)] }, null),
            "region mode 3" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Regions = [new(50, (RsgRegionMode)3)] }, null),
            "256 regions" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Regions = [.. Enumerable.Repeat(new RsgRegion(50), 256)] }, null),
            "label map too narrow" => (Rgb, W, H, W * 3, two, Map(cells8W - 1, cells8H, 8)),
            "label map too tall" => (Rgb, W, H, W * 3, two, Map(cells8W, cells8H + 1, 8)),
            "label map cell size differs" => (Rgb, W, H, W * 3, two, Map(cells8W, cells8H, 4)),
            "label 2 with 2 regions" => (Rgb, W, H, W * 3, two, Map(W, H, 1, fill: 2)),
            "label 254 with 1 region" => (Rgb, W, H, W * 3, new RsgEncoderOptions { Regions = [new(50)] }, Map(cells8W, cells8H, 8, fill: 254)),
            "labels without a region table" => (Rgb, W, H, W * 3, new RsgEncoderOptions(), Map(cells8W, cells8H, 8, fill: 1)),
            "stride too small" => (Rgb, W, H, (W * 3) - 1, RsgEncoderOptions.Default, null),
            "stride 0" => (Rgb, W, H, 0, RsgEncoderOptions.Default, null),
            "buffer too small" => (Rgb[..(W * 3 * (H - 1))], W, H, W * 3, RsgEncoderOptions.Default, null),
            "buffer one byte short" => (Rgb[..^1], W, H, W * 3, RsgEncoderOptions.Default, null),
            "empty buffer" => ([], W, H, W * 3, RsgEncoderOptions.Default, null),
            "width 0" => (Rgb, 0, H, W * 3, RsgEncoderOptions.Default, null),
            "height 0" => (Rgb, W, 0, W * 3, RsgEncoderOptions.Default, null),
            "width negative" => (Rgb, -1, H, W * 3, RsgEncoderOptions.Default, null),
            "width 2^24" => (Rgb, 1 << 24, 1, W * 3, RsgEncoderOptions.Default, null),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task BadArgumentsThrowArgumentExceptionFromEveryEncodePathAndWriteNothing(string name)
    {
        (byte[] pixels, int width, int height, int stride, RsgEncoderOptions options, RsgLabelMap? labels) = Call(name);

        Assert.ThrowsAny<ArgumentException>(() => RsgEncoder.Encode(pixels, width, height, stride, RsgPixelFormat.Rgb24, options, labels));

        var bufferWriter = new ArrayBufferWriter<byte>();
        Assert.ThrowsAny<ArgumentException>(() => RsgEncoder.Encode(pixels, width, height, stride, RsgPixelFormat.Rgb24, bufferWriter, options, labels));
        Assert.Equal(0, bufferWriter.WrittenCount);

        var stream = new MemoryStream();
        Assert.ThrowsAny<ArgumentException>(() => RsgEncoder.Encode(pixels, width, height, stride, RsgPixelFormat.Rgb24, stream, options, labels));
        Assert.Equal(0, stream.Length);

        var pipe = new Pipe();
        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await RsgEncoder.EncodeAsync(pixels, width, height, stride, RsgPixelFormat.Rgb24, pipe.Writer, options, labels));
        Assert.Equal(0, pipe.Writer.UnflushedBytes);
        await pipe.Writer.CompleteAsync();
        ReadResult read = await pipe.Reader.ReadAsync();
        Assert.True(read.Buffer.IsEmpty, "EncodeAsync wrote bytes before rejecting its arguments");
    }

    [Fact]
    public void TheSameCallsWithGoodArgumentsSucceed()
    {
        // Guards the theory above: each bad call differs from a working one only in the named argument.
        Assert.NotEmpty(RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = 1 }));
        Assert.NotEmpty(RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Quality = 100 }));
        Assert.NotEmpty(RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24,
            new RsgEncoderOptions { Regions = [.. Enumerable.Repeat(new RsgRegion(50), 255)] }, RsgLabelMap.Uniform(W, H, 8, 254)));
        Assert.NotEmpty(RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24,
            new RsgEncoderOptions { Regions = [new(30), new(80)] }, RsgLabelMap.Uniform(W, H, 1, 1)));
        Assert.NotEmpty(RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions(), RsgLabelMap.Uniform(W, H, 8)));
        Assert.NotEmpty(RsgEncoder.Encode(Rgb[..((W * 3 * (H - 1)) + (W * 3))], W, H, W * 3, RsgPixelFormat.Rgb24));
    }

    [Fact]
    public void NullOutputsThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24, (Stream)null!));
        Assert.Throws<ArgumentNullException>(() => RsgEncoder.Encode(Rgb, W, H, W * 3, RsgPixelFormat.Rgb24, (IBufferWriter<byte>)null!));
    }

    [Fact]
    public void FourBytePixelsNeedFourBytesOfStride()
    {
        byte[] rgba = Metrics.ConvertRgb24(Rgb, RsgPixelFormat.Rgba32);
        Assert.ThrowsAny<ArgumentException>(() => RsgEncoder.Encode(rgba, W, H, W * 3, RsgPixelFormat.Rgba32));
        Assert.ThrowsAny<ArgumentException>(() => RsgEncoder.Encode(rgba[..^1], W, H, W * 4, RsgPixelFormat.Bgra32));
        Assert.NotEmpty(RsgEncoder.Encode(rgba, W, H, W * 4, RsgPixelFormat.Rgba32));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(-1)]
    public void LabelMapRejectsCellSizesOtherThan1248(int cell)
    {
        Assert.ThrowsAny<ArgumentException>(() => new RsgLabelMap(4, 4, cell, new byte[16]));
    }

    [Fact]
    public void LabelMapRejectsBadShapes()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RsgLabelMap(4, 4, 8, new byte[15]));
        Assert.ThrowsAny<ArgumentException>(() => new RsgLabelMap(0, 4, 8, []));
        Assert.ThrowsAny<ArgumentException>(() => new RsgLabelMap(4, -1, 8, new byte[4]));
        Assert.ThrowsAny<ArgumentException>(() => new RsgLabelMap(4, 4, 8, null!));

        RsgLabelMap uniform = RsgLabelMap.Uniform(W, H, 4, 7);
        Assert.Equal((W + 3) / 4, uniform.Width);
        Assert.Equal((H + 3) / 4, uniform.Height);
        Assert.All(uniform.Labels, l => Assert.Equal(7, l));
        Assert.Equal(7, uniform.LabelAtPixel(W - 1, H - 1));
    }

    [Fact]
    public void AnImageBeyondTheDefaultDecoderLimitsNeedsAllowLargeImages()
    {
        // One row, one pixel wider than a default decoder accepts: small in memory, beyond the per-side limit.
        var pixels = new byte[RsgLimits.DefaultMaxWidth + 1];
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => RsgEncoder.Encode(pixels, pixels.Length, 1, pixels.Length, RsgPixelFormat.Gray8));
        Assert.Contains("AllowLargeImages", refused.Message);

        byte[] file = RsgEncoder.Encode(pixels, pixels.Length, 1, pixels.Length, RsgPixelFormat.Gray8, new RsgEncoderOptions { AllowLargeImages = true });
        RsgFormatException limit = Assert.Throws<RsgFormatException>(() => RsgDecoder.Identify(file));
        Assert.Equal(RsgError.LimitExceeded, limit.Error);
        Assert.Contains("exceeds this decoder's limit", limit.Message);
        Assert.Equal(pixels.Length, RsgDecoder.Identify(file, new RsgDecoderOptions { MaxWidth = pixels.Length }).Width);
    }
}
