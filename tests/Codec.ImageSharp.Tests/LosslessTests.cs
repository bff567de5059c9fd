using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>The encoder's Lossless option: one lossless region (spec/rsg.md §9.5), decoded back to the same pixels.</summary>
public class LosslessTests
{
    [Fact]
    public void LosslessScreenshotWithAlphaAndGrayPhotoComeBackExactly()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> screen = Image.Load<Rgba32>(configuration, DataPath("screen-gui-crop.png"));
        using Image<L8> camera = Camera(configuration);
        var encoder = new RsgImageEncoder { Lossless = true };

        using Image<Rgba32> screenBack = Image.Load<Rgba32>(configuration, Encode(screen, encoder));
        using Image<L8> cameraBack = Image.Load<L8>(configuration, Encode(camera, encoder));

        Assert.Equal(Pixels(screen), Pixels(screenBack));
        Assert.Equal(Pixels(camera), Pixels(cameraBack));
        Assert.Equal(RsgRegionMode.Lossless, Assert.Single(RsgDecoder.Identify(Encode(camera, encoder)).Regions).Mode);
    }

    [Fact]
    public void LosslessWithALabelMapIsRefused()
    {
        Configuration configuration = NewConfiguration();
        using Image<L8> camera = Camera(configuration);
        var encoder = new RsgImageEncoder { Lossless = true, Labels = RsgLabelMap.Uniform(camera.Width, camera.Height, 8), Regions = [new(50)] };
        Assert.Throws<ArgumentException>(() => Encode(camera, encoder));
    }

    private static byte[] Pixels<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        byte[] bytes = new byte[image.Width * image.Height * System.Runtime.CompilerServices.Unsafe.SizeOf<TPixel>()];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }
}
