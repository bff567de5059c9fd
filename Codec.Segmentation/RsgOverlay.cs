namespace RegionCodec.Segmentation;

/// <summary>
/// The visual check of a segmentation: every region tinted with its own colour over the image, region
/// outlines drawn in white on black. Managed and dependency-free (returns RGB bytes; save them with any
/// image library, e.g. <c>RsgSegmentationImages.SavePng</c> in Codec.Segmentation).
/// </summary>
public static class RsgOverlay
{
    /// <summary>Tint colours by label (label 0, usually the background, is a cool grey-blue); cycles after 12.</summary>
    public static ReadOnlySpan<byte> Palette =>
    [
        40, 60, 140, // 0 background: dark blue
        230, 60, 40, // 1 red
        40, 200, 60, // 2 green
        250, 200, 20, // 3 yellow
        200, 40, 220, // 4 magenta
        20, 200, 220, // 5 cyan
        250, 130, 20, // 6 orange
        120, 80, 250, // 7 violet
        150, 230, 40, // 8 lime
        250, 100, 170, // 9 pink
        90, 160, 200, // 10 steel
        180, 120, 60, // 11 brown
    ];

    /// <summary>
    /// Renders the overlay as packed RGB (width * 3 bytes per row). <paramref name="opacity"/> is the tint
    /// strength (0..1, default 0.45); outlines are one pixel wide, on the pixel side of each label change.
    /// </summary>
    public static byte[] Render(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgLabelMap labels, double opacity = 0.45)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RsgLuma.Validate(pixels, width, height, stride, format);
        if (!labels.Fits(width, height))
        {
            throw new ArgumentException("The label map does not match the image size.", nameof(labels));
        }

        int bpp = format.BytesPerPixel();
        (int ri, int gi, int bi) = format switch
        {
            RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16 => (0, 0, 0),
            RsgPixelFormat.Bgr24 or RsgPixelFormat.Bgra32 => (2, 1, 0),
            _ => (0, 1, 2),
        };
        int a = (int)Math.Round(Math.Clamp(opacity, 0, 1) * 256);
        ReadOnlySpan<byte> palette = Palette;
        var output = new byte[(long)width * height * 3];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, width * bpp);
            for (int x = 0; x < width; x++)
            {
                int label = labels.LabelAtPixel(x, y);
                int o = ((y * width) + x) * 3;
                bool edge = (x + 1 < width && labels.LabelAtPixel(x + 1, y) != label) || (y + 1 < height && labels.LabelAtPixel(x, y + 1) != label)
                    || (x > 0 && labels.LabelAtPixel(x - 1, y) != label) || (y > 0 && labels.LabelAtPixel(x, y - 1) != label);
                if (edge)
                {
                    // White line with a dark neighbour on the lower-label side reads on any background.
                    byte v = IsLowerSide(labels, x, y, width, height, label) ? (byte)0 : (byte)255;
                    output[o] = output[o + 1] = output[o + 2] = v;
                    continue;
                }

                int p = label % 12 * 3;
                int i = x * bpp;
                output[o] = (byte)(((row[i + ri] * (256 - a)) + (palette[p] * a)) >> 8);
                output[o + 1] = (byte)(((row[i + gi] * (256 - a)) + (palette[p + 1] * a)) >> 8);
                output[o + 2] = (byte)(((row[i + bi] * (256 - a)) + (palette[p + 2] * a)) >> 8);
            }
        }

        return output;
    }

    private static bool IsLowerSide(RsgLabelMap labels, int x, int y, int width, int height, int label)
    {
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if ((uint)nx < (uint)width && (uint)ny < (uint)height && labels.LabelAtPixel(nx, ny) > label)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
