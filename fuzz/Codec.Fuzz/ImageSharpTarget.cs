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

    /// <summary>
    /// The plugin's metadata mapping: Load and Identify put exactly the file's ICC profile, EXIF and XMP (as the
    /// codec reports them) on the image's metadata, and the region names on <see cref="RsgMetadata"/>. Profiles are
    /// compared by presence and XMP by bytes (ImageSharp may re-serialise parsed ICC and EXIF).
    /// </summary>
    private static void CheckProfiles(byte[] input, SixLabors.ImageSharp.Metadata.ImageMetadata loaded, SixLabors.ImageSharp.Metadata.ImageMetadata identified)
    {
        RsgImageInfo file = RsgDecoder.Identify(input, FuzzTargets.Options);
        foreach (SixLabors.ImageSharp.Metadata.ImageMetadata m in new[] { loaded, identified })
        {
            FuzzTargets.Require((m.IccProfile is null) == (file.Metadata.IccProfile is null), "ICC profile mapped wrongly");
            FuzzTargets.Require((m.ExifProfile is null) == (file.Metadata.Exif is null), "EXIF mapped wrongly");
            FuzzTargets.Require(m.XmpProfile is null ? file.Metadata.Xmp is null : m.XmpProfile.ToByteArray().AsSpan().SequenceEqual(file.Metadata.Xmp),
                "XMP mapped wrongly");
            FuzzTargets.Require(m.GetRsgMetadata().RegionNames.SequenceEqual(file.Regions.Select(r => r.Name)), "region names mapped wrongly");
        }
    }

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
            CheckProfiles(input, image.Metadata, info!.Metadata);
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
