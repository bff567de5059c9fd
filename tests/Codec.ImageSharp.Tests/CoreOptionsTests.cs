using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>The plugin holds the codec's option records; its own codec-option properties read and write them.</summary>
public class CoreOptionsTests
{
    [Fact]
    public void AnOptionThePluginDoesNotMirrorReachesTheCodec()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] rgb = Rgb24Bytes(photo);
        var plain = new RsgEncoderOptions { Quality = 60, StripHeight = 64, OptimizeQuantization = false };

        byte[] file = Encode(photo, new RsgImageEncoder { Options = plain, Segmenter = null });

        Assert.Equal(RsgEncoder.Encode(rgb, photo.Width, photo.Height, photo.Width * 3, RsgPixelFormat.Rgb24, plain), file);
        Assert.NotEqual(Encode(photo, new RsgImageEncoder { Options = plain with { OptimizeQuantization = true }, Segmenter = null }), file);
    }

    [Fact]
    public void MirroredPropertiesReadAndWriteTheOptions()
    {
        var encoder = new RsgImageEncoder
        {
            Options = new RsgEncoderOptions { Quality = 40, Deblocking = false, QuantizationTables = RsgQuantizationTables.JpegAnnexK },
            StripHeight = 32,
            Segmenter = null,
        };

        Assert.Equal(40, encoder.Quality);
        Assert.Equal(32, encoder.Options.StripHeight);
        Assert.Equal(new RsgEncoderOptions { Quality = 40, Deblocking = false, QuantizationTables = RsgQuantizationTables.JpegAnnexK, StripHeight = 32 }, encoder.Options);

        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        RsgImageInfo info = RsgDecoder.Identify(Encode(photo, encoder));
        Assert.False(info.Deblocking);
        Assert.Equal(RsgQuantizationTables.JpegAnnexK, info.QuantizationTables);
        Assert.Equal(32, info.StripHeight);
        Assert.Equal(40, info.Regions[0].Quality);
    }

    [Fact]
    public void DecoderLimitsComeFromTheCoreOptions()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        var decoder = new RsgImageDecoder { Options = new RsgDecoderOptions { MaxWidth = 511, MaxDegreeOfParallelism = 1 } };
        Assert.Equal(511, decoder.MaxWidth);

        var e = Assert.Throws<InvalidImageContentException>(() => Image.Load<Rgb24>(new Configuration(new RsgConfigurationModule(new RsgImageEncoder(), decoder)), file));
        Assert.Equal(RsgError.LimitExceeded, Assert.IsType<RsgFormatException>(e.InnerException).Error);

        var wide = new RsgImageDecoder { Options = decoder.Options, MaxWidth = 512 };
        using Image<Rgb24> loaded = Image.Load<Rgb24>(new Configuration(new RsgConfigurationModule(new RsgImageEncoder(), wide)), file);
        Assert.Equal(512, loaded.Width);
        Assert.Equal(RsgDecoderOptions.Default with { MaxWidth = 511, MaxDegreeOfParallelism = 1 }, decoder.Options);
    }
}
