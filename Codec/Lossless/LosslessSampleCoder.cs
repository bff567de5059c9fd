using System.Runtime.CompilerServices;
using RegionCodec.Entropy;

namespace RegionCodec.Lossless;

/// <summary>
/// Codes one strip's lossless samples (spec/rsg.md §9.5), shared by encoder and decoder. Pixels of lossless
/// cells are visited in raster order; each is, in this order of decisions, the same as its left neighbour,
/// the same as the one above, an entry of the colour cache, or coded channel by channel (green, red, blue)
/// as a residual against the median edge predictor, red and blue also adding green's prediction error.
/// Every other pixel of the strip takes the filler value (left, else above, else 0), so neighbours are
/// always defined without the DCT reconstruction.
/// </summary>
internal static class LosslessSampleCoder
{
    /// <summary>
    /// Encodes or decodes the lossless pixels of <paramref name="plane"/> (sized for the strip; when encoding it
    /// holds the source colours). <paramref name="stripMask"/> holds the strip's mask rows, the first being the
    /// one that contains the strip's top row <paramref name="stripTop"/>; <paramref name="isLossless"/> says
    /// per label whether its cells are lossless. Every decoded value is a valid colour: nothing to reject.
    /// With a <see cref="MeasuringDecoder"/>, <paramref name="bucketOfLabel"/> names the tally each pixel's decisions go to (§17).
    /// </summary>
    public static void CodeStrip<T>(ref T coder, LosslessContexts ctx, LosslessColourCache cache, LosslessPlane plane,
        ReadOnlySpan<byte> stripMask, int maskWidth, int maskCellLog2, int stripTop, ReadOnlySpan<bool> isLossless, bool gray,
        ReadOnlySpan<int> bucketOfLabel = default)
        where T : IBinaryCoder, allows ref struct
    {
        ctx.Reset();
        cache.Reset();
        int width = plane.Width;
        int firstMaskRow = stripTop >> maskCellLog2;
        for (int y = 0; y < plane.Rows; y++)
        {
            Span<int> row = plane.Row(y);
            Span<byte> kinds = plane.Kinds(y);
            ReadOnlySpan<int> above = y > 0 ? plane.Row(y - 1) : default;
            ReadOnlySpan<int> twoAbove = y > 1 ? plane.Row(y - 2) : above;
            ReadOnlySpan<byte> kindsAbove = y > 0 ? plane.Kinds(y - 1) : default;
            Span<byte> errors = plane.Errors(y);
            ReadOnlySpan<byte> errorsAbove = y > 0 ? plane.Errors(y - 1) : default;
            ReadOnlySpan<byte> cells = stripMask.Slice((((stripTop + y) >> maskCellLog2) - firstMaskRow) * maskWidth, maskWidth);
            for (int x = 0; x < width; x++)
            {
                int a, b, c, d, kindLeft, kindAbove, error;
                if (y > 0)
                {
                    b = above[x];
                    kindAbove = kindsAbove[x];
                    a = x > 0 ? row[x - 1] : b;
                    kindLeft = x > 0 ? kinds[x - 1] : 0;
                    c = x > 0 ? above[x - 1] : b;
                    d = x + 1 < width ? above[x + 1] : b;
                    error = (x > 0 ? errors[x - 1] : errorsAbove[x]) + errorsAbove[x];
                }
                else
                {
                    a = x > 0 ? row[x - 1] : 0;
                    kindLeft = x > 0 ? kinds[x - 1] : 0;
                    b = c = d = a;
                    kindAbove = 0;
                    error = x > 0 ? 2 * errors[x - 1] : 0;
                }

                int label = cells[x >> maskCellLog2];
                if (typeof(T) == typeof(MeasuringDecoder) && !bucketOfLabel.IsEmpty)
                {
                    // Folded away for the plain coders: only the cost measurement charges pixels to their region.
                    Unsafe.As<T, MeasuringDecoder>(ref coder).Bucket = bucketOfLabel[label];
                }

                if (!isLossless[label])
                {
                    row[x] = a;
                    kinds[x] = 0;
                    errors[x] = 0;
                    continue;
                }

                int aa = x > 1 ? row[x - 2] : a, bb = y > 1 ? twoAbove[x] : b;
                int match = LosslessContextMatch.Hash(a, b, c, d, aa, bb);
                (row[x], kinds[x], errors[x]) = CodePixel(ref coder, ctx, cache, coder.IsDecoder ? 0 : row[x], a, b, c, d, ctx.Matches[match], kindLeft, kindAbove, error, gray);
                ctx.Matches.Record(match, row[x]);
            }
        }
    }

