using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

public class RoundTripTests
{
    [Fact] public void Rgba32() => RoundTrip<Rgba32>();

    [Fact] public void Rgb24() => RoundTrip<Rgb24>();

    [Fact] public void Bgra32() => RoundTrip<Bgra32>();

    [Fact] public void Rgba64() => RoundTrip<Rgba64>();

    [Fact] public void Bgr24() => RoundTrip<Bgr24>();

    [Fact] public void RgbaVector() => RoundTrip<RgbaVector>();

    private static void RoundTrip<TPixel>()
        where TPixel : unmanaged, IPixel<TPixel>
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image<TPixel> source = photo.CloneAs<TPixel>();
        byte[] file = Encode(source);

        using Image<TPixel> decoded = Image.Load<TPixel>(configuration, file);
        Assert.Equal(source.Size(), decoded.Size());
        double psnr = Psnr(source, decoded);
        Assert.True(psnr > 32, $"PSNR {psnr:F2} dB");

        // Every pixel type decodes to the same pixels.
        using Image<Rgb24> reference = Image.Load<Rgb24>(configuration, file);
        Assert.Equal(Rgb24Bytes(reference), Rgb24Bytes(decoded));
    }

    [Fact]
    public void L8IsStoredAsGrayAndDecodesToL8()
    {
        Configuration configuration = NewConfiguration();
        using Image<L8> camera = Camera(configuration);
        byte[] file = Encode(camera);

        IImageInfo info = Image.Identify(configuration, new MemoryStream(file))!;
        Assert.Equal(8, info.PixelType.BitsPerPixel);
        Assert.Equal(RsgColorModel.Gray, info.Metadata.GetRsgMetadata().ColorModel);

        using Image image = Image.Load(configuration, file);
        Image<L8> gray = Assert.IsType<Image<L8>>(image);
        AssertPsnr(camera, gray, 32);

        using Image<Rgba32> asColour = Image.Load<Rgba32>(configuration, file);
        Assert.Equal(Rgb24Bytes(gray), Rgb24Bytes(asColour));
    }

    [Fact]
    public void ColourFilesLoadAsRgb24WithoutAPixelType()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image image = Image.Load(configuration, Encode(photo), out var format);
        Assert.IsType<Image<Rgb24>>(image);
        Assert.Same(RsgFormat.Instance, format);
    }

    [Fact]
    public void QualityAndSubsamplingOptionsTakeEffect()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] low = Encode(photo, new RsgImageEncoder { Quality = 20, Segmenter = null });
        byte[] high = Encode(photo, new RsgImageEncoder { Quality = 95, Subsampling = RsgChromaSubsampling.Yuv444, Segmenter = null });
        Assert.True(low.Length * 3 < high.Length, $"{low.Length} vs {high.Length}");
        using Image<Rgb24> a = Image.Load<Rgb24>(configuration, low), b = Image.Load<Rgb24>(configuration, high);
        Assert.True(Psnr(photo, b) > Psnr(photo, a) + 5);
        Assert.Equal(RsgChromaSubsampling.Yuv444, b.Metadata.GetRsgMetadata().Subsampling);
        Assert.Equal(95, Assert.Single(b.Metadata.GetRsgMetadata().Regions).Quality);
    }

    [Fact]
    public void TableAndDeblockingOptionsReachTheFile()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] defaults = Encode(photo, new RsgImageEncoder { Quality = 30, Segmenter = null });
        byte[] jpegLike = Encode(photo, new RsgImageEncoder
        {
            Quality = 30,
            Segmenter = null,
            QuantizationTables = RsgQuantizationTables.JpegAnnexK,
            Deblocking = false,
        });
        RsgImageInfo a = RsgDecoder.Identify(defaults), b = RsgDecoder.Identify(jpegLike);
        Assert.Equal((RsgQuantizationTables.Tilted, true), (a.QuantizationTables, a.Deblocking));
        Assert.Equal((RsgQuantizationTables.JpegAnnexK, false), (b.QuantizationTables, b.Deblocking));
        Assert.NotEqual(defaults, jpegLike);

        // Loading reports both in the image's metadata, and a deep clone keeps them.
        using Image<Rgb24> loaded = Image.Load<Rgb24>(configuration, jpegLike);
        RsgMetadata metadata = loaded.Metadata.GetRsgMetadata();
        Assert.Equal((RsgQuantizationTables.JpegAnnexK, false), (metadata.QuantizationTables, metadata.Deblocking));
        var clone = (RsgMetadata)metadata.DeepClone();
        Assert.Equal((RsgQuantizationTables.JpegAnnexK, false), (clone.QuantizationTables, clone.Deblocking));
        using Image<Rgb24> loadedDefaults = Image.Load<Rgb24>(configuration, defaults);
        Assert.Equal((RsgQuantizationTables.Tilted, true),
            (loadedDefaults.Metadata.GetRsgMetadata().QuantizationTables, loadedDefaults.Metadata.GetRsgMetadata().Deblocking));
    }

    [Fact]
    public void DiscontiguousImageBuffersFromACustomAllocatorRoundTrip()
    {
        var allocator = new CountingAllocator();
        Configuration configuration = NewConfiguration();
        configuration.MemoryAllocator = allocator;
        using Image<Rgb24> photo = Astronaut(configuration);
        Assert.False(photo.DangerousTryGetSinglePixelMemory(out _));
        byte[] file = Encode(photo);

        long before = allocator.BytesAllocated;
        using Image<Rgba32> decoded = Image.Load<Rgba32>(configuration, file);
        Assert.False(decoded.DangerousTryGetSinglePixelMemory(out _));

        // The decoded image's pixels came from the configuration's allocator.
        Assert.True(allocator.BytesAllocated - before >= 512L * 512 * 4);
        AssertPsnr(photo, decoded, 32);
    }

    [Fact]
    public void SerialAndParallelDecodesGiveIdenticalPixels()
    {
        // -1 is "unlimited" (note: ImageSharp 2.1.13's own CloneAs converts wrongly at -1, so no CloneAs here).
        Configuration serial = NewConfiguration(maxDegreeOfParallelism: 1);
        using Image<Rgb24> photo = Astronaut(serial);
        byte[] file = Encode(photo);
        using Image<Rgb24> reference = Image.Load<Rgb24>(serial, file);
        byte[] expected = new byte[512 * 512 * 3];
        reference.CopyPixelDataTo(expected);
        foreach (int degree in new[] { 2, 3, -1 })
        {
            using Image<Rgb24> decoded = Image.Load<Rgb24>(NewConfiguration(degree), file);
            byte[] actual = new byte[expected.Length];
            decoded.CopyPixelDataTo(actual);
            Assert.Equal(expected, actual);
        }
    }
}
