namespace RegionCodec.Tools;

/// <summary>
/// An encode input as packed 8-bit pixels: <see cref="RsgPixelFormat.Rgb24"/>, or <see cref="RsgPixelFormat.Rgba32"/>
/// when the image has alpha that is not everywhere opaque (so the .rsg file keeps it).
/// </summary>
internal sealed record SourceImage(byte[] Pixels, int Width, int Height, RsgPixelFormat Format)
{
    /// <summary>Bytes per row (rows are packed).</summary>
    public int Stride => Width * Format.BytesPerPixel();
}