    private static (int Colour, byte Kind, byte Error) CodePixel<T>(ref T coder, LosslessContexts ctx, LosslessColourCache cache, int value,
        int a, int b, int c, int d, int matched, int kindLeft, int kindAbove, int error, bool gray)
        where T : IBinaryCoder, allows ref struct
    {
        int kinds = (kindLeft * LosslessContexts.Kinds) + kindAbove;
        if (coder.Code(ref ctx.SameAsLeft[(kinds * 2) + (b == c ? 1 : 0)], value == a ? 1 : 0) != 0)
        {
            return (a, 0, 0);
        }

        // When above equals left, "same as above" was already answered.
        if (b != a && coder.Code(ref ctx.SameAsAbove[(kinds * 2) + (b == d ? 1 : 0)], value == b ? 1 : 0) != 0)
        {
            return (b, 1, 0);
        }

        // Diagonal edges of flat shapes continue from the above-right pixel; coded as "same as above".
        if (d != a && d != b && coder.Code(ref ctx.SameAsAboveRight[kinds], value == d ? 1 : 0) != 0)
        {
            return (d, 1, 0);
        }

        // Repeated glyphs and icons: the colour that followed the same neighbourhood last time (-1: none yet).
        if (matched >= 0 && matched != a && matched != b && matched != d && coder.Code(ref ctx.ContextMatch[kinds], value == matched ? 1 : 0) != 0)
        {
            cache.MoveToFront(matched);
            return (matched, 2, 0);
        }

        int cached = coder.IsDecoder ? 0 : cache.IndexOf(value);
        if (coder.Code(ref ctx.CacheHit[kinds], cached >= 0 ? 1 : 0) != 0)
        {
            int tree = kindLeft == 2 || kindAbove == 2 ? 1 : 0;
            int index = BinarizedValue.CodeTree(ref coder,
                ctx.CacheIndex.AsSpan(tree * LosslessColourCache.Size, LosslessColourCache.Size), LosslessColourCache.IndexBits, cached);
            int colour = cache[index];
            cache.MoveToFront(colour);
            return (colour, 2, 0);
        }

        (int result, int size) = CodeResiduals(ref coder, ctx, value, a, b, c, d, error, gray);
        cache.MoveToFront(result);
        return (result, 3, (byte)Math.Min(size, 255));
    }

    /// <summary>Green (or gray) first, then red and blue, whose predictions add green's prediction error.</summary>
    private static (int Colour, int ErrorSize) CodeResiduals<T>(ref T coder, LosslessContexts ctx, int value, int a, int b, int c, int d, int error, bool gray)
        where T : IBinaryCoder, allows ref struct
    {
        int channels = gray ? 1 : 3;
        int greenError = 0, result = 0, size = 0;
        for (int channel = 0; channel < channels; channel++)
        {
            int shift = gray ? 0 : channel switch { 0 => 8, 1 => 0, _ => 16 };
            int ca = (a >> shift) & 255, cb = (b >> shift) & 255, cc = (c >> shift) & 255, cd = (d >> shift) & 255;
            int median = MedianEdge(ca, cb, cc);
            int activity = Math.Abs(ca - cc) + Math.Abs(cb - cc) + Math.Abs(cb - cd);
            int bucket = Math.Min(32 - int.LeadingZeroCount(activity), LosslessContexts.Buckets - 1);
            int key = Math.Min(32 - int.LeadingZeroCount(channel == 0 ? error : Math.Abs(greenError)), LosslessContexts.Keys - 1);
            int set = (((channel * LosslessContexts.Buckets) + bucket) * LosslessContexts.Keys) + key;
            int prediction = channel == 0 ? median : Math.Clamp(median + greenError, 0, 255);

            // Residuals wrap modulo 256, so every decoded residual gives a sample in 0..255.
            int residual = coder.IsDecoder ? 0 : (sbyte)(byte)(((value >> shift) & 255) - prediction);
            residual = BinarizedValue.CodeSigned(ref coder, ref ctx.Zero[set], ref ctx.Sign[set],
                ctx.Length.AsSpan(set * LosslessContexts.MagnitudeBits, LosslessContexts.MagnitudeBits),
                ctx.Mantissa.AsSpan(set * LosslessContexts.MagnitudeBits * 2, LosslessContexts.MagnitudeBits * 2),
                LosslessContexts.MagnitudeBits, residual);
            int sample = (prediction + residual) & 255;
            size += Math.Abs(residual);
            if (channel == 0)
            {
                greenError = sample - median;
            }

            result |= sample << shift;
        }

        return (result, size);
    }

    /// <summary>The median edge predictor: min(a, b) or max(a, b) across an edge, else the plane a + b − c.</summary>
    private static int MedianEdge(int a, int b, int c)
    {
        int min = Math.Min(a, b), max = Math.Max(a, b);
        return c >= max ? min : c <= min ? max : a + b - c;
    }
}
