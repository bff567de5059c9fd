namespace RegionCodec;

/// <summary>Interleaved 8-bit sample layouts the encoder accepts and the decoder produces.</summary>
public enum RsgPixelFormat
{
    /// <summary>1 byte per pixel: luma.</summary>
    Gray8,
    /// <summary>3 bytes per pixel: R, G, B.</summary>
    Rgb24,
    /// <summary>3 bytes per pixel: B, G, R (encoder input only).</summary>
    Bgr24,
    /// <summary>
    /// 4 bytes per pixel: R, G, B, A. Decoder output for colour files with an alpha plane; as encoder input
    /// the alpha is stored losslessly when any pixel is not opaque (see <see cref="RsgEncoderOptions.Alpha"/>).
    /// </summary>
    Rgba32,
    /// <summary>4 bytes per pixel: B, G, R, A (encoder input only; alpha as for <see cref="Rgba32"/>).</summary>
    Bgra32,
    /// <summary>2 bytes per pixel: luma, alpha. Decoder output for gray files with an alpha plane; encoder input like <see cref="Rgba32"/>.</summary>
    GrayAlpha16,
}

/// <summary>Facts about <see cref="RsgPixelFormat"/> that callers would otherwise recompute.</summary>
public static class RsgPixelFormatExtensions
{
    /// <summary>Bytes one pixel takes in this layout: 1 (gray), 2 (gray + alpha), 3 (RGB/BGR) or 4 (RGBA/BGRA).</summary>
    public static int BytesPerPixel(this RsgPixelFormat format) => format switch
    {
        RsgPixelFormat.Gray8 => 1,
        RsgPixelFormat.GrayAlpha16 => 2,
        RsgPixelFormat.Rgb24 or RsgPixelFormat.Bgr24 => 3,
        RsgPixelFormat.Rgba32 or RsgPixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Whether the layout carries an alpha sample (always the pixel's last byte).</summary>
    public static bool HasAlpha(this RsgPixelFormat format) =>
        format is RsgPixelFormat.Rgba32 or RsgPixelFormat.Bgra32 or RsgPixelFormat.GrayAlpha16;

    /// <summary>Whether the layout is luma only (with or without alpha).</summary>
    public static bool IsGray(this RsgPixelFormat format) => format is RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16;
}
