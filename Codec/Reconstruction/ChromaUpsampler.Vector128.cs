using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

internal sealed partial class ChromaUpsampler
{
    /// <summary>
    /// The Vector128 path: 16 chroma columns at a time vertically and 8 horizontally, the rest by the
    /// scalar passes; same bits as <see cref="UpsampleRowScalar"/>. Same contract as <see cref="UpsampleRow"/>.
    /// </summary>
    internal ReadOnlySpan<byte> UpsampleRowVector128(byte[] plane, int stride, int chromaRows, int y, int slot)
    {
        SourceRows(plane, stride, chromaRows, y, out ReadOnlySpan<byte> near, out ReadOnlySpan<byte> far);
        Span<short> v = _vertical;
        int c = 0;
        for (; c + 16 <= _chromaWidth; c += 16)
        {
            (Vector128<ushort> nearLo, Vector128<ushort> nearHi) = Vector128.Widen(Vector128.Create(near.Slice(c, 16)));
            (Vector128<ushort> farLo, Vector128<ushort> farHi) = Vector128.Widen(Vector128.Create(far.Slice(c, 16)));
            ((nearLo * 3) + farLo).AsInt16().CopyTo(v.Slice(c + 1));
            ((nearHi * 3) + farHi).AsInt16().CopyTo(v.Slice(c + 9));
        }

        VerticalPass(near, far, c);

        Span<byte> output = _rows[slot];
        Vector128<short> rounding = Vector128.Create((short)8);
        Vector128<byte> interleave = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        for (c = 0; c + 8 <= _chromaWidth; c += 8)
        {
            Vector128<short> left = Vector128.Create((ReadOnlySpan<short>)v.Slice(c, 8));
            Vector128<short> centre = Vector128.Create((ReadOnlySpan<short>)v.Slice(c + 1, 8)) * 3;
            Vector128<short> right = Vector128.Create((ReadOnlySpan<short>)v.Slice(c + 2, 8));
            Vector128<short> even = Vector128.ShiftRightArithmetic(centre + left + rounding, 4);
            Vector128<short> odd = Vector128.ShiftRightArithmetic(centre + right + rounding, 4);
            Vector128<byte> packed = Vector128.Narrow(even.AsUInt16(), odd.AsUInt16());
            Vector128.Shuffle(packed, interleave).CopyTo(output.Slice(2 * c));
        }

        return HorizontalPass(slot, c);
    }
}
