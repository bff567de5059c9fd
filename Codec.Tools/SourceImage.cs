namespace RegionCodec.Tools;

/// <summary>
/// An encode input as packed 8-bit pixels: <see cref="RsgPixelFormat.Rgb24"/>, or <see cref="RsgPixelFormat.Rgba32"/>
/// when the image has alpha that is not everywhere opaque (so the .rsg file keeps it); with the ICC profile, EXIF
/// and XMP an .rsg file can carry from it (null when none). The pixels may be the decoded image's own memory
/// (<see cref="Owner"/>), so that a large input is not held twice; dispose the input when the encode is done.
/// </summary>
internal sealed record SourceImage(ReadOnlyMemory<byte> Pixels, int Width, int Height, RsgPixelFormat Format, RsgImageMetadata? Metadata = null) : IDisposable
{
    /// <summary>What owns <see cref="Pixels"/> when it is not a plain array (the decoded ImageSharp image); disposed with this.</summary>
    public IDisposable? Owner { get; init; }

    /// <summary>Bytes per row (rows are packed).</summary>
    public int Stride => Width * Format.BytesPerPixel();

    /// <summary>The gray levels of an image whose R, G and B are equal everywhere, with its alpha if it has one (a copy this does not own).</summary>
    public SourceImage AsGray()
    {
        RsgPixelFormat format = RsgGrayInput.GrayFormatFor(Format);
        byte[] levels = new byte[checked(Width * Height * format.BytesPerPixel())];
        RsgGrayInput.CopyGray(Pixels.Span, Width, Height, Stride, Format, levels);
        return this with { Pixels = levels, Format = format, Owner = null };
    }

    public void Dispose() => Owner?.Dispose();
}
