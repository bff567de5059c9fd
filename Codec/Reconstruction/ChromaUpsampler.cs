using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// Normative 4:2:0 chroma upsampling (spec/rsg.md §10.2): each output sample is
/// (9·nearest + 3·horizontal neighbour + 3·vertical neighbour + 1·diagonal + 8) >> 4, with chroma
/// samples centred between luma pairs and edges (image and strip) replicated, so strips stay independent.
/// Computed as a vertical pass v = 3·near + far, then out[2c] = (3·v[c] + v[c−1] + 8) >> 4 and
/// out[2c+1] = (3·v[c] + v[c+1] + 8) >> 4; the Vector128 path gives the same bits as the scalar one.
/// </summary>
internal sealed class ChromaUpsampler
{
    private readonly int _width;
    private readonly int _chromaWidth;

    /// <summary>The vertical pass with one replicated sample at each end: _vertical[c + 1] = v[c].</summary>
    private readonly short[] _vertical;
    private readonly byte[][] _rows;
    private readonly bool _useVectors;

    /// <param name="width">Image width.</param>
    /// <param name="useVectors">False forces the scalar reference path (for tests).</param>
    public ChromaUpsampler(int width, bool useVectors = true)
    {
        _useVectors = useVectors && Vector128.IsHardwareAccelerated;
        _width = width;
        _chromaWidth = (width + 1) >> 1;
        _vertical = new short[_chromaWidth + 2 + 8];
        _rows = [new byte[(2 * _chromaWidth) + 16], new byte[(2 * _chromaWidth) + 16]];
    }

    /// <summary>
    /// Upsamples strip-local output row <paramref name="y"/> from a chroma plane with
    /// <paramref name="chromaRows"/> valid rows. The result stays valid until the next call with the same <paramref name="slot"/>.
    /// </summary>
    public ReadOnlySpan<byte> UpsampleRow(byte[] plane, int stride, int chromaRows, int y, int slot)
    {
        int cy = y >> 1;
        int other = (y & 1) != 0 ? Math.Min(cy + 1, chromaRows - 1) : Math.Max(cy - 1, 0);
        ReadOnlySpan<byte> near = plane.AsSpan(cy * stride, _chromaWidth);
        ReadOnlySpan<byte> far = plane.AsSpan(other * stride, _chromaWidth);
        Span<short> v = _vertical;
        int c = 0;
        if (_useVectors)
        {
            for (; c + 16 <= _chromaWidth; c += 16)
            {
                (Vector128<ushort> nearLo, Vector128<ushort> nearHi) = Vector128.Widen(Vector128.Create(near.Slice(c, 16)));
                (Vector128<ushort> farLo, Vector128<ushort> farHi) = Vector128.Widen(Vector128.Create(far.Slice(c, 16)));
                ((nearLo * 3) + farLo).AsInt16().CopyTo(v.Slice(c + 1));
                ((nearHi * 3) + farHi).AsInt16().CopyTo(v.Slice(c + 9));
            }
        }

        for (; c < _chromaWidth; c++)
        {
            v[c + 1] = (short)((3 * near[c]) + far[c]);
        }

        v[0] = v[1];
        v[_chromaWidth + 1] = v[_chromaWidth];

        Span<byte> output = _rows[slot];
        c = 0;
        if (_useVectors)
        {
            Vector128<short> rounding = Vector128.Create((short)8);
            Vector128<byte> interleave = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
            for (; c + 8 <= _chromaWidth; c += 8)
            {
                Vector128<short> left = Vector128.Create((ReadOnlySpan<short>)v.Slice(c, 8));
                Vector128<short> centre = Vector128.Create((ReadOnlySpan<short>)v.Slice(c + 1, 8)) * 3;
                Vector128<short> right = Vector128.Create((ReadOnlySpan<short>)v.Slice(c + 2, 8));
                Vector128<short> even = Vector128.ShiftRightArithmetic(centre + left + rounding, 4);
                Vector128<short> odd = Vector128.ShiftRightArithmetic(centre + right + rounding, 4);
                Vector128<byte> packed = Vector128.Narrow(even.AsUInt16(), odd.AsUInt16());
                Vector128.Shuffle(packed, interleave).CopyTo(output.Slice(2 * c));
            }
        }

        for (; c < _chromaWidth; c++)
        {
            int centre = 3 * v[c + 1];
            output[2 * c] = (byte)((centre + v[c] + 8) >> 4);
            output[(2 * c) + 1] = (byte)((centre + v[c + 2] + 8) >> 4);
        }

        return output[.._width];
    }
}
