using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;

namespace RegionCodec.ImageSharp;

/// <summary>
/// Maps a file's ICC profile, EXIF and XMP (spec/rsg.md §4.8–§4.10) to ImageSharp 2.1's
/// <see cref="ImageMetadata.IccProfile"/>, <see cref="ImageMetadata.ExifProfile"/> and
/// <see cref="ImageMetadata.XmpProfile"/>, and back. The plugin's decoder and encoder use it; it is public for
/// tools that move pixels between ImageSharp and the codec's own API.
/// </summary>
public static class RsgProfiles
{
    private static readonly byte[] JpegExifPrefix = "Exif\0\0"u8.ToArray();

    /// <summary>Puts what the file carries on <paramref name="target"/>; absent items become null.</summary>
    /// <param name="source">The decoded file's metadata (<see cref="RsgImageInfo.Metadata"/>).</param>
    /// <param name="target">The image's metadata to fill.</param>
    public static void Apply(RsgImageMetadata source, ImageMetadata target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        target.IccProfile = source.IccProfile is { } icc ? new IccProfile(icc) : null;
        target.ExifProfile = source.Exif is { } exif ? new ExifProfile(exif) : null;
        target.XmpProfile = source.Xmp is { } xmp ? new XmpProfile(xmp) : null;
    }

    /// <summary>
    /// What of <paramref name="source"/> an .rsg file can carry, or null when nothing: each profile's bytes
    /// (EXIF without a JPEG <c>Exif\0\0</c> prefix), leaving out any that the format's decoders would ignore as
    /// malformed (an ICC profile whose header does not match its bytes, EXIF that is not a TIFF stream, XMP that
    /// is not UTF-8), since a save should not fail over metadata the image merely carries along.
    /// </summary>
    /// <param name="source">The image's metadata.</param>
    public static RsgImageMetadata? FromImage(ImageMetadata source)
    {
        ArgumentNullException.ThrowIfNull(source);
        byte[]? icc = source.IccProfile?.ToByteArray();
        byte[]? exif = source.ExifProfile?.ToByteArray();
        if (exif is not null && exif.AsSpan().StartsWith(JpegExifPrefix))
        {
            exif = exif[JpegExifPrefix.Length..];
        }

        byte[]? xmp = source.XmpProfile?.ToByteArray();
        var metadata = new RsgImageMetadata
        {
            IccProfile = icc is not null && RsgImageMetadata.IsValidIccProfile(icc) ? icc : null,
            Exif = exif is not null && RsgImageMetadata.IsValidExif(exif) ? exif : null,
            Xmp = xmp is not null && RsgImageMetadata.IsValidXmp(xmp) ? xmp : null,
        };
        return metadata.IsEmpty ? null : metadata;
    }
}
