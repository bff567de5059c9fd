using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RegionCodec.Entropy;
using RegionCodec.Quantization;

namespace RegionCodec.Coefficients;

internal static partial class BlockCoder
{
    /// <summary>
    /// The decoder's <see cref="CodeAc{T}"/> (spec/rsg.md §8.4, §8.5): the same decisions in the same order, with the
    /// range coder's state in locals for the whole token loop so range and code stay in registers, and the rare
    /// escape out of line. Tests check it against <see cref="CodeAc{T}"/> on random payloads.
    /// </summary>
    public static void DecodeAc(ref RangeDecoder coder, CoefficientContexts ctx, PlaneState plane, int bx, int by)
    {
        int remaining = CodeCountAndNeighbours(ref coder, ctx, plane, bx, by);
        if (remaining == 0)
        {
            return;
        }

        coder.Export(out uint range, out uint code, out int position, out ReadOnlySpan<byte> input);
        ref short levels = ref MemoryMarshal.GetReference(plane.Levels.AsSpan(((by * plane.BlocksWide) + bx) * 64, 64));
        ref short neighbours = ref MemoryMarshal.GetArrayDataReference(ctx.NeighbourMagnitudes);
        ref ushort tokens = ref MemoryMarshal.GetArrayDataReference(ctx.AcToken);

        // Unchecked indexing is safe: the count is at most 63 and a position is forced non-zero once as many
        // levels remain as positions, so k stays ≤ 63 and remaining ≥ 1 inside the loop. The constant tables are
        // read through GetReference at each use, which the JIT folds to a fixed address (no register held).
        for (int k = 1; ; k++)
        {
            int pos = Unsafe.Add(ref MemoryMarshal.GetReference(ZigZag.ToNatural), k);
            int column = pos & 7, row = pos >> 3;
            int inner = (column > 0 ? Magnitude(Unsafe.Add(ref levels, pos - 1)) : 0)
                + (row > 0 ? Magnitude(Unsafe.Add(ref levels, pos - 8)) : 0);
            int magnitudeBucket = Unsafe.Add(ref MemoryMarshal.GetReference(BlendedBucket), Math.Min(Unsafe.Add(ref neighbours, pos) + (5 * inner), BlendedBucket.Length - 1));
            int contextIndex = (((Unsafe.Add(ref MemoryMarshal.GetReference(TokenBand), k) * CoefficientContexts.TokenRemainingBuckets) + Unsafe.Add(ref MemoryMarshal.GetReference(TokenRemaining), remaining))
                * CoefficientContexts.MagnitudeBuckets) + magnitudeBucket;
            int token = RangeDecoder.DecodeSmallSymbol(ref range, ref code, ref position, input,
                ref Unsafe.Add(ref tokens, contextIndex * SymbolModel.Stride), CoefficientContexts.TokenSymbols, out _);
            if (token == 0)
            {
                if (remaining < 64 - k)
                {
                    continue;
                }

                token = 1;
            }

            int tail = RangeDecoder.DecodeBypass(ref range, ref code, ref position, input, TokenExtraBits[token] + 1);
            int magnitude = TokenBase[token] + (tail >> 1);
            if (token == CoefficientContexts.TokenSymbols - 1)
            {
                // Through the struct, so the locals are never address-exposed to a call.
                coder.Import(range, code, position);
                magnitude = DecodeEscape(ref coder, ctx, k, magnitude);
                coder.Export(out range, out code, out position, out input);
            }

            Unsafe.Add(ref levels, pos) = (short)((tail & 1) != 0 ? -magnitude : magnitude);
            if (--remaining == 0)
            {
                break;
            }
        }

        coder.Import(range, code, position);
    }

    /// <summary>|level| without a branch: the JIT's Math.Abs branches on the sign, which levels make unpredictable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Magnitude(short level)
    {
        int sign = level >> 31;
        return (level ^ sign) - sign;
    }

    /// <summary>An escape's excess added to the token's base <paramref name="magnitude"/>, capped at <see cref="MaxLevel"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DecodeEscape(ref RangeDecoder coder, CoefficientContexts ctx, int k, int magnitude) =>
        Math.Min(magnitude + CodeEscape(ref coder, ctx.AcEscape.AsSpan(TokenBand[k] / 5 * SymbolModel.Stride, SymbolModel.Stride), 0), MaxLevel);
}
