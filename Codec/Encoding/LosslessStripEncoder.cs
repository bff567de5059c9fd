using RegionCodec.Entropy;
using RegionCodec.Lossless;
using RegionCodec.Memory;

namespace RegionCodec.Encoding;

/// <summary>
/// Encodes one strip's lossless samples into a LOSS payload (spec/rsg.md §9.5), in the same two steps as
/// <see cref="StripEncoder"/>: <see cref="Sample"/> packs the strip's colours on the caller's thread,
/// <see cref="Code"/> codes them on any thread. The mirror of <see cref="Decoding.LosslessStripDecoder"/>.
/// </summary>
internal sealed class LosslessStripEncoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly RsgPixelFormat _format;
    private readonly RsgLabelMap _labels;
    private readonly bool[] _isLossless;
    private readonly LosslessContexts _contexts = new();
    private readonly LosslessColourCache _cache;
    private readonly LosslessPlane _plane = new();
    private int _strip = -1;

    public LosslessStripEncoder(FrameHeader header, RsgRegion[] regions, RsgLabelMap labels, RsgPixelFormat format)
    {
        _header = header;
        _format = format;
        _labels = labels;
        _isLossless = LosslessRegions.Flags(regions);
        _cache = new LosslessColourCache(header.ComponentCount == 1);
    }

    /// <summary>Packs strip <paramref name="strip"/>'s colours out of <paramref name="pixels"/> (gray levels for a gray frame).</summary>
    public void Sample(PixelRows pixels, int strip)
    {
        FrameHeader h = _header;
        _plane.Prepare(h.Width, h.StripRows(strip));
        int top = h.StripTop(strip), bpp = _format.BytesPerPixel();
        bool gray = h.ComponentCount == 1;
        for (int y = 0; y < _plane.Rows; y++)
        {
            ReadOnlySpan<byte> source = pixels.Row(top + y, h.Width * bpp);
            Span<int> row = _plane.Row(y);
            for (int x = 0, i = 0; x < row.Length; x++, i += bpp)
            {
                row[x] = Pack(source.Slice(i, bpp), gray);
            }
        }

        _strip = strip;
    }

    /// <summary>
    /// One source pixel as the plane's packed colour. Colour input coded as gray uses the integer luma
    /// (77 R + 150 G + 29 B + 128) >> 8; that is what a gray lossless region reproduces.
    /// </summary>
    private int Pack(ReadOnlySpan<byte> p, bool gray)
    {
        (int r, int g, int b) = _format switch
        {
            RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16 => (p[0], p[0], p[0]),
            RsgPixelFormat.Bgr24 or RsgPixelFormat.Bgra32 => (p[2], p[1], p[0]),
            _ => (p[0], p[1], p[2]),
        };
        if (!gray)
        {
            return r | (g << 8) | (b << 16);
        }

        return _format.IsGray() ? r : ((77 * r) + (150 * g) + (29 * b) + 128) >> 8;
    }

    /// <summary>Codes the strip last passed to <see cref="Sample"/> into <paramref name="output"/> (cleared first).</summary>
    public void Code(PooledBufferWriter output)
    {
        if (_strip < 0)
        {
            throw new InvalidOperationException("Code needs a strip from Sample first.");
        }

        FrameHeader h = _header;
        int strip = _strip;
        _strip = -1;
        output.Clear();
        var coder = new RangeEncoder(output);
        ReadOnlySpan<byte> mask = _labels.Labels.AsSpan(h.StripMaskTop(strip) * h.MaskWidth, h.StripMaskRows(strip) * h.MaskWidth);
        LosslessSampleCoder.CodeStrip(ref coder, _contexts, _cache, _plane, mask, h.MaskWidth, h.MaskCellLog2, h.StripTop(strip),
            _isLossless, h.ComponentCount == 1);
        coder.Finish();
    }

    public void Dispose() => _plane.Dispose();
}
