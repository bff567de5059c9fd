using System.Buffers;
using RegionCodec.Entropy;
using RegionCodec.Quantization;
using RegionCodec.Coefficients;
using RegionCodec.Mask;
using RegionCodec.Reconstruction;

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

    /// <summary>One 16x16 luma transform's dequantized coefficients (§7.5).</summary>
    private readonly int[] _largeCoefficients = new int[InverseDct16.BlockLength];

    /// <summary>A 16x16 transform's full-size samples before box averaging (scales 1/2 and 1/4 only).</summary>
    private byte[] _largeScratch = [];
    private readonly ChromaUpsampler? _upsampler;
    private readonly AlphaStripDecoder? _alpha;
    private readonly LosslessStripDecoder? _lossless;

    /// <summary>Per region label: the deblocking step (§10.5) of its luma and chroma tables.</summary>
    private readonly int[] _lumaSteps;
    private readonly int[] _chromaSteps;

    /// <summary>log2 of the reduced-size decoding denominator (0 = full size; spec/rsg.md §16).</summary>
    private readonly int _scaleLog2;

    /// <summary>Output pixels per row: the image width, or ceil(width / 2^scaleLog2) when reduced.</summary>
    private readonly int _outputWidth;

    /// <summary>One block's full-size samples before box averaging (scales 1/2 and 1/4 only).</summary>
    private byte[] _blockScratch = [];
    private byte[] _maskScratch = [];
    private byte[] _stripPixels = [];
    private byte[] _stripMask = [];

    /// <summary>The last decoded strip's mask rows, which its LOSS payload needs (spec/rsg.md §9.5).</summary>
    private byte[] _lastMask = [];

    /// <summary>The strip whose colour <see cref="DecodeToSink"/> holds until its LOSS and ALPH chunks arrive, or -1.</summary>
    private int _held = -1;

    /// <summary>Whether the current strip's rows went straight into the sink's image (<see cref="IRsgDirectRowSink"/>).</summary>
    private bool _stripIsDirect;

    /// <summary>Whether the held strip still waits for its lossless samples.</summary>
    private bool _heldForLossless;

    /// <param name="header">The frame the strips belong to.</param>
    /// <param name="regions">The region table, indexed by label.</param>
    /// <param name="scaleLog2">0 decodes at full size (normative, §10); 1, 2 or 3 decode at 1/2, 1/4 or
    /// 1/8 of the size in each direction (informative, spec/rsg.md §16).</param>
    public StripDecoder(FrameHeader header, RsgRegion[] regions, int scaleLog2 = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scaleLog2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scaleLog2, 3);
        _header = header;
        _scaleLog2 = scaleLog2;
        _outputWidth = (header.Width + (1 << scaleLog2) - 1) >> scaleLog2;
        if (scaleLog2 is 1 or 2)
        {
            _blockScratch = new byte[64];
            _largeScratch = new byte[InverseDct16.BlockLength];
        }

        _regions = regions;
        _ranks = BlockRegions.Ranks(regions);
        _quantizers = new RegionQuantizers(regions, header.QuantizationTables);
        _lumaSteps = new int[regions.Length];
        _chromaSteps = new int[regions.Length];
        for (int label = 0; label < regions.Length; label++)
        {
            // A lossless block's step is 0: its edges are not filtered (§10.5).
            bool lossless = regions[label].Mode == RsgRegionMode.Lossless;
            _lumaSteps[label] = lossless ? 0 : DeblockingFilter.BlockStep(_quantizers.Table(label, chroma: false));
            _chromaSteps[label] = lossless ? 0 : DeblockingFilter.BlockStep(_quantizers.Table(label, chroma: true));
        }

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
            _upsampler = new ChromaUpsampler(_outputWidth);
        }

        if (header.HasAlpha)
        {
            _alpha = new AlphaStripDecoder(header, scaleLog2);
        }

        if (Lossless.LosslessRegions.Any(regions))
        {
            _lossless = new LosslessStripDecoder(header, regions, scaleLog2);
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
        int maskRows = h.StripMaskRows(strip);
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

        if (_lossless is not null)
        {
            Rent(ref _lastMask, mask.Length);
            mask.CopyTo(_lastMask);
        }

        int mcuRows = h.StripMcuRowCount(strip);
        PrepareStrip(mcuRows);
        for (int c = 0; c < _planes.Length; c++)
        {
            BlockRegions.Assign(h, _ranks, mask, stripTop, _planes[c]);
        }

        // The 16x16 transform flags, then every block's DC (§9.2), so a 1/8-scale decode can stop there; then the AC levels.
        _lumaContexts.Reset();
        _chromaContexts.Reset();
        LargeBlockFlags.Code(ref coder, _lumaContexts, _planes[0], _regions);
        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            DecodeDc(ref coder, block.Component, block.X, block.Y, payloadOffset, payload.Length);
        }

        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            DecodeAcAndReconstruct(ref coder, block.Component, block.X, block.Y);
        }

        if (h.Deblocking && _scaleLog2 == 0)
        {
            Deblock();
        }

        WriteRows((stripRows + (1 << _scaleLog2) - 1) >> _scaleLog2, pixels, pixelStride);
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s alpha payload (spec/rsg.md §9.4) into the alpha bytes of
    /// <paramref name="pixels"/>, which <see cref="Decode"/> has filled with the strip's colour.
    /// </summary>
    public void DecodeAlpha(ReadOnlySpan<byte> payload, long payloadOffset, int strip, Span<byte> pixels, int pixelStride) =>
        _alpha!.Decode(payload, payloadOffset, strip, pixels, pixelStride);

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s LOSS payload (spec/rsg.md §9.5) over the lossless pixels of
    /// <paramref name="pixels"/>, which <see cref="Decode"/> has just filled with the same strip's colour.
    /// </summary>
    public void DecodeLossless(ReadOnlySpan<byte> payload, int strip, Span<byte> pixels, int pixelStride)
    {
        FrameHeader h = _header;
        _lossless!.Decode(payload, strip, _lastMask.AsSpan(0, h.StripMaskRows(strip) * h.MaskWidth), pixels, pixelStride);
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/> into the sink's own buffer when it is an <see cref="IRsgDirectRowSink"/>
    /// that offers them, else into this decoder's strip buffer, and hands its mask rows, then (from the strip
    /// buffer only) its pixel rows, to <paramref name="sink"/> (when not null). In an image with alpha or lossless
    /// regions the strip waits for <see cref="DecodeLosslessToSink"/> and <see cref="DecodeAlphaToSink"/>, so the sink
    /// only ever sees whole pixels.
    /// </summary>
    public void DecodeToSink(ReadOnlySpan<byte> payload, long payloadOffset, int strip, IRsgRowSink? sink)
    {
        FrameHeader h = _header;
        int maskRows = h.StripMaskRows(strip);
        Rent(ref _stripMask, maskRows * h.MaskWidth);
        Span<byte> mask = _stripMask.AsSpan(0, maskRows * h.MaskWidth);
        Span<byte> pixels = StripOutput(strip, sink, out int stride);
        Decode(payload, payloadOffset, strip, pixels, stride, mask);
        if (h.HasAlpha || _lossless is not null)
        {
            _held = strip;
            _heldForLossless = _lossless is not null;
            return;
        }

        Emit(strip, sink);
    }

    /// <summary>
    /// Completes the strip <see cref="DecodeToSink"/> holds with its lossless samples; hands it to
    /// <paramref name="sink"/> unless it still waits for its alpha plane.
    /// </summary>
    public void DecodeLosslessToSink(ReadOnlySpan<byte> payload, int strip, IRsgRowSink? sink)
    {
        if (_held != strip || !_heldForLossless)
        {
            throw new InvalidOperationException($"Lossless samples of strip {strip} without its colour (holding {_held}).");
        }

        _heldForLossless = false;
        DecodeLossless(payload, strip, StripOutput(strip, sink, out int stride), stride);
        if (!_header.HasAlpha)
        {
            _held = -1;
            Emit(strip, sink);
        }
    }

    /// <summary>Completes the strip <see cref="DecodeToSink"/> holds with its alpha plane and hands it to <paramref name="sink"/>.</summary>
    public void DecodeAlphaToSink(ReadOnlySpan<byte> payload, long payloadOffset, int strip, IRsgRowSink? sink)
    {
        if (_held != strip || _heldForLossless)
        {
            throw new InvalidOperationException($"Alpha of strip {strip} without its colour (holding {_held}).");
        }

        _held = -1;
        DecodeAlpha(payload, payloadOffset, strip, StripOutput(strip, sink, out int stride), stride);
        Emit(strip, sink);
    }

    /// <summary>
    /// Where strip <paramref name="strip"/>'s rows go: its rows of the sink's image (<see cref="IRsgDirectRowSink"/>),
    /// or this decoder's strip buffer (the same one on each call for the same strip).
    /// </summary>
    private Span<byte> StripOutput(int strip, IRsgRowSink? sink, out int stride)
    {
        FrameHeader h = _header;
        int rows = h.StripRows(strip);
        stride = 0;
        Span<byte> direct = sink is IRsgDirectRowSink target ? target.GetRows(h.StripTop(strip), rows, out stride) : default;
        _stripIsDirect = !direct.IsEmpty;
        if (_stripIsDirect)
        {
            int needed = (int)Math.Min(int.MaxValue, ((long)stride * (rows - 1)) + h.RowBytes);
            if (stride < h.RowBytes || direct.Length < needed)
            {
                throw new InvalidOperationException($"The sink's rows {h.StripTop(strip)}.. ({direct.Length} bytes, stride {stride}) do not hold {rows} rows of {h.RowBytes} bytes.");
            }

            return direct[..needed];
        }

        stride = h.RowBytes;
        Rent(ref _stripPixels, rows * stride);
        return _stripPixels.AsSpan(0, rows * stride);
    }

    private void Emit(int strip, IRsgRowSink? sink)
    {
        if (sink is null)
        {
            return;
        }

        FrameHeader h = _header;
        int rows = h.StripRows(strip), maskRows = h.StripMaskRows(strip);
        sink.OnMaskRows(h.StripTop(strip) >> h.MaskCellLog2, maskRows, _stripMask.AsSpan(0, maskRows * h.MaskWidth));
        if (!_stripIsDirect)
        {
            sink.OnRows(h.StripTop(strip), rows, _stripPixels.AsSpan(0, rows * h.RowBytes), h.RowBytes);
        }
    }

    private void PrepareStrip(int mcuRows)
    {
        FrameHeader h = _header;
        for (int c = 0; c < _planes.Length; c++)
        {
            int blocksPerMcu = c == 0 ? h.LumaBlocksPerMcuSide : 1;
            int pixelsPerBlock = c == 0 ? 8 : h.McuSize;
            _planes[c].Prepare(h.McuCols * blocksPerMcu, mcuRows * blocksPerMcu, pixelsPerBlock);
            int side = 8 >> _scaleLog2;
            int stride = h.McuCols * blocksPerMcu * side;
            int size = stride * mcuRows * blocksPerMcu * side;
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
        _alpha?.Dispose();
        _lossless?.Dispose();
        for (int c = 0; c < _planes.Length; c++)
        {
            _planes[c].Dispose();
            ReturnSamples(c);
        }

        foreach (byte[] buffer in new[] { _stripPixels, _stripMask, _lastMask })
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        _stripPixels = [];
        _stripMask = [];
        _lastMask = [];
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

    private void DecodeDc(ref RangeDecoder coder, int component, int bx, int by, long payloadOffset, int payloadLength)
    {
        PlaneState plane = _planes[component];
        int region = plane.Region[(by * plane.BlocksWide) + bx];
        if (_regions[region].Mode == RsgRegionMode.Lossless)
        {
            LosslessBlock.Skip(plane, bx, by);
            return;
        }

        if (!BlockCoder.CodeDc(ref coder, component > 0 ? _chromaContexts : _lumaContexts, plane, bx, by, _quantizers.Table(region, component > 0)))
        {
            ThrowHelper.Format(RsgError.BadCoefficient, payloadOffset + Math.Min(coder.Position, payloadLength),
                $"DC level of block ({bx}, {by}) in plane {component} is outside ±{BlockCoder.MaxLevel}");
        }
    }

    /// <summary>
    /// Decodes a DCT-mode block's AC levels (unless the output is 1/8 scale, which needs only the DC)
    /// and reconstructs the block's samples.
    /// </summary>
    private void DecodeAcAndReconstruct(ref RangeDecoder coder, int component, int bx, int by)
    {
        PlaneState plane = _planes[component];
        int index = (by * plane.BlocksWide) + bx;
        int region = plane.Region[index];
        bool chroma = component > 0;
        ReadOnlySpan<ushort> quant = _quantizers.Table(region, chroma);
        if (_regions[region].Mode == RsgRegionMode.Dct && _scaleLog2 != 3)
        {
            BlockCoder.DecodeAc(ref coder, chroma ? _chromaContexts : _lumaContexts, plane, bx, by);
            if (plane.Large[index] != 0)
            {
                // A 16x16 transform is reconstructed once its last (bottom-right) block's levels are known.
                if ((bx & by & 1) != 0)
                {
                    ReconstructLarge(plane, bx - 1, by - 1, quant);
                }

                return;
            }
        }

        if (_scaleLog2 != 0)
        {
            ReduceBlock(plane, index, quant, component, bx, by);
            return;
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

    /// <summary>
    /// Dequantizes and inverse transforms the 16x16 luma transform whose top-left block is (<paramref name="bx"/>,
    /// <paramref name="by"/>) (§7.5, §10.1); at 1/2 and 1/4 size each of its 8x8 quadrants is box averaged as a block would be.
    /// </summary>
    private void ReconstructLarge(PlaneState plane, int bx, int by, ReadOnlySpan<ushort> quant)
    {
        LargeBlockDequantizer.Dequantize(plane, bx, by, quant, _largeCoefficients);
        int stride = _sampleStrides[0];
        int side = 8 >> _scaleLog2;
        Span<byte> destination = _samples[0].AsSpan((by * side * stride) + (bx * side));
        if (_scaleLog2 == 0)
        {
            InverseDct16.Transform(_largeCoefficients, destination, stride);
            return;
        }

        InverseDct16.Transform(_largeCoefficients, _largeScratch, 16);
        for (int quadrant = 0; quadrant < 4; quadrant++)
        {
            int qx = quadrant & 1, qy = quadrant >> 1;
            BoxAverage(_largeScratch.AsSpan((qy * 8 * 16) + (qx * 8)), 16, _scaleLog2, destination.Slice((qy * side * stride) + (qx * side)), stride);
        }
    }

    /// <summary>Runs the deblocking filter (§10.5) over each plane of the strip.</summary>
    private void Deblock()
    {
        for (int c = 0; c < _planes.Length; c++)
        {
            PlaneState plane = _planes[c];
            DeblockingFilter.Filter(_samples[c], _sampleStrides[c], plane.BlocksWide, plane.BlocksHigh,
                plane.Region.AsSpan(0, plane.BlocksWide * plane.BlocksHigh), c == 0 ? _lumaSteps : _chromaSteps,
                c == 0 ? plane.Large.AsSpan(0, plane.BlocksWide * plane.BlocksHigh) : default);
        }
    }

    /// <summary>
    /// Reduced-size reconstruction of one block (spec/rsg.md §16): at 1/8 the block's single sample is
    /// the flat value of its dequantized DC (no AC dequantization, no IDCT); at 1/2 and 1/4 the block's
    /// exact 8x8 samples (§10.1) are averaged over 2x2 or 4x4 boxes, rounding half up.
    /// </summary>
    private void ReduceBlock(PlaneState plane, int index, ReadOnlySpan<ushort> quant, int component, int bx, int by)
    {
        int stride = _sampleStrides[component];
        int side = 8 >> _scaleLog2;
        Span<byte> destination = _samples[component].AsSpan((by * side * stride) + (bx * side));
        if (_scaleLog2 == 3)
        {
            // DcValue is the block's dequantized DC, clamp(level[0] * Q[0]) (§8.3), so no dequantization is needed.
            destination[0] = InverseDct.FlatValue((short)plane.DcValue[index]);
            return;
        }

        if (plane.NonZero[index] == 0)
        {
            byte flat = InverseDct.FlatValue((short)plane.DcValue[index]);
            for (int y = 0; y < side; y++)
            {
                destination.Slice(y * stride, side).Fill(flat);
            }

            return;
        }

        Dequantizer.Dequantize(plane.Levels.AsSpan(index * 64, 64), quant, _coefficients);
        InverseDct.Transform(_coefficients, _blockScratch, 8);
        BoxAverage(_blockScratch, 8, _scaleLog2, destination, stride);
    }

    /// <summary>Averages an 8x8 block (stride 8) over 2^k x 2^k boxes: (sum + half) >> 2k per output sample.</summary>
    internal static void BoxAverage(ReadOnlySpan<byte> block, int scaleLog2, Span<byte> destination, int destinationStride) =>
        BoxAverage(block, 8, scaleLog2, destination, destinationStride);

    /// <summary>Averages an 8x8 block whose rows are <paramref name="blockStride"/> apart over 2^k x 2^k boxes.</summary>
    internal static void BoxAverage(ReadOnlySpan<byte> block, int blockStride, int scaleLog2, Span<byte> destination, int destinationStride)
    {
        int box = 1 << scaleLog2, side = 8 >> scaleLog2, shift = 2 * scaleLog2, half = 1 << (shift - 1);
        for (int oy = 0; oy < side; oy++)
        {
            for (int ox = 0; ox < side; ox++)
            {
                int sum = 0;
                for (int y = 0; y < box; y++)
                {
                    ReadOnlySpan<byte> row = block.Slice((((oy * box) + y) * blockStride) + (ox * box), box);
                    foreach (byte sample in row)
                    {
                        sum += sample;
                    }
                }

                destination[(oy * destinationStride) + ox] = (byte)((sum + half) >> shift);
            }
        }
    }

    private void WriteRows(int rows, Span<byte> pixels, int pixelStride)
    {
        WriteColourRows(rows, pixels, pixelStride);
        if (_alpha is not null)
        {
            // Colour went to the front of each row; spread it to make room for the alpha byte that
            // DecodeAlpha writes next (§10.4: alpha is the last byte of each pixel).
            int colourBytes = _planes.Length, pixelBytes = _header.BytesPerPixel;
            for (int y = 0; y < rows; y++)
            {
                SpreadForAlpha(pixels.Slice(y * pixelStride, _outputWidth * pixelBytes), colourBytes, pixelBytes);
            }
        }
    }

    /// <summary>Moves packed pixels of <paramref name="from"/> bytes to <paramref name="to"/> bytes each, in place, back to front.</summary>
    private static void SpreadForAlpha(Span<byte> row, int from, int to)
    {
        for (int x = (row.Length / to) - 1; x >= 0; x--)
        {
            for (int c = from - 1; c >= 0; c--)
            {
                row[(x * to) + c] = row[(x * from) + c];
            }
        }
    }

    private void WriteColourRows(int rows, Span<byte> pixels, int pixelStride)
    {
        int width = _outputWidth;
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
            _upsampler.ConvertRow(_samples[0].AsSpan(y * _sampleStrides[0], width), _samples[1], _samples[2], _sampleStrides[1], chromaRows, y,
                pixels.Slice(y * pixelStride, width * 3));
        }
    }
}
