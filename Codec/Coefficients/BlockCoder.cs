using System.Runtime.CompilerServices;
using RegionCodec.Entropy;
using RegionCodec.Quantization;

namespace RegionCodec.Coefficients;

/// <summary>
/// Codes 8x8 blocks' quantized levels (spec/rsg.md §8): the DC as a residual from a median-edge
/// prediction of the neighbouring DCs; then the count of non-zero AC levels and the AC levels in zig-zag
/// order until that count is used up. A strip codes every block's DC before any AC, so a reduced-size
/// decoder can stop after the DCs. Contexts come from the block above, the block
/// to the left and the block above-left in the same plane and strip.
/// </summary>
internal static class BlockCoder
{
    /// <summary>Bucket of the predicted non-zero count (0..63).</summary>
    private static ReadOnlySpan<byte> NonZeroBucket =>
    [
        0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 8,
        8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
    ];

    /// <summary>Bucket of the remaining non-zero count (1..63), index = remaining.</summary>
    private static ReadOnlySpan<byte> RemainingBucket =>
    [
        0, 0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6, 6, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    ];

    /// <summary>Frequency band of scan position k (1..63), index = k.</summary>
    private static ReadOnlySpan<byte> Band =>
    [
        0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4,
        4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6,
        6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8,
        8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    ];

    public const int MaxLevel = 32767;

