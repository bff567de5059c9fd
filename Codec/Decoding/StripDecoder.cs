using System.Buffers;
using RegionCodec.Color;
using RegionCodec.Entropy;
using RegionCodec.Model;
using RegionCodec.Quantization;
using RegionCodec.Transform;

namespace RegionCodec.Decoding;

/// <summary>
/// Decodes one strip's payload (spec/rsg.md §9): its mask rows, then its blocks in MCU order, each
/// dequantized and inverse transformed into the strip's planes; then converts the planes to output rows.
/// One instance per thread; its buffers are reused from strip to strip.
/// </summary>
internal sealed class StripDecoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly RsgRegion[] _regions;
    private readonly int[] _ranks;
    private readonly RegionQuantizers _quantizers;
    private readonly MaskContexts _maskContexts = new();
    private readonly CoefficientContexts _lumaContexts = new();
    private readonly CoefficientContexts _chromaContexts = new();
    private readonly PlaneState[] _planes;
    private readonly byte[][] _samples;
    private readonly int[] _sampleStrides;
    private readonly short[] _coefficients = new short[64];
    private readonly ChromaUpsampler? _upsampler;
    private byte[] _maskScratch = [];
    private byte[] _stripPixels = [];
    private byte[] _stripMask = [];

    public StripDecoder(FrameHeader header, RsgRegion[] regions)
    {
        _header = header;
        _regions = regions;
        _ranks = BlockRegions.Ranks(regions);
        _quantizers = new RegionQuantizers(regions);
        int components = header.ComponentCount;
        _planes = new PlaneState[components];
        _samples = new byte[components][];
        _sampleStrides = new int[components];
        for (int c = 0; c < components; c++)
        {
            _planes[c] = new PlaneState(isChroma: c > 0);
            _samples[c] = [];
        }

        if (header.IsSubsampled)
        {
            _upsampler = new ChromaUpsampler(header.Width);
        }
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/> from <paramref name="payload"/> (which starts at file offset
    /// <paramref name="payloadOffset"/>). Writes its image rows to <paramref name="pixels"/> (row 0 = the
    /// strip's first row) and, when <paramref name="mask"/> is not empty, its mask rows there.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> payload, long payloadOffset, int strip, Span<byte> pixels, int pixelStride, Span<byte> mask)
    {
        FrameHeader h = _header;
        int stripTop = h.StripTop(strip);
        int stripRows = h.StripRows(strip);
        int maskRows = MaskRowCount(h, strip);
        if (mask.IsEmpty)
        {
            if (_maskScratch.Length < maskRows * h.MaskWidth)
            {
                _maskScratch = new byte[maskRows * h.MaskWidth];
            }

            mask = _maskScratch.AsSpan(0, maskRows * h.MaskWidth);
        }

        var coder = new RangeDecoder(payload);
        _maskContexts.Reset();
        for (int row = 0; row < maskRows; row++)
        {
            ReadOnlySpan<byte> above = row == 0 ? default : mask.Slice((row - 1) * h.MaskWidth, h.MaskWidth);
            if (!MaskRowCoder.CodeRow(ref coder, _maskContexts, above, mask.Slice(row * h.MaskWidth, h.MaskWidth), h.RegionCount))
            {
                ThrowHelper.Format(RsgError.BadMask, payloadOffset + Math.Min(coder.Position, payload.Length),
                    $"strip {strip} mask row {row}: label not below {h.RegionCount} or run outside the row");
            }
        }

        int mcuRows = h.StripMcuRowCount(strip);
        PrepareStrip(mcuRows);
        for (int c = 0; c < _planes.Length; c++)
        {
            BlockRegions.Assign(h, _ranks, mask, stripTop, _planes[c]);
        }

        _lumaContexts.Reset();
        _chromaContexts.Reset();
        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            DecodeBlock(ref coder, block.Component, block.X, block.Y, payloadOffset, payload.Length);
        }

        WriteRows(stripRows, pixels, pixelStride);
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/> into this decoder's own strip buffers and hands its mask
    /// rows, then its pixel rows, to <paramref name="sink"/> (when not null).
    /// </summary>
    public void DecodeToSink(ReadOnlySpan<byte> payload, long payloadOffset, int strip, IRsgRowSink? sink)
    {
        FrameHeader h = _header;
        int rows = h.StripRows(strip);
        int stride = h.Width * (h.ComponentCount == 1 ? 1 : 3);
        int maskRows = MaskRowCount(h, strip);
        Rent(ref _stripPixels, rows * stride);
        Rent(ref _stripMask, maskRows * h.MaskWidth);
        Span<byte> pixels = _stripPixels.AsSpan(0, rows * stride);
        Span<byte> mask = _stripMask.AsSpan(0, maskRows * h.MaskWidth);
        Decode(payload, payloadOffset, strip, pixels, stride, mask);
        if (sink is not null)
        {
            sink.OnMaskRows(h.StripTop(strip) >> h.MaskCellLog2, maskRows, mask);
            sink.OnRows(h.StripTop(strip), rows, pixels, stride);
        }
    }

    /// <summary>Mask rows that strip <paramref name="strip"/> carries.</summary>
    public static int MaskRowCount(FrameHeader h, int strip)
    {
        int top = h.StripTop(strip);
        int bottom = top + h.StripRows(strip);
        return ((bottom - 1) >> h.MaskCellLog2) + 1 - (top >> h.MaskCellLog2);
    }

    private void PrepareStrip(int mcuRows)
    {
        FrameHeader h = _header;
        for (int c = 0; c < _planes.Length; c++)
        {
            int blocksPerMcu = c == 0 ? h.LumaBlocksPerMcuSide : 1;
            int pixelsPerBlock = c == 0 ? 8 : h.McuSize;
            _planes[c].Prepare(h.McuCols * blocksPerMcu, mcuRows * blocksPerMcu, pixelsPerBlock);
            int stride = h.McuCols * blocksPerMcu * 8;
            int size = stride * mcuRows * blocksPerMcu * 8;
            if (_samples[c].Length < size)
            {
                ReturnSamples(c);
                _samples[c] = ArrayPool<byte>.Shared.Rent(size);
            }

            _sampleStrides[c] = stride;
        }
    }

    /// <summary>Returns the pooled plane and sample buffers.</summary>
    public void Dispose()
    {
        for (int c = 0; c < _planes.Length; c++)
        {
            _planes[c].Dispose();
            ReturnSamples(c);
        }

        foreach (byte[] buffer in new[] { _stripPixels, _stripMask })
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        _stripPixels = [];
        _stripMask = [];
    }

    private static void Rent(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }

    private void ReturnSamples(int component)
    {
        if (_samples[component].Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_samples[component]);
            _samples[component] = [];
        }
    }

    private void DecodeBlock(ref RangeDecoder coder, int component, int bx, int by, long payloadOffset, int payloadLength)
    {
        PlaneState plane = _planes[component];
        int index = (by * plane.BlocksWide) + bx;
        int region = plane.Region[index];
        bool chroma = component > 0;
        ReadOnlySpan<ushort> quant = _quantizers.Table(region, chroma);
        if (!BlockCoder.CodeBlock(ref coder, chroma ? _chromaContexts : _lumaContexts, plane, bx, by, quant,
                _regions[region].Mode == RsgRegionMode.DcOnly))
        {
            ThrowHelper.Format(RsgError.BadCoefficient, payloadOffset + Math.Min(coder.Position, payloadLength),
                $"DC level of block ({bx}, {by}) in plane {component} is outside ±{BlockCoder.MaxLevel}");
        }

        ReadOnlySpan<short> levels = plane.Levels.AsSpan(index * 64, 64);
        int stride = _sampleStrides[component];
        Span<byte> destination = _samples[component].AsSpan((by * 8 * stride) + (bx * 8));
        if (plane.NonZero[index] == 0)
        {
            // A block with only a DC is flat; this equals the full IDCT for every 16-bit DC (see InverseDct).
            byte flat = InverseDct.FlatValue(Dequantizer.Dequantize(levels[0], quant[0]));
            for (int y = 0; y < 8; y++)
            {
                destination.Slice(y * stride, 8).Fill(flat);
            }

            return;
        }

        Dequantizer.Dequantize(levels, quant, _coefficients);
        InverseDct.Transform(_coefficients, destination, stride);
    }

    private void WriteRows(int rows, Span<byte> pixels, int pixelStride)
    {
        int width = _header.Width;
        if (_planes.Length == 1)
        {
            for (int y = 0; y < rows; y++)
            {
                _samples[0].AsSpan(y * _sampleStrides[0], width).CopyTo(pixels.Slice(y * pixelStride, width));
            }

            return;
        }

        if (_upsampler is null)
        {
            for (int y = 0; y < rows; y++)
            {
                int offset = y * _sampleStrides[0];
                YCbCrToRgb.Convert(_samples[0].AsSpan(offset, width), _samples[1].AsSpan(offset, width),
                    _samples[2].AsSpan(offset, width), pixels.Slice(y * pixelStride, width * 3));
            }

            return;
        }

        int chromaRows = (rows + 1) >> 1;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> cb = _upsampler.UpsampleRow(_samples[1], _sampleStrides[1], chromaRows, y, 0);
            ReadOnlySpan<byte> cr = _upsampler.UpsampleRow(_samples[2], _sampleStrides[2], chromaRows, y, 1);
            YCbCrToRgb.Convert(_samples[0].AsSpan(y * _sampleStrides[0], width), cb, cr, pixels.Slice(y * pixelStride, width * 3));
        }
    }
}
