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
internal static partial class BlockCoder
{
    /// <summary>Bucket of the predicted non-zero count (0..63).</summary>
    private static ReadOnlySpan<byte> NonZeroBucket =>
    [
        0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 8,
        8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
    ];

    public const int MaxLevel = 32767;


    /// <summary>Position class of the AC token context, by scan position k (1..63).</summary>
    private static ReadOnlySpan<byte> TokenBand =>
    [
        0, 0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9,
        9, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13,
        14, 14, 14, 14, 14, 15, 15, 15, 15, 15, 16, 16, 16, 16, 16, 17,
        17, 17, 17, 17, 17, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19,
    ];

    /// <summary>TokenBand[k] × TokenRemainingBuckets × MagnitudeBuckets × Stride: the band's first model in AcToken.</summary>
    private static ReadOnlySpan<ushort> TokenBandOffset =>
    [
        0, 0, 512, 1024, 1536, 2048, 2560, 3072, 3072, 3584, 3584, 4096, 4096, 4096, 4608, 4608,
        4608, 5120, 5120, 5120, 5632, 5632, 5632, 5632, 6144, 6144, 6144, 6144, 6656, 6656, 6656, 6656,
        7168, 7168, 7168, 7168, 7168, 7680, 7680, 7680, 7680, 7680, 8192, 8192, 8192, 8192, 8192, 8704,
        8704, 8704, 8704, 8704, 8704, 9216, 9216, 9216, 9216, 9216, 9728, 9728, 9728, 9728, 9728, 9728,
    ];

    /// <summary>TokenRemaining[remaining] × MagnitudeBuckets × Stride: the remaining bucket's first model within a band.</summary>
    private static ReadOnlySpan<ushort> TokenRemainingOffset =>
    [
        0, 0, 128, 256, 256, 256, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384,
        384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384,
        384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384,
        384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384,
    ];

    /// <summary>Bucket of the remaining non-zero count for the token context (1, 2, 3–5, 6+), index = remaining.</summary>
    private static ReadOnlySpan<byte> TokenRemaining =>
    [
        0, 0, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ];

    /// <summary>
    /// min(bit_length((v + 3) / 6), 7) for the blend v = nmag + 5 × inner, by v up to 381, where it reaches 7
    /// (a lookup instead of a division and a bit scan per scan position).
    /// </summary>
    private static ReadOnlySpan<byte> BlendedBucket =>
    [
        0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
        6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7,
    ];

    /// <summary>Token of a magnitude 0..18; 19 and above is the escape token 8.</summary>
    private static ReadOnlySpan<byte> TokenOfMagnitude => [0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7];

    /// <summary>Smallest magnitude of each token.</summary>
    private static ReadOnlySpan<byte> TokenBase => [0, 1, 2, 3, 4, 5, 7, 11, 19];

    /// <summary>Bypass bits after each token (besides the sign).</summary>
    private static ReadOnlySpan<byte> TokenExtraBits => [0, 0, 0, 0, 0, 1, 2, 3, 0];

