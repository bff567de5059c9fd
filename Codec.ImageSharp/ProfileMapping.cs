using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;

namespace RegionCodec.ImageSharp;

/// <summary>
/// Maps a file's ICC profile, EXIF and XMP (spec/rsg.md §4.8–§4.10) to ImageSharp 2.1's
/// <see cref="ImageMetadata.IccProfile"/>, <see cref="ImageMetadata.ExifProfile"/> and
/// <see cref="ImageMetadata.XmpProfile"/>, and back.
/// </summary>
internal static class ProfileMapping
{
    private static readonly byte[] JpegExifPrefix = "Exif\0\0"u8.ToArray();

    /// <summary>Puts what the file carries on <paramref name="target"/>; absent items stay null.</summary>
    public static void Apply(RsgImageMetadata source, ImageMetadata target)
    {
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
    public static RsgImageMetadata? FromImage(ImageMetadata source)
    {
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
