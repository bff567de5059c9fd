using System.Buffers;
using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Encoding one photograph: .rsg (quality 75, 4:2:0) against ImageSharp's JPEG encoder (quality 75, 4:2:0) and its
/// PNG encoder (default compression), each on all cores and on one thread. Every encoder writes into a reused
/// in-memory buffer, so none pays for growing or copying its output array.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private readonly JpegEncoder jpegEncoder = new() { Quality = 75, ColorType = JpegColorType.YCbCrRatio420 };
    private readonly PngEncoder pngEncoder = new();
    private readonly ArrayBufferWriter<byte> rsgOutput = new(1 << 20);
    private readonly MemoryStream imageSharpOutput = new(1 << 20);

    private RsgEncoderOptions rsgOptions = RsgEncoderOptions.Default;
    private RsgEncoderOptions rsgSerialOptions = RsgEncoderOptions.Default;
    private RgbImage source = null!;

    // ImageSharp encoders take their parallelism from the image's configuration, so one image per configuration.
    private Image<Rgb24> image = null!;
    private Image<Rgb24> imageSerial = null!;

    [GlobalSetup]
    public void Setup()
    {
        source = RgbImage.Load(BenchImage.ResolvePath());
        image = source.ToImageSharp();
        imageSerial = source.ToImageSharp(ImageSharpSetup.SingleThreaded());
        RsgEncoderOptions Options(int degree) => new()
        {
            Quality = 75,
            Subsampling = RsgChromaSubsampling.Yuv420,
            StripHeight = BenchImage.StripHeight(),
            MaxDegreeOfParallelism = degree,
        };
        rsgOptions = Options(-1);
        rsgSerialOptions = Options(1);

        // Printed by every benchmark process, so the sizes sit next to the numbers in the log.
        long rsgBytes = RsgEncode();
        RsgImageInfo info = RsgDecoder.Identify(rsgOutput.WrittenSpan);
        Console.WriteLine($"// Image: {source.Path} ({source.Width}x{source.Height}, {source.Megapixels:F2} MP), {Environment.ProcessorCount} cores");
        Console.WriteLine($"// .rsg q75 4:2:0: {rsgBytes:N0} bytes, {info.StripCount} strip(s) of {info.StripHeight} rows; " +
            $"JPEG q75 4:2:0 (ImageSharp): {ImageSharpJpeg():N0} bytes; PNG (ImageSharp default): {ImageSharpPng():N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        image.Dispose();
        imageSerial.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long ImageSharpJpeg() => Save(image, jpegEncoder);

    [Benchmark]
    public long ImageSharpJpegSerial() => Save(imageSerial, jpegEncoder);

    [Benchmark]
    public long ImageSharpPng() => Save(image, pngEncoder);

    [Benchmark]
    public long ImageSharpPngSerial() => Save(imageSerial, pngEncoder);

    [Benchmark]
    public long RsgEncode() => Rsg(rsgOptions);

    [Benchmark]
    public long RsgEncodeSerial() => Rsg(rsgSerialOptions);

    private long Save(Image<Rgb24> picture, IImageEncoder encoder)
    {
        imageSharpOutput.SetLength(0);
        picture.Save(imageSharpOutput, encoder);
        return imageSharpOutput.Length;
    }

    private long Rsg(RsgEncoderOptions options)
    {
        rsgOutput.ResetWrittenCount();
        RsgEncoder.Encode(source.Pixels, source.Width, source.Height, source.Stride, RsgPixelFormat.Rgb24, rsgOutput, options);
        return rsgOutput.WrittenCount;
    }
}
