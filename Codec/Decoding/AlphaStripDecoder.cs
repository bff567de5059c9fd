using RegionCodec.Alpha;
using RegionCodec.Entropy;

namespace RegionCodec.Decoding;

/// <summary>
/// Decodes one strip's ALPH payload (spec/rsg.md §9.4) and writes its samples into the alpha byte of
/// every output pixel, at full size or box-averaged for a reduced decode (§16). One instance per thread.
/// </summary>
internal sealed class AlphaStripDecoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly AlphaContexts _contexts = new();
    private readonly AlphaPlane _plane = new();
    private readonly int _scaleLog2;

    public AlphaStripDecoder(FrameHeader header, int scaleLog2)
    {
        _header = header;
        _scaleLog2 = scaleLog2;
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s alpha from <paramref name="payload"/> (at file offset
    /// <paramref name="payloadOffset"/>) into the last byte of each pixel of <paramref name="pixels"/>,
    /// whose colour bytes are already in place (row 0 = the strip's first output row).
    /// </summary>
    public void Decode(ReadOnlySpan<byte> payload, long payloadOffset, int strip, Span<byte> pixels, int pixelStride)
    {
        DecodePlane(payload, payloadOffset, strip);
        if (_scaleLog2 == 0)
        {
            WriteFullSize(pixels, pixelStride);
        }
        else
        {
            WriteReduced(pixels, pixelStride);
        }
    }

    /// <summary>Decodes strip <paramref name="strip"/>'s alpha plane into this decoder's own rows (R14 on a sample outside 0..255).</summary>
    public void DecodePlane(ReadOnlySpan<byte> payload, long payloadOffset, int strip)
    {
        FrameHeader h = _header;
        _plane.Prepare(h.Width, h.StripRows(strip));
        var coder = new RangeDecoder(payload);
        _contexts.Reset();
        int rowState = 0;
        for (int y = 0; y < _plane.Rows; y++)
        {
            if (!AlphaRowCoder.CodeRow(ref coder, _contexts, _plane.Above(y), _plane.Row(y), ref rowState))
            {
                ThrowHelper.Format(RsgError.BadAlpha, payloadOffset + Math.Min(coder.Position, payload.Length),
                    $"strip {strip} alpha row {y}: a decoded sample falls outside 0..255");
            }
        }
    }

    private void WriteFullSize(Span<byte> pixels, int pixelStride)
    {
        int bpp = _header.BytesPerPixel;
        for (int y = 0; y < _plane.Rows; y++)
        {
            ReadOnlySpan<byte> alpha = _plane.Row(y);
            Span<byte> row = pixels.Slice(y * pixelStride);
            for (int x = 0, i = bpp - 1; x < alpha.Length; x++, i += bpp)
            {
                row[i] = alpha[x];
            }
        }
    }

    /// <summary>
    /// Reduced alpha (spec/rsg.md §16): the mean of each 2^k × 2^k box, rounding half up, where positions
    /// beyond the image or the strip repeat its last column or row (as the colour planes' padding does).
    /// </summary>
    private void WriteReduced(Span<byte> pixels, int pixelStride)
    {
        int k = _scaleLog2, box = 1 << k, shift = 2 * k, half = 1 << (shift - 1);
        int width = _plane.Width, rows = _plane.Rows, bpp = _header.BytesPerPixel;
        int outWidth = (width + box - 1) >> k, outRows = (rows + box - 1) >> k;
        for (int oy = 0; oy < outRows; oy++)
        {
            Span<byte> outRow = pixels.Slice(oy * pixelStride);
            for (int ox = 0; ox < outWidth; ox++)
            {
                int sum = 0;
                for (int j = 0; j < box; j++)
                {
                    ReadOnlySpan<byte> row = _plane.Row(Math.Min((oy << k) + j, rows - 1));
                    for (int i = 0; i < box; i++)
                    {
                        sum += row[Math.Min((ox << k) + i, width - 1)];
                    }
                }

                outRow[(ox * bpp) + bpp - 1] = (byte)((sum + half) >> shift);
            }
        }
    }

    public void Dispose() => _plane.Dispose();
}
