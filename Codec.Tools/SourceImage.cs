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

    /// <summary>The gray levels of an image whose R, G and B are equal everywhere, with its alpha if it has one.</summary>
    public SourceImage AsGray()
    {
        RsgPixelFormat format = RsgGrayInput.GrayFormatFor(Format);
        byte[] levels = new byte[checked(Width * Height * format.BytesPerPixel())];
        RsgGrayInput.CopyGray(Pixels, Width, Height, Stride, Format, levels);
        return this with { Pixels = levels, Format = format };
    }
}