    /// <summary>Class of each non-zero count 0..63.</summary>
    private static ReadOnlySpan<byte> CountClassOf =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 9, 9, 10, 10,
        10, 10, 11, 11, 11, 11, 11, 11, 11, 11, 12, 12, 12, 12, 12, 12,
        12, 12, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13,
        13, 13, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
    ];

    /// <summary>Smallest count of each class.</summary>
    private static ReadOnlySpan<byte> CountBase => [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 18, 26, 34, 50];

    /// <summary>Bypass bits after each count class.</summary>
    private static ReadOnlySpan<byte> CountExtraBits => [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 3, 4, 4];

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
        Span<short> levels = plane.Levels.AsSpan(((by * plane.BlocksWide) + bx) * 64, 64);
        int nonZero = CodeCountAndNeighbours(ref local, ctx, plane, bx, by);
        Span<short> neighbourMagnitudes = ctx.NeighbourMagnitudes;
        ReadOnlySpan<byte> zigZag = ZigZag.ToNatural;
        Span<ushort> tokens = ctx.AcToken;
        int remaining = nonZero;
        for (int k = 1; remaining > 0; k++)
        {
            int pos = zigZag[k];
            int actual = levels[pos];

            // One token per position: zero, or the magnitude class. Its context: the position, how many
            // non-zero levels remain, and the neighbours' magnitude at this frequency blended with the
            // already-coded lower frequencies next to it in this block (left and up in the frequency plane).
            int column = pos & 7, row = pos >> 3;
            int inner = (column > 0 ? Math.Abs(levels[pos - 1]) : 0) + (row > 0 ? Math.Abs(levels[pos - 8]) : 0);
            int magnitudeBucket = BlendedBucket[Math.Min(neighbourMagnitudes[pos] + (5 * inner), BlendedBucket.Length - 1)];
            int contextIndex = (((TokenBand[k] * CoefficientContexts.TokenRemainingBuckets) + TokenRemaining[remaining]) * CoefficientContexts.MagnitudeBuckets) + magnitudeBucket;
            int magnitude = Math.Abs(actual);
            int token = local.CodeSymbol(tokens.Slice(contextIndex * SymbolModel.Stride, SymbolModel.Stride), CoefficientContexts.TokenSymbols,
                magnitude < TokenOfMagnitude.Length ? TokenOfMagnitude[magnitude] : CoefficientContexts.TokenSymbols - 1);
            if (token == 0)
            {
                // When as many non-zero levels remain as positions, the level cannot be zero: the encoder never
                // codes token 0 there, and a decoder reads it as token 1.
                if (remaining < 64 - k)
                {
                    continue;
                }

                token = 1;
            }

            // Extra magnitude bits and the sign, bypass-coded in one step; an escape adds a length symbol and bypass bits.
            int extra = TokenExtraBits[token];
            int tail = local.CodeBypass(extra + 1, (((magnitude - TokenBase[token]) & ((1 << extra) - 1)) << 1) | (actual < 0 ? 1 : 0));
            int decoded = TokenBase[token] + (tail >> 1);
            if (token == CoefficientContexts.TokenSymbols - 1)
            {
                decoded = Math.Min(decoded + CodeEscape(ref local, ctx.AcEscape.AsSpan(TokenBand[k] / 5 * SymbolModel.Stride, SymbolModel.Stride), magnitude - decoded), MaxLevel);
            }

            levels[pos] = (short)((tail & 1) != 0 ? -decoded : decoded);
            remaining--;
        }

        coder = local;
    }

    /// <summary>
    /// The start of a block's AC coding, shared by <see cref="CodeAc{T}"/> and <see cref="DecodeAc"/>: codes the
    /// non-zero AC count (§8.4) from the neighbours' counts, records it, and fills
    /// <see cref="CoefficientContexts.NeighbourMagnitudes"/> for the token contexts (§8.5). Returns the count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CodeCountAndNeighbours<T>(ref T coder, CoefficientContexts ctx, PlaneState plane, int bx, int by)
        where T : IBinaryCoder, allows ref struct
    {
        int width = plane.BlocksWide;
        int index = (by * width) + bx;
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

        int nonZero = coder.IsDecoder ? 0 : CountNonZeroAc(plane.Levels.AsSpan(index * 64, 64));
        nonZero = CodeCount(ref coder, ctx.NonZeroCount.AsSpan(nonZeroBucket * SymbolModel.Stride, SymbolModel.Stride), nonZero);
        plane.NonZero[index] = (byte)nonZero;

        if (nonZero > 0)
        {
            // Only the tokens use them: a block without AC levels skips the work.
            ReadOnlySpan<short> aboveLevels = hasAbove ? plane.Levels.AsSpan(above * 64, 64) : default;
            ReadOnlySpan<short> leftLevels = hasLeft ? plane.Levels.AsSpan(left * 64, 64) : default;
            ReadOnlySpan<short> cornerLevels = hasAbove && hasLeft ? plane.Levels.AsSpan((above - 1) * 64, 64) : default;
            NeighbourContext.Compute(aboveLevels, leftLevels, cornerLevels, ctx.NeighbourMagnitudes);
        }

        return nonZero;
    }

    /// <summary>
    /// The non-zero AC count as one symbol of 15 classes (0 … 7 alone, then 8–9, 10–13, 14–17, 18–25, 26–33,
    /// 34–49, 50–63) and its offset in the class as bypass bits (a decoded count above 63 reads as 63).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CodeCount<T>(ref T coder, Span<ushort> model, int count)
        where T : IBinaryCoder, allows ref struct
    {
        int symbol = coder.CodeSymbol(model, CoefficientContexts.CountSymbols, CountClassOf[count]);
        int extra = CountExtraBits[symbol];
        int first = CountBase[symbol];
        return extra == 0 ? first : Math.Min(first + coder.CodeBypass(extra, count - first), 63);
    }

    /// <summary>
    /// The escape's excess v = magnitude − 19 ≥ 0: the bit length of v + 1 (1 … 15) as an adaptive symbol, then the
    /// bits of v + 1 below its leading one as bypass bits. The encoder passes v; the decoder's argument is a placeholder.
    /// </summary>
    private static int CodeEscape<T>(ref T coder, Span<ushort> model, int value)
        where T : IBinaryCoder, allows ref struct
    {
        int length = 1 + coder.CodeSymbol(model, CoefficientContexts.EscapeSymbols, coder.IsDecoder ? 0 : 31 - int.LeadingZeroCount(value + 1));
        int suffix = length == 1 ? 0 : coder.CodeBypass(length - 1, value + 1);
        return (1 << (length - 1)) + suffix - 1;
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