    /// <summary>
    /// Encodes or decodes the block at (<paramref name="bx"/>, <paramref name="by"/>) of
    /// <paramref name="plane"/> in one go: its DC, then (unless <paramref name="dcOnly"/>) its AC levels.
    /// A strip codes all DCs first and then all ACs (<see cref="CodeDc{T}"/>, <see cref="CodeAc{T}"/>);
    /// this helper is for single-block tools and tests.
    /// </summary>
    public static bool CodeBlock<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, int bx, int by,
        ReadOnlySpan<ushort> quant, bool dcOnly)
        where T : IBinaryCoder, allows ref struct
    {
        if (!CodeDc(ref coder, ctx, plane, bx, by, quant))
        {
            return false;
        }

        if (!dcOnly)
        {
            CodeAc(ref coder, ctx, plane, bx, by);
        }

        return true;
    }

    /// <summary>
    /// Encodes or decodes the DC level of the block at (<paramref name="bx"/>, <paramref name="by"/>)
    /// (spec/rsg.md §8.3) and records its dequantized DC; also sets its non-zero AC count to 0 until
    /// <see cref="CodeAc{T}"/> codes it. The encoder must have stored the level; the decoder's slot must
    /// be zero. Returns false when a decoded DC level falls outside ±<see cref="MaxLevel"/>.
    /// </summary>
    public static bool CodeDc<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, int bx, int by, ReadOnlySpan<ushort> quant)
        where T : IBinaryCoder, allows ref struct
    {
        int width = plane.BlocksWide;
        int index = (by * width) + bx;
        Span<short> levels = plane.Levels.AsSpan(index * 64, 64);
        bool hasLeft = bx > 0, hasAbove = by > 0;
        int left = index - 1, above = index - width;

        // Median edge detector over the dequantized neighbour DCs, rounded to this block's step.
        int dcStep = quant[0];
        int prediction = 0, dcBucket = 0;
        if (hasLeft && hasAbove)
        {
            int a = plane.DcValue[left], b = plane.DcValue[above], c = plane.DcValue[above - 1];
            prediction = MedianEdge(a, b, c);
            int activity = (Math.Abs(a - c) + Math.Abs(b - c)) / dcStep;
            dcBucket = 1 + Math.Min(32 - int.LeadingZeroCount(activity), 6);
        }
        else if (hasLeft)
        {
            prediction = plane.DcValue[left];
        }
        else if (hasAbove)
        {
            prediction = plane.DcValue[above];
        }

        int predictedLevel = DivideRounded(prediction, dcStep);
        T local = coder;                           // in registers, as in CodeAc
        int dcLevel = predictedLevel + BinarizedValue.CodeSigned(ref local, ref ctx.DcZero[dcBucket], ref ctx.DcSign[dcBucket],
            ctx.DcLength.AsSpan(dcBucket * CoefficientContexts.DcMaxBits, CoefficientContexts.DcMaxBits),
            ctx.DcMantissa.AsSpan(dcBucket * CoefficientContexts.DcMaxBits * 2, CoefficientContexts.DcMaxBits * 2),
            CoefficientContexts.DcMaxBits, levels[0] - predictedLevel);
        coder = local;
        if (dcLevel is < -MaxLevel or > MaxLevel)
        {
            return false;
        }

        levels[0] = (short)dcLevel;
        plane.DcValue[index] = Math.Clamp(dcLevel * dcStep, short.MinValue, short.MaxValue);
        plane.NonZero[index] = 0;
        return true;
    }

    /// <summary>
    /// Encodes or decodes the non-zero AC count and the AC levels of a DCT-mode block (spec/rsg.md §8.4,
    /// §8.5). Its DC level and every earlier block's levels must already be known.
    /// </summary>
    public static void CodeAc<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, int bx, int by)
        where T : IBinaryCoder, allows ref struct
    {
        // The coder's state is copied to a local for the block and written back at the end: used through the
        // ref, range and code would go to memory and back on every decision, a store-to-load delay on the
        // coder's serial dependency chain (about 6% of decode time).
        T local = coder;
        int width = plane.BlocksWide;
        int index = (by * width) + bx;
        Span<short> levels = plane.Levels.AsSpan(index * 64, 64);
        bool hasLeft = bx > 0, hasAbove = by > 0;
        int left = index - 1, above = index - width;

        // Count of non-zero AC levels, predicted from the neighbours' counts.
        int nonZeroBucket;
        if (hasLeft && hasAbove)
        {
            nonZeroBucket = NonZeroBucket[(plane.NonZero[left] + plane.NonZero[above] + 1) >> 1];
        }
        else if (hasLeft || hasAbove)
        {
            nonZeroBucket = NonZeroBucket[plane.NonZero[hasLeft ? left : above]];
        }
        else
        {
            nonZeroBucket = CoefficientContexts.NonZeroBuckets - 1;
        }

        int nonZero = local.IsDecoder ? 0 : CountNonZeroAc(levels);
        nonZero = BinarizedValue.CodeTree(ref local, ctx.NonZeroCount.AsSpan(nonZeroBucket * 64, 64), 6, nonZero);
        plane.NonZero[index] = (byte)nonZero;

        ReadOnlySpan<short> aboveLevels = hasAbove ? plane.Levels.AsSpan(above * 64, 64) : default;
        ReadOnlySpan<short> leftLevels = hasLeft ? plane.Levels.AsSpan(left * 64, 64) : default;
        ReadOnlySpan<short> cornerLevels = hasAbove && hasLeft ? plane.Levels.AsSpan((above - 1) * 64, 64) : default;
        Span<short> neighbourMagnitudes = ctx.NeighbourMagnitudes;
        Span<sbyte> neighbourSigns = ctx.NeighbourSigns;
        NeighbourContext.Compute(aboveLevels, leftLevels, cornerLevels, neighbourMagnitudes, neighbourSigns);
        ReadOnlySpan<byte> zigZag = ZigZag.ToNatural;
        int remaining = nonZero;
        for (int k = 1; remaining > 0; k++)
        {
            int pos = zigZag[k];

            // Same frequency in the neighbouring blocks, weighted 2:2:1 (above, left, above-left), scaled to 5 parts.
            int neighbourMagnitude = neighbourMagnitudes[pos];
            int neighbourBucket = NeighbourContext.Bucket(neighbourMagnitude);
            int actual = levels[pos];

            // When as many non-zero levels remain as positions, every remaining level is non-zero.
            if (remaining < 64 - k)
            {
                int contextIndex = ((((k - 1) * CoefficientContexts.RemainingBuckets) + RemainingBucket[remaining]) * CoefficientContexts.NeighbourBuckets) + neighbourBucket;
                if (local.Code(ref ctx.AcNonZero[contextIndex], actual != 0 ? 1 : 0) == 0)
                {
                    continue;
                }
            }

            // Magnitude context: the neighbours' estimate blended with the already-coded lower frequencies
            // next to this one in the same block (left and up in the frequency plane).
            int column = pos & 7, row = pos >> 3;
            int inner = (column > 0 ? Math.Abs(levels[pos - 1]) : 0) + (row > 0 ? Math.Abs(levels[pos - 8]) : 0);
            int band = Band[k];
            int magnitudeBucket = MagnitudeBucket((neighbourMagnitude + (5 * inner) + 3) / 6);
            int magnitude = BinarizedValue.CodeMagnitude(ref local,
                ctx.AcLength.AsSpan(((band * CoefficientContexts.MagnitudeBuckets) + magnitudeBucket) * CoefficientContexts.AcMaxBits, CoefficientContexts.AcMaxBits),
                ctx.AcMantissa.AsSpan(((band * CoefficientContexts.MagnitudeBuckets) + magnitudeBucket) * CoefficientContexts.AcMaxBits * 2, CoefficientContexts.AcMaxBits * 2),
                CoefficientContexts.AcMaxBits, Math.Abs(actual));
            int negative = local.Code(ref ctx.AcSign[((k - 1) * 5) + neighbourSigns[pos] + 2], actual < 0 ? 1 : 0);
            levels[pos] = (short)(negative != 0 ? -magnitude : magnitude);
            remaining--;
        }

        coder = local;
    }

    /// <summary>LOCO-I's median edge detector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MedianEdge(int a, int b, int c)
    {
        int max = Math.Max(a, b), min = Math.Min(a, b);
        return c >= max ? min : c <= min ? max : a + b - c;
    }

    /// <summary>Division rounding half away from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DivideRounded(int value, int divisor) =>
        value >= 0 ? (value + (divisor >> 1)) / divisor : -((-value + (divisor >> 1)) / divisor);

    /// <summary>0 for 0, else 1 + floor(log2), capped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MagnitudeBucket(int magnitude) => Math.Min(32 - int.LeadingZeroCount(magnitude), CoefficientContexts.MagnitudeBuckets - 1);

    private static int CountNonZeroAc(ReadOnlySpan<short> levels)
    {
        int count = 0;
        for (int i = 1; i < 64; i++)
        {
            count += levels[i] != 0 ? 1 : 0;
        }

        return count;
    }
}
