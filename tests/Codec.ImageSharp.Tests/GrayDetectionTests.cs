using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>SaveAsRsg stores a colour image whose R, G and B are equal everywhere as gray, unless Grayscale = false.</summary>
public class GrayDetectionTests
{
    [Fact] public void Rgb24_gray_content_is_stored_as_gray() => StoredAsGray<Rgb24>();

    [Fact] public void Bgra32_gray_content_is_stored_as_gray() => StoredAsGray<Bgra32>();

    [Fact] public void Rgba64_gray_content_is_stored_as_gray() => StoredAsGray<Rgba64>();

    [Fact]
    public void GrayContentWithVaryingAlphaIsStoredAsGrayWithItsAlphaExact()
    {
        Configuration configuration = NewConfiguration();
        using Image<L8> camera = Camera(configuration);
        using Image<Rgba32> withAlpha = camera.CloneAs<Rgba32>();
        withAlpha.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x].A = (byte)(x + y);
                }
            }
        });

        byte[] file = Encode(withAlpha);
        RsgImageInfo info = RsgDecoder.Identify(file);
        Assert.Equal(RsgColorModel.Gray, info.ColorModel);
        Assert.True(info.HasAlpha);

        // Gray levels as the L8 image gives them, alpha exactly as it was.
        RsgImage decoded = RsgDecoder.Decode(file);
        RsgImage grayOnly = RsgDecoder.Decode(Encode(camera));
        Assert.Equal(RsgPixelFormat.GrayAlpha16, decoded.PixelFormat);
        for (int i = 0; i < grayOnly.Pixels.Length; i++)
        {
            int y = i / camera.Width, x = i % camera.Width;
            Assert.Equal(grayOnly.Pixels[i], decoded.Pixels[2 * i]);
            Assert.Equal((byte)(x + y), decoded.Pixels[(2 * i) + 1]);
        }
    }

    [Fact]
    public void ColourPhotographStaysColourAndGrayscaleFalseKeepsGrayContentColour()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        Assert.Equal(RsgColorModel.YCbCr, ColorModelOf(Encode(photo)));

        using Image<Rgb24> grayContent = Camera(configuration).CloneAs<Rgb24>();
        byte[] kept = Encode(grayContent, new RsgImageEncoder { Quality = 90, StripHeight = 64, Segmenter = null, Grayscale = false });
        byte[] detected = Encode(grayContent);
        Assert.Equal(RsgColorModel.YCbCr, ColorModelOf(kept));
        Assert.Equal(RsgColorModel.Gray, ColorModelOf(detected));
        // Flat chroma planes cost the adaptive coder little (measured: 59442 B gray vs 59486 B colour); gray also decodes
        // one plane instead of three, with no colour conversion, into a third of the memory.
        Assert.True(detected.Length < kept.Length, $"gray {detected.Length} B vs colour {kept.Length} B");
    }

    [Fact]
    public void DetectionAppliesWithTheDefaultSegmenterToo()
    {
        Configuration configuration = NewConfiguration();
        using Image<L8> camera = Camera(configuration);
        using Image<Rgb24> grayContent = camera.CloneAs<Rgb24>();
        var encoder = new RsgImageEncoder { Quality = 70 };
        byte[] file = Encode(grayContent, encoder);
        Assert.Equal(RsgColorModel.Gray, ColorModelOf(file));
        Assert.Equal(Encode(camera, encoder), file);
    }

    private static void StoredAsGray<TPixel>()
        where TPixel : unmanaged, IPixel<TPixel>
    {
        Configuration configuration = NewConfiguration();
        using Image<L8> camera = Camera(configuration);
        using Image<TPixel> grayContent = camera.CloneAs<TPixel>();
        byte[] file = Encode(grayContent);

        Assert.Equal(RsgColorModel.Gray, ColorModelOf(file));
        Assert.Equal(Encode(camera), file);
        using Image decoded = Image.Load(configuration, file);
        Assert.IsType<Image<L8>>(decoded);
    }

    private static RsgColorModel ColorModelOf(byte[] file) => RsgDecoder.Identify(file).ColorModel;
}
