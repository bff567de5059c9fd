using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>Alpha through the plugin: kept exactly from any pixel type that has it, loaded as Rgba32 / La16, dropped by types without it.</summary>
public class AlphaTests
{
    [Fact]
    public void Rgba32CutoutKeepsItsAlphaExactlyAndLoadsAsRgba32()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> cutout = Cutout(configuration);
        byte[] file = Encode(cutout);
        Assert.True(RsgDecoder.Identify(file).HasAlpha);

        IImageInfo info = Image.Identify(configuration, new MemoryStream(file))!;
        Assert.Equal((32, PixelAlphaRepresentation.Unassociated), (info.PixelType.BitsPerPixel, info.PixelType.AlphaRepresentation));

        using Image image = Image.Load(configuration, file);
        Image<Rgba32> loaded = Assert.IsType<Image<Rgba32>>(image);
        Assert.Equal(Alpha(cutout), Alpha(loaded));
        AssertPsnr(cutout, loaded, 32);
    }

    [Fact]
    public void LoadingAnAlphaFileAsRgb24DropsTheAlphaWithoutCompositing()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> cutout = Cutout(configuration);
        byte[] file = Encode(cutout);
        using Image<Rgba32> rgba = Image.Load<Rgba32>(configuration, file);
        using Image<Rgb24> rgb = Image.Load<Rgb24>(configuration, file);
        byte[] expected = new byte[256 * 256 * 3];
        int i = 0;
        rgba.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                foreach (Rgba32 p in accessor.GetRowSpan(y))
                {
                    (expected[i], expected[i + 1], expected[i + 2]) = (p.R, p.G, p.B);
                    i += 3;
                }
            }
        });
        byte[] actual = new byte[expected.Length];
        rgb.CopyPixelDataTo(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OpaqueRgba32ImagesAreStoredWithoutAlpha()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        using Image<Rgba32> opaque = photo.CloneAs<Rgba32>();
        byte[] file = Encode(opaque);
        Assert.False(RsgDecoder.Identify(file).HasAlpha);
        Assert.Equal(Encode(photo), file);
        using Image image = Image.Load(configuration, file);
        Assert.IsType<Image<Rgb24>>(image);
    }

    [Fact]
    public void La16ImagesKeepGrayAndAlphaAndLoadAsLa16()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> cutout = Cutout(configuration);
        using Image<La16> grayAlpha = cutout.CloneAs<La16>();
        byte[] file = Encode(grayAlpha);
        RsgImageInfo info = RsgDecoder.Identify(file);
        Assert.Equal((RsgColorModel.Gray, true), (info.ColorModel, info.HasAlpha));

        using Image image = Image.Load(configuration, file);
        Image<La16> loaded = Assert.IsType<Image<La16>>(image);
        Assert.Equal(Alpha(cutout), Alpha(loaded));
        AssertPsnr(grayAlpha, loaded, 35);
    }

    [Fact]
    public void Rgba64AlphaIsKeptAt8Bits()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> cutout = Cutout(configuration);
        using Image<Rgba64> deep = cutout.CloneAs<Rgba64>();
        Assert.Equal(Alpha(cutout), Alpha(deep));
        using Image<Rgba32> loaded = Image.Load<Rgba32>(configuration, Encode(deep));
        Assert.Equal(Alpha(cutout), Alpha(loaded));
    }

    [Fact]
    public void AlphaDropStoresTheColourOnly()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> cutout = Cutout(configuration);
        RsgImageEncoder encoder = Encoder();
        byte[] dropped = Encode(cutout, new RsgImageEncoder { Quality = encoder.Quality, StripHeight = encoder.StripHeight, Segmenter = null, Alpha = RsgAlphaMode.Drop });
        Assert.False(RsgDecoder.Identify(dropped).HasAlpha);
        using Image<Rgb24> rgb = cutout.CloneAs<Rgb24>();
        Assert.Equal(Encode(rgb), dropped);
    }

    private static byte[] Alpha<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        byte[] alpha = new byte[image.Width * image.Height];
        int i = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                foreach (TPixel p in accessor.GetRowSpan(y))
                {
                    Rgba32 rgba = default;
                    p.ToRgba32(ref rgba);
                    alpha[i++] = rgba.A;
                }
            }
        });
        return alpha;
    }
}
