using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>
/// Decoding one photograph: .rsg (quality 75, 4:2:0) against ImageSharp decoding a JPEG of about the same byte
/// size, and a PNG of the same pixels. Every decoder reads from memory and produces packed 8-bit RGB. The
/// EqualPsnr rows decode an .rsg file of the JPEG's quality instead of its size: smaller, so faster to decode.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private static readonly RsgDecoderOptions SerialOptions = new() { MaxDegreeOfParallelism = 1 };
    private static readonly RsgDecoderOptions AllCoresOptions = new() { MaxDegreeOfParallelism = -1 };

    private readonly Configuration imageSharpSerial = ImageSharpSetup.SingleThreaded();
    private readonly JpegDecoder jpegDecoder = new();
    private readonly PngDecoder pngDecoder = new();

    private byte[] rsg = [];
    private byte[] rsgEqualPsnr = [];
    private byte[] jpeg = [];
    private byte[] png = [];
    private byte[] pixels = [];
    private int stride;

    [GlobalSetup]
    public void Setup()
    {
        RgbImage source = RgbImage.Load(BenchImage.ResolvePath());
        var options = new RsgEncoderOptions
        {
            Quality = 75,
            Subsampling = RsgChromaSubsampling.Yuv420,
            StripHeight = BenchImage.StripHeight(),
        };
        rsg = RsgEncoder.Encode(source.Pixels, source.Width, source.Height, source.Stride, RsgPixelFormat.Rgb24, options);
        pixels = new byte[source.Pixels.Length];
        stride = source.Stride;

        using Image<Rgb24> image = source.ToImageSharp();
        (int jpegQuality, jpeg) = ImageSharpSetup.MatchJpegSize(image, rsg.Length);
        png = ImageSharpSetup.EncodePng(image);
        double jpegPsnr = Psnr.Rgb(source.Pixels, ImageSharpSetup.DecodeToRgb(jpeg));
        (int equalQuality, rsgEqualPsnr, double equalPsnr) = MatchRsgPsnr(source, options, jpegPsnr);

        // Printed by every benchmark process, so the sizes and qualities sit next to the numbers in the log.
        RsgImage decoded = RsgDecoder.Decode(rsg);
        double sizeDelta = (jpeg.Length - (double)rsg.Length) / rsg.Length;
        Console.WriteLine($"// Image: {source.Path} ({source.Width}x{source.Height}, {source.Megapixels:F2} MP)");
        Console.WriteLine($"// .rsg  q75 4:2:0: {rsg.Length,10:N0} bytes, {decoded.Info.StripCount} strip(s) of {decoded.Info.StripHeight} rows, " +
            $"PSNR {Psnr.Rgb(source.Pixels, decoded.Pixels):F2} dB");
        Console.WriteLine($"// JPEG q{jpegQuality} 4:2:0 (ImageSharp): {jpeg.Length,10:N0} bytes ({sizeDelta:+0.0%;-0.0%} vs .rsg), " +
            $"PSNR {Psnr.Rgb(source.Pixels, ImageSharpSetup.DecodeToRgb(jpeg)):F2} dB");
        Console.WriteLine($"// .rsg q{equalQuality} (the JPEG's PSNR): {rsgEqualPsnr.Length,10:N0} bytes, PSNR {equalPsnr:F2} dB");
        Console.WriteLine($"// PNG (ImageSharp default): {png.Length,10:N0} bytes");
        if (Math.Abs(sizeDelta) > 0.05)
        {
            Console.WriteLine("// WARNING: no JPEG quality lands within 5% of the .rsg size; the closest one is used.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ImageSharpJpeg() => Load(Configuration.Default, jpeg, jpegDecoder);

    [Benchmark]
    public int ImageSharpJpegSerial() => Load(imageSharpSerial, jpeg, jpegDecoder);

    [Benchmark]
    public int ImageSharpPng() => Load(Configuration.Default, png, pngDecoder);

    [Benchmark]
    public int ImageSharpPngSerial() => Load(imageSharpSerial, png, pngDecoder);

    [Benchmark]
    public RsgImage Rsg() => RsgDecoder.Decode(rsg, AllCoresOptions);

    [Benchmark]
    public RsgImage RsgSerial() => RsgDecoder.Decode(rsg, SerialOptions);

    [Benchmark]
    public RsgImage RsgEqualPsnr() => RsgDecoder.Decode(rsgEqualPsnr, AllCoresOptions);

    [Benchmark]
    public RsgImage RsgEqualPsnrSerial() => RsgDecoder.Decode(rsgEqualPsnr, SerialOptions);

    /// <summary>The lowest .rsg quality whose PSNR reaches <paramref name="target"/> (binary search; PSNR rises with quality).</summary>
    private static (int Quality, byte[] File, double Psnr) MatchRsgPsnr(RgbImage source, RsgEncoderOptions options, double target)
    {
        (byte[] File, double Psnr) At(int q)
        {
            byte[] file = RsgEncoder.Encode(source.Pixels, source.Width, source.Height, source.Stride, RsgPixelFormat.Rgb24,
                options with { Quality = q });
            return (file, Psnr.Rgb(source.Pixels, RsgDecoder.Decode(file).Pixels));
        }

        int lo = 1, hi = 100;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (At(mid).Psnr >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        (byte[] best, double psnr) = At(lo);
        return (lo, best, psnr);
    }

    // Not a like-for-like row: into a reused buffer, it shows how much of RsgSerial is the 3 bytes/pixel
    // allocation (a large-object-heap array) rather than decoding. ImageSharp rents its pixels from a pool.
    [Benchmark]
    public int RsgSerialInto() => RsgDecoder.DecodeInto(rsg, pixels, stride, SerialOptions).Width;

    // Passing the decoder skips format sniffing, as RsgDecoder does; the stream wraps the array without copying.
    private static int Load(Configuration configuration, byte[] data, IImageDecoder decoder)
    {
        using var stream = new MemoryStream(data, writable: false);
        using Image<Rgb24> image = Image.Load<Rgb24>(configuration, stream, decoder);
        return image.Width;
    }
}
