using System.Runtime.Intrinsics;

namespace RegionCodec.Reconstruction;

/// <summary>
/// Normative 4:2:0 chroma upsampling (spec/rsg.md §10.2): each output sample is
/// (9·nearest + 3·horizontal neighbour + 3·vertical neighbour + 1·diagonal + 8) >> 4, with chroma
/// samples centred between luma pairs and edges (image and strip) replicated, so strips stay independent.
/// Computed as a vertical pass v = 3·near + far, then out[2c] = (3·v[c] + v[c−1] + 8) >> 4 and
/// out[2c+1] = (3·v[c] + v[c+1] + 8) >> 4; the Vector128 path (ChromaUpsampler.Vector128.cs) gives the same bits as the scalar reference.
/// </summary>
internal sealed partial class ChromaUpsampler
{
    private readonly int _width;
    private readonly int _chromaWidth;

    /// <summary>The vertical pass with one replicated sample at each end: _vertical[c + 1] = v[c].</summary>
    private readonly short[] _vertical;
    private readonly byte[][] _rows;

    /// <param name="width">Image width.</param>
    public ChromaUpsampler(int width)
    {
        _width = width;
        _chromaWidth = (width + 1) >> 1;
        _vertical = new short[_chromaWidth + 2 + 8];
        _rows = [new byte[(2 * _chromaWidth) + 16], new byte[(2 * _chromaWidth) + 16]];
    }

    /// <summary>
    /// Upsamples strip-local output row <paramref name="y"/> from a chroma plane with
    /// <paramref name="chromaRows"/> valid rows. The result stays valid until the next call with the same <paramref name="slot"/>.
    /// </summary>
    public ReadOnlySpan<byte> UpsampleRow(byte[] plane, int stride, int chromaRows, int y, int slot) =>
        Vector128.IsHardwareAccelerated
            ? UpsampleRowVector128(plane, stride, chromaRows, y, slot)
            : UpsampleRowScalar(plane, stride, chromaRows, y, slot);

    /// <summary>The scalar reference path. Same contract as <see cref="UpsampleRow"/>.</summary>
    internal ReadOnlySpan<byte> UpsampleRowScalar(byte[] plane, int stride, int chromaRows, int y, int slot)
    {
        SourceRows(plane, stride, chromaRows, y, out ReadOnlySpan<byte> near, out ReadOnlySpan<byte> far);
        VerticalPass(near, far, 0);
        return HorizontalPass(slot, 0);
    }

    /// <summary>The nearer and the farther chroma row of output row <paramref name="y"/> (edges replicated).</summary>
    private void SourceRows(byte[] plane, int stride, int chromaRows, int y, out ReadOnlySpan<byte> near, out ReadOnlySpan<byte> far)
    {
        int cy = y >> 1;
        int other = (y & 1) != 0 ? Math.Min(cy + 1, chromaRows - 1) : Math.Max(cy - 1, 0);
        near = plane.AsSpan(cy * stride, _chromaWidth);
        far = plane.AsSpan(other * stride, _chromaWidth);
    }

    /// <summary>v = 3·near + far for chroma columns <paramref name="from"/> on, then the replicated ends.</summary>
    private void VerticalPass(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int from)
    {
        Span<short> v = _vertical;
        for (int c = from; c < _chromaWidth; c++)
        {
            v[c + 1] = (short)((3 * near[c]) + far[c]);
        }

        v[0] = v[1];
        v[_chromaWidth + 1] = v[_chromaWidth];
    }

    /// <summary>The two output samples of chroma columns <paramref name="from"/> on; returns the whole output row.</summary>
    private ReadOnlySpan<byte> HorizontalPass(int slot, int from)
    {
        Span<short> v = _vertical;
        Span<byte> output = _rows[slot];
        for (int c = from; c < _chromaWidth; c++)
        {
            int centre = 3 * v[c + 1];
            output[2 * c] = (byte)((centre + v[c] + 8) >> 4);
            output[(2 * c) + 1] = (byte)((centre + v[c + 2] + 8) >> 4);
        }

        return output[.._width];
    }
}
