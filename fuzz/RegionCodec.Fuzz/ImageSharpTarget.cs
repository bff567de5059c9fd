using RegionCodec.ImageSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Fuzz;

/// <summary>
/// ImageSharp's <c>Image.Load</c> and <c>Image.Identify</c> of arbitrary bytes through the .rsg plugin
/// (Codec.ImageSharp), with only the .rsg format registered. Allowed failures are ImageSharp's own:
/// <see cref="UnknownImageFormatException"/> (not an .rsg signature) and
/// <see cref="InvalidImageContentException"/> wrapping the codec's <see cref="RsgFormatException"/>.
/// </summary>
internal static class ImageSharpTarget
{
    private static readonly Configuration Configuration = new(new RsgConfigurationModule(
        new RsgImageEncoder(),
        new RsgImageDecoder { MaxWidth = FuzzTargets.Options.MaxWidth, MaxHeight = FuzzTargets.Options.MaxHeight, MaxPixels = FuzzTargets.Options.MaxPixels }))
    {
        MaxDegreeOfParallelism = 1,
    };

    public static void Load(byte[] input)
    {
        IImageInfo? info = null;
        try
        {
            info = Image.Identify(Configuration, new MemoryStream(input, writable: false));
        }
        catch (InvalidImageContentException e) when (e.InnerException is RsgFormatException)
        {
        }

        try
        {
            using Image image = Image.Load(Configuration, input);
            FuzzTargets.Require(info is not null && info.Width == image.Width && info.Height == image.Height,
                "Image.Load succeeded where Identify failed or disagreed on the size");
        }
        catch (UnknownImageFormatException)
        {
            FuzzTargets.Require(info is null, "Identify recognised what Load did not");
        }
        catch (InvalidImageContentException e) when (e.InnerException is RsgFormatException)
        {
        }

        try
        {
            using Image<Rgba32> image = Image.Load<Rgba32>(Configuration, new MemoryStream(input, writable: false));
        }
        catch (UnknownImageFormatException)
        {
        }
        catch (InvalidImageContentException e) when (e.InnerException is RsgFormatException)
        {
        }
    }
}
