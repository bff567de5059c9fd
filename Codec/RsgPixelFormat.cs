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
    /// <summary>4 bytes per pixel: R, G, B, A; alpha is ignored (encoder input only).</summary>
    Rgba32,
    /// <summary>4 bytes per pixel: B, G, R, A; alpha is ignored (encoder input only).</summary>
    Bgra32,
}

/// <summary>Facts about <see cref="RsgPixelFormat"/> that callers would otherwise recompute.</summary>
public static class RsgPixelFormatExtensions
{
    /// <summary>Bytes one pixel takes in this layout: 1 (gray), 3 (RGB/BGR) or 4 (RGBA/BGRA, alpha ignored).</summary>
    public static int BytesPerPixel(this RsgPixelFormat format) => format switch
    {
        RsgPixelFormat.Gray8 => 1,
        RsgPixelFormat.Rgb24 or RsgPixelFormat.Bgr24 => 3,
        RsgPixelFormat.Rgba32 or RsgPixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
