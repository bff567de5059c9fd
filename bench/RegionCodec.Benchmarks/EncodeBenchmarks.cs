using System.Buffers;
using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Encoding one photograph at quality 75 with 4:2:0 chroma: .rsg against ImageSharp's JPEG encoder. Both write
/// into a reused in-memory buffer, so neither pays for growing or copying its output array.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private readonly JpegEncoder jpegEncoder = new() { Quality = 75, ColorType = JpegColorType.YCbCrRatio420 };
    private readonly ArrayBufferWriter<byte> rsgOutput = new(1 << 20);
    private readonly MemoryStream jpegOutput = new(1 << 20);

    private RsgEncoderOptions rsgOptions = RsgEncoderOptions.Default;
    private RgbImage source = null!;
    private Image<Rgb24> image = null!;

    [GlobalSetup]
    public void Setup()
    {
        source = RgbImage.Load(BenchImage.ResolvePath());
        image = source.ToImageSharp();
        rsgOptions = new RsgEncoderOptions
        {
            Quality = 75,
            Subsampling = RsgChromaSubsampling.Yuv420,
            StripHeight = BenchImage.StripHeight(),
        };

        Console.WriteLine($"// Image: {source.Path} ({source.Width}x{source.Height}, {source.Megapixels:F2} MP)");
        Console.WriteLine($"// .rsg q75 4:2:0: {RsgEncode():N0} bytes; JPEG q75 4:2:0 (ImageSharp): {ImageSharpJpeg():N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => image.Dispose();

    [Benchmark(Baseline = true)]
    public long ImageSharpJpeg()
    {
        jpegOutput.SetLength(0);
        image.Save(jpegOutput, jpegEncoder);
        return jpegOutput.Length;
    }

    [Benchmark]
    public long RsgEncode()
    {
        rsgOutput.ResetWrittenCount();
        RsgEncoder.Encode(source.Pixels, source.Width, source.Height, source.Stride, RsgPixelFormat.Rgb24, rsgOutput, rsgOptions);
        return rsgOutput.WrittenCount;
    }
}
