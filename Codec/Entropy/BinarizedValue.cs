using System.Runtime.CompilerServices;

namespace RegionCodec.Entropy;

/// <summary>
/// Shared binarizations (spec/rsg.md §5.4): a magnitude v ≥ 1 as an adaptive unary bit length
/// followed by its mantissa bits, a signed value as zero flag, sign and magnitude, and a value in
/// 0..2^n-1 as a binary tree.
/// </summary>
internal static class BinarizedValue
{
    /// <summary>
    /// Codes <paramref name="value"/> in 1..2^maxBits-1. Length e = bit length of the value, sent as
    /// bits (e > 1), (e > 2), ... with <paramref name="lengthModels"/>[i-1] (stopping at the first 0 or
    /// at maxBits); then the e-1 bits below the leading one, the highest with
    /// <paramref name="mantissaModels"/>[e-1], the rest with mantissaModels[maxBits + e - 1].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CodeMagnitude<T>(ref T coder, Span<BitModel> lengthModels, Span<BitModel> mantissaModels, int maxBits, int value)
        where T : IBinaryCoder, allows ref struct
    {
        int actualLength = coder.IsDecoder ? 0 : 32 - int.LeadingZeroCount(value);
        int length = 1;
        while (length < maxBits && coder.Code(ref lengthModels[length - 1], actualLength > length ? 1 : 0) != 0)
        {
            length++;
        }

        int result = 1;
        for (int bit = length - 2; bit >= 0; bit--)
        {
            ref BitModel model = ref bit == length - 2 ? ref mantissaModels[length - 1] : ref mantissaModels[maxBits + length - 1];
            result = (result << 1) | coder.Code(ref model, (value >> bit) & 1);
        }

        return result;
    }

    /// <summary>
    /// Codes a signed value: a "is zero" flag (1 = zero), then a sign (1 = negative), then the
    /// magnitude as in <see cref="CodeMagnitude{T}"/>. Used for DC residuals and mask run-end deltas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CodeSigned<T>(ref T coder, ref BitModel zeroModel, ref BitModel signModel, Span<BitModel> lengthModels,
        Span<BitModel> mantissaModels, int maxBits, int value)
        where T : IBinaryCoder, allows ref struct
    {
        if (coder.Code(ref zeroModel, value == 0 ? 1 : 0) != 0)
        {
            return 0;
        }

        int negative = coder.Code(ref signModel, value < 0 ? 1 : 0);
        int magnitude = CodeMagnitude(ref coder, lengthModels, mantissaModels, maxBits, Math.Abs(value));
        return negative != 0 ? -magnitude : magnitude;
    }

    /// <summary>Codes a value of <paramref name="bits"/> bits MSB first through a binary tree of contexts (node 1 is the root).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CodeTree<T>(ref T coder, Span<BitModel> treeModels, int bits, int value)
        where T : IBinaryCoder, allows ref struct
    {
        int node = 1;
        for (int bit = bits - 1; bit >= 0; bit--)
        {
            node = (node << 1) | coder.Code(ref treeModels[node], (value >> bit) & 1);
        }

        return node - (1 << bits);
    }
}
