using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RegionCodec.Entropy;
using RegionCodec.Quantization;

namespace RegionCodec.Coefficients;

internal static partial class BlockCoder
{
    /// <summary>
    /// The decoder's <see cref="CodeAc{T}"/> (spec/rsg.md §8.4, §8.5): the same decisions in the same order, with the
    /// range coder's state in locals for the whole token loop so range and code stay in registers, and the rarer
    /// magnitudes of 5 and up (extra bits, escape) out of line. Tests check it against <see cref="CodeAc{T}"/> on random payloads.
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
            nuint pos = Unsafe.Add(ref MemoryMarshal.GetReference(ZigZag.ToNatural), (uint)k);

            // The left and upper neighbours without branches: a missing one is read from a position on a later
            // zig-zag diagonal, still zero in the decoder (a strip's levels start cleared). Column 0's pos − 1 is
            // (row − 1, 7), diagonal row + 6; row 0's (pos − 8) & 63 is (7, column), diagonal column + 7.
            int inner = Magnitude(Unsafe.Add(ref levels, pos - 1)) + Magnitude(Unsafe.Add(ref levels, (pos - 8) & 63));
            int magnitudeBucket = Unsafe.Add(ref MemoryMarshal.GetReference(BlendedBucket), (uint)Math.Min(Unsafe.Add(ref neighbours, pos) + (5 * inner), BlendedBucket.Length - 1));
            int modelOffset = Unsafe.Add(ref MemoryMarshal.GetReference(TokenBandOffset), (uint)k)
                + Unsafe.Add(ref MemoryMarshal.GetReference(TokenRemainingOffset), (uint)remaining) + (magnitudeBucket * SymbolModel.Stride);
            int token = RangeDecoder.DecodeSmallSymbol(ref range, ref code, ref position, input,
                ref Unsafe.Add(ref tokens, (uint)modelOffset), CoefficientContexts.TokenSymbols, out _);
            if (token == 0)
            {
                if (remaining < 64 - k)
                {
                    continue;
                }

                token = 1;
            }

            int level;
            if (token < FirstTokenWithTail)
            {
                // Magnitudes 1 … 4, the common case: only the sign, one bypass bit inline.
                int negative = RangeDecoder.DecodeBypass(ref range, ref code, ref position, input, 1);
                level = (token ^ -negative) + negative;
            }
            else
            {
                // Through the struct, so the locals are never address-exposed to a call.
                coder.Import(range, code, position);
                level = DecodeTail(ref coder, ctx, k, token);
                coder.Export(out range, out code, out position, out input);
            }

            Unsafe.Add(ref levels, pos) = (short)level;
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

    /// <summary>The first token with extra magnitude bits or an escape after it (magnitude 5 and up).</summary>
    private const int FirstTokenWithTail = 5;

    /// <summary>
    /// The signed level of a token of <see cref="FirstTokenWithTail"/> or above: its extra magnitude bits and sign,
    /// then an escape's excess, capped at <see cref="MaxLevel"/>. Out of line: rare, and it keeps the token loop short.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DecodeTail(ref RangeDecoder coder, CoefficientContexts ctx, int k, int token)
    {
        int tail = coder.CodeBypass(TokenExtraBits[token] + 1, 0);
        int magnitude = TokenBase[token] + (tail >> 1);
        if (token == CoefficientContexts.TokenSymbols - 1)
        {
            magnitude = Math.Min(magnitude + CodeEscape(ref coder, ctx.AcEscape.AsSpan(TokenBand[k] / 5 * SymbolModel.Stride, SymbolModel.Stride), 0), MaxLevel);
        }

        return (tail & 1) != 0 ? -magnitude : magnitude;
    }
}
