using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegionCodec;

/// <summary>
/// Colour input that is really gray: every pixel has R = G = B (alpha, if any, is not looked at). Such an image
/// coded as YCbCr spends bits on two flat chroma planes; coded as gray (<see cref="RsgColorModel.Gray"/>) it is
/// smaller and decodes to the same values. Front ends (rsgconv, the ImageSharp plugin) check with
/// <see cref="IsGray"/> and encode the samples <see cref="CopyGray"/> extracts (in <see cref="GrayFormatFor"/>,
/// so alpha is kept).
/// </summary>
public static class RsgGrayInput
{
    /// <summary>Bytes compared per step: a multiple of 3 and 4, so the channel pattern repeats in every step.</summary>
    private const int Step = 48;

    /// <summary>
    /// True when every pixel of the image has equal R, G and B (always for the gray formats).
    /// One pass over the rows, 16 bytes at a time, stopping at the first coloured pixel; allocates nothing.
    /// </summary>
    /// <param name="pixels">Row 0 first, rows <paramref name="stride"/> bytes apart.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="stride">Bytes from one row to the next (at least width × bytes per pixel).</param>
    /// <param name="format">The sample layout.</param>
    public static bool IsGray(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        int bpp = CheckArguments(pixels, width, height, stride, format);
        if (format.IsGray())
        {
            return true;
        }

        // Byte j of a 48-byte step must equal byte j + 1 unless j is the last colour channel or the alpha of its pixel.
        Span<byte> ignore = stackalloc byte[Step];
        for (int j = 0; j < Step; j++)
        {
            ignore[j] = (byte)(j % bpp >= 2 ? 0xFF : 0);
        }

        Vector128<byte> ignore0 = Vector128.Create((ReadOnlySpan<byte>)ignore), ignore1 = Vector128.Create((ReadOnlySpan<byte>)ignore[16..]),
            ignore2 = Vector128.Create((ReadOnlySpan<byte>)ignore[32..]);
        int rowBytes = width * bpp;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, rowBytes);
            ref byte start = ref MemoryMarshal.GetReference(row);
            int i = 0;
            for (; i + Step < rowBytes; i += Step)
            {
                // Loads i .. i + 48 inclusive: the loop condition keeps byte i + 48 inside the row.
                Vector128<byte> same = (Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), Vector128.LoadUnsafe(ref start, (nuint)i + 1)) | ignore0)
                    & (Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i + 16), Vector128.LoadUnsafe(ref start, (nuint)i + 17)) | ignore1)
                    & (Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i + 32), Vector128.LoadUnsafe(ref start, (nuint)i + 33)) | ignore2);
                if (same != Vector128<byte>.AllBitsSet)
                {
                    return false;
                }
            }

            for (; i < rowBytes; i += bpp)
            {
                if (row[i] != row[i + 1] || row[i + 1] != row[i + 2])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The gray format that keeps what <paramref name="format"/> holds: gray + alpha for a format with alpha, else gray.</summary>
    public static RsgPixelFormat GrayFormatFor(RsgPixelFormat format) => format.HasAlpha() ? RsgPixelFormat.GrayAlpha16 : RsgPixelFormat.Gray8;

    /// <summary>
    /// Copies each pixel's gray level (its G sample; for an image that <see cref="IsGray"/> all three are equal), and
    /// its alpha when the format has one, into <paramref name="destination"/>, packed in <see cref="GrayFormatFor"/>:
    /// <paramref name="width"/> bytes per row, or 2 × <paramref name="width"/> with alpha.
    /// </summary>
    /// <param name="pixels">Row 0 first, rows <paramref name="stride"/> bytes apart.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="stride">Bytes from one row to the next.</param>
    /// <param name="format">The sample layout.</param>
    /// <param name="destination">At least width × height × bytes per pixel of <see cref="GrayFormatFor"/> bytes.</param>
    public static void CopyGray(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, Span<byte> destination)
    {
        int bpp = CheckArguments(pixels, width, height, stride, format);
        int outBpp = GrayFormatFor(format).BytesPerPixel();
        ArgumentOutOfRangeException.ThrowIfLessThan((long)destination.Length, (long)width * height * outBpp, nameof(destination));
        int level = format.IsGray() ? 0 : 1; // gray formats hold the level first; colour ones take G
        int alpha = bpp - 1;                 // the alpha byte is last in every format that has one
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, width * bpp);
            Span<byte> output = destination.Slice(y * width * outBpp, width * outBpp);
            if (outBpp == 1)
            {
                for (int x = 0; x < width; x++)
                {
                    output[x] = row[(x * bpp) + level];
                }
            }
            else
            {
                for (int x = 0; x < width; x++)
                {
                    output[2 * x] = row[(x * bpp) + level];
                    output[(2 * x) + 1] = row[(x * bpp) + alpha];
                }
            }
        }
    }

    private static int CheckArguments(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        int bpp = format.BytesPerPixel();
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan((long)stride, (long)width * bpp, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfLessThan((long)pixels.Length, ((long)stride * (height - 1)) + ((long)width * bpp), nameof(pixels));
        return bpp;
    }
}
