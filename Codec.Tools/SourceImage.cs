namespace RegionCodec.Tools;

/// <summary>
/// An encode input as packed 8-bit pixels: <see cref="RsgPixelFormat.Rgb24"/>, or <see cref="RsgPixelFormat.Rgba32"/>
/// when the image has alpha that is not everywhere opaque (so the .rsg file keeps it); with the ICC profile, EXIF
/// and XMP an .rsg file can carry from it (null when none).
/// </summary>
internal sealed record SourceImage(byte[] Pixels, int Width, int Height, RsgPixelFormat Format, RsgImageMetadata? Metadata = null)
{
    /// <summary>Bytes per row (rows are packed).</summary>
    public int Stride => Width * Format.BytesPerPixel();
}
