namespace RegionCodec.Decoding;

/// <summary>
/// Normative 4:2:0 chroma upsampling (spec/rsg.md §10.2): each output sample is
/// (9·nearest + 3·horizontal neighbour + 3·vertical neighbour + 1·diagonal + 8) >> 4, with chroma
/// samples centred between luma pairs and edges (image and strip) replicated, so strips stay independent.
/// </summary>
internal sealed class ChromaUpsampler
{
    private readonly int _width;
    private readonly int _chromaWidth;
    private readonly int[] _vertical;
    private readonly byte[][] _rows;

    public ChromaUpsampler(int width)
    {
        _width = width;
        _chromaWidth = (width + 1) >> 1;
        _vertical = new int[_chromaWidth];
        _rows = [new byte[width], new byte[width]];
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
        Span<int> v = _vertical;
        for (int x = 0; x < v.Length; x++)
        {
            v[x] = (3 * near[x]) + far[x];
        }

        Span<byte> output = _rows[slot];
        int last = _chromaWidth - 1;
        for (int x = 0; x < _width; x++)
        {
            int cx = x >> 1;
            int neighbour = (x & 1) != 0 ? Math.Min(cx + 1, last) : Math.Max(cx - 1, 0);
            output[x] = (byte)(((3 * v[cx]) + v[neighbour] + 8) >> 4);
        }

        return output;
    }
}
