namespace RegionCodec.Shell;

/// <summary>Channel order of a 32-bit thumbnail.</summary>
public enum ThumbnailPixelOrder
{
    /// <summary>B, G, R, A bytes: a Windows 32-bpp DIB section.</summary>
    Bgra32,

    /// <summary>R, G, B, A bytes.</summary>
    Rgba32,
}

/// <summary>
/// A rendered thumbnail: 4 bytes per pixel, rows packed (stride = 4 * width), top row first; alpha 255 unless
/// <see cref="HasAlpha"/> (the file's alpha plane, not premultiplied).
/// </summary>
public sealed record RsgThumbnail(int Width, int Height, ThumbnailPixelOrder Order, byte[] Pixels, bool HasAlpha = false)
{
    public int Stride => Width * 4;
}

/// <summary>
/// Renders .rsg thumbnails: the cheapest reduced-size decode that is still at least as large as the
/// thumbnail (<see cref="RsgDecoder.DecodeScaled"/>, spec/rsg.md §16), then area-averaging down so the
/// longest side is the requested size. Never enlarges: an image smaller than the size keeps its own size
/// (as Explorer and the freedesktop thumbnail spec expect).
/// </summary>
public static class RsgThumbnailer
{
    /// <summary>Largest thumbnail side accepted (Windows asks for up to 1024; freedesktop for up to 1024 "xx-large").</summary>
    public const int MaxSize = 4096;

    /// <summary>The thumbnail's size: fits in <paramref name="size"/> x <paramref name="size"/>, keeps the aspect ratio, never enlarges, at least 1x1.</summary>
    public static (int Width, int Height) FitSize(int width, int height, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int longest = Math.Max(width, height);
        if (longest <= size)
        {
            return (width, height);
        }

        int w = (int)Math.Max(1, Math.Round((double)width * size / longest, MidpointRounding.AwayFromZero));
        int h = (int)Math.Max(1, Math.Round((double)height * size / longest, MidpointRounding.AwayFromZero));
        return (Math.Min(w, size), Math.Min(h, size));
    }

    /// <summary>Renders a thumbnail whose longest side is at most <paramref name="size"/>.</summary>
    /// <exception cref="RsgFormatException">The data is not a valid .rsg file.</exception>
    public static RsgThumbnail Render(ReadOnlyMemory<byte> data, int size, ThumbnailPixelOrder order = ThumbnailPixelOrder.Rgba32,
        RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        RsgImageInfo info = RsgDecoder.Identify(data.Span, options);
        int scale = RsgDecoder.ChooseScaleDenominator(info.Width, info.Height, Math.Min(size, Math.Max(info.Width, info.Height)));
        RsgImage image = RsgDecoder.DecodeScaled(data, scale, options, cancellationToken);
        (int width, int height) = FitSize(info.Width, info.Height, size);
        int channels = image.PixelFormat.BytesPerPixel();
        bool alpha = info.HasAlpha;
        byte[] source = alpha ? Premultiplied(image.Pixels, channels) : image.Pixels;
        byte[] resized = AreaResampler.Resize(source, image.Width, image.Height, channels, width, height);
        byte[] pixels = new byte[width * height * 4];
        bool bgr = order == ThumbnailPixelOrder.Bgra32;
        bool gray = info.ColorModel == RsgColorModel.Gray;
        for (int i = 0, o = 0; o < pixels.Length; i += channels, o += 4)
        {
            byte a = alpha ? resized[i + channels - 1] : (byte)255;
            byte r = Straight(resized[i], a), g = gray ? r : Straight(resized[i + 1], a), b = gray ? r : Straight(resized[i + 2], a);
            pixels[o] = bgr ? b : r;
            pixels[o + 1] = g;
            pixels[o + 2] = bgr ? r : b;
            pixels[o + 3] = a;
        }

        return new RsgThumbnail(width, height, order, pixels, alpha);
    }

    /// <summary>
    /// Colour multiplied by alpha (rounded), so averaging weighs each pixel by its opacity and the colour hidden
    /// under transparent pixels does not bleed into the thumbnail's edges.
    /// </summary>
    private static byte[] Premultiplied(byte[] pixels, int channels)
    {
        byte[] result = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i += channels)
        {
            int a = pixels[i + channels - 1];
            for (int c = 0; c < channels - 1; c++)
            {
                result[i + c] = (byte)(((pixels[i + c] * a) + 127) / 255);
            }

            result[i + channels - 1] = (byte)a;
        }

        return result;
    }

    /// <summary>Undoes <see cref="Premultiplied"/> for one averaged sample (0 where nothing is opaque).</summary>
    private static byte Straight(byte premultiplied, byte alpha) =>
        alpha switch
        {
            255 => premultiplied,
            0 => 0,
            _ => (byte)Math.Min(255, ((premultiplied * 255) + (alpha / 2)) / alpha),
        };

    /// <summary>Reads <paramref name="stream"/> to its end and renders it (Explorer hands handlers a stream).</summary>
    public static RsgThumbnail Render(Stream stream, int size, ThumbnailPixelOrder order = ThumbnailPixelOrder.Rgba32,
        RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Render(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), size, order, options, cancellationToken);
    }
}
