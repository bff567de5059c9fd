using RegionCodec.Entropy;
using RegionCodec.Lossless;

namespace RegionCodec.Decoding;

/// <summary>
/// Decodes one strip's LOSS payload (spec/rsg.md §9.5) and writes its samples over the colour bytes of the
/// lossless pixels of the strip's output rows (the last step of §10.4), at full size or box-averaged for a
/// reduced decode (§16). One instance per thread.
/// </summary>
internal sealed class LosslessStripDecoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly bool[] _isLossless;
    private readonly LosslessContexts _contexts = new();
    private readonly LosslessColourCache _cache;
    private readonly LosslessPlane _plane = new();
    private readonly int _scaleLog2;

    public LosslessStripDecoder(FrameHeader header, RsgRegion[] regions, int scaleLog2)
    {
        _header = header;
        _isLossless = LosslessRegions.Flags(regions);
        _cache = new LosslessColourCache(header.ComponentCount == 1);
        _scaleLog2 = scaleLog2;
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s lossless samples from <paramref name="payload"/> (its mask rows
    /// <paramref name="stripMask"/> already decoded from the STRP chunk) and writes them into <paramref name="pixels"/>
    /// (row 0 = the strip's first output row). No decoded payload is invalid: garbage gives some colours.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> payload, int strip, ReadOnlySpan<byte> stripMask, Span<byte> pixels, int pixelStride)
    {
        DecodePlane(payload, strip, stripMask);
        if (_scaleLog2 == 0)
        {
            WriteFullSize(stripMask, strip, pixels, pixelStride);
        }
        else
        {
            WriteReduced(stripMask, strip, pixels, pixelStride);
        }
    }

    /// <summary>Decodes strip <paramref name="strip"/>'s lossless plane into this decoder's own rows.</summary>
    public void DecodePlane(ReadOnlySpan<byte> payload, int strip, ReadOnlySpan<byte> stripMask)
    {
        FrameHeader h = _header;
        _plane.Prepare(h.Width, h.StripRows(strip));
        var coder = new RangeDecoder(payload);
        LosslessSampleCoder.CodeStrip(ref coder, _contexts, _cache, _plane, stripMask, h.MaskWidth, h.MaskCellLog2, h.StripTop(strip),
            _isLossless, h.ComponentCount == 1);
    }

    private bool IsLossless(ReadOnlySpan<byte> stripMask, int strip, int x, int y)
    {
        FrameHeader h = _header;
        int top = h.StripTop(strip);
        int maskRow = ((top + y) >> h.MaskCellLog2) - (top >> h.MaskCellLog2);
        return _isLossless[stripMask[(maskRow * h.MaskWidth) + (x >> h.MaskCellLog2)]];
    }

    private void WriteFullSize(ReadOnlySpan<byte> stripMask, int strip, Span<byte> pixels, int pixelStride)
    {
        int bpp = _header.BytesPerPixel;
        bool gray = _header.ComponentCount == 1;
        for (int y = 0; y < _plane.Rows; y++)
        {
            ReadOnlySpan<int> colours = _plane.Row(y);
            Span<byte> row = pixels.Slice(y * pixelStride);
            for (int x = 0; x < colours.Length; x++)
            {
                if (!IsLossless(stripMask, strip, x, y))
                {
                    continue;
                }

                int colour = colours[x], i = x * bpp;
                row[i] = (byte)colour;
                if (!gray)
                {
                    row[i + 1] = (byte)(colour >> 8);
                    row[i + 2] = (byte)(colour >> 16);
                }
            }
        }
    }

    /// <summary>
    /// Reduced size (spec/rsg.md §16): an output pixel whose box's top-left pixel is lossless takes, per channel,
    /// the mean of the plane over its 2^k × 2^k box (rounding half up; positions beyond the image or strip
    /// repeat its last column or row), as the alpha plane does.
    /// </summary>
    private void WriteReduced(ReadOnlySpan<byte> stripMask, int strip, Span<byte> pixels, int pixelStride)
    {
        int k = _scaleLog2, box = 1 << k, shift = 2 * k, half = 1 << (shift - 1);
        int width = _plane.Width, rows = _plane.Rows, bpp = _header.BytesPerPixel;
        int channels = _header.ComponentCount;
        int outWidth = (width + box - 1) >> k, outRows = (rows + box - 1) >> k;
        for (int oy = 0; oy < outRows; oy++)
        {
            Span<byte> outRow = pixels.Slice(oy * pixelStride);
            for (int ox = 0; ox < outWidth; ox++)
            {
                if (!IsLossless(stripMask, strip, ox << k, oy << k))
                {
                    continue;
                }

                for (int channel = 0; channel < channels; channel++)
                {
                    int sum = 0;
                    for (int j = 0; j < box; j++)
                    {
                        ReadOnlySpan<int> row = _plane.Row(Math.Min((oy << k) + j, rows - 1));
                        for (int i = 0; i < box; i++)
                        {
                            sum += (row[Math.Min((ox << k) + i, width - 1)] >> (8 * channel)) & 255;
                        }
                    }

                    outRow[(ox * bpp) + channel] = (byte)((sum + half) >> shift);
                }
            }
        }
    }

    public void Dispose() => _plane.Dispose();
}
