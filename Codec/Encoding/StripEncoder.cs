using System.Buffers;
using RegionCodec.Entropy;
using RegionCodec.Memory;
using RegionCodec.Coefficients;
using RegionCodec.Mask;
using RegionCodec.Quantization;

namespace RegionCodec.Encoding;

/// <summary>
/// Encodes one strip (spec/rsg.md §9) in two steps: <see cref="Sample"/> copies the input into this
/// encoder's float planes, then <see cref="Code"/> codes the strip's mask rows and each block in MCU order
/// (forward DCT, quantization at its region's matrix, context coding). The mirror of
/// <see cref="Decoding.StripDecoder"/>; both share the modelling code in Model/.
/// </summary>
/// <remarks>
/// The split exists for parallel encoding: the caller's pixels are a span, which cannot be handed to another
/// thread, so only <see cref="Sample"/> reads them (on the calling thread); <see cref="Code"/> uses this
/// instance's buffers plus read-only shared inputs (header, region table, label map, constant tables), so
/// several instances can code different strips at once. Each instance has its own contexts and coder state,
/// hence the same bytes whatever the thread.
/// </remarks>
internal sealed class StripEncoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly RsgRegion[] _regions;
    private readonly int[] _ranks;
    private readonly RegionQuantizers _quantizers;
    private readonly RsgLabelMap _labels;
    private readonly PlaneSampler _sampler;
    private readonly MaskContexts _maskContexts = new();
    private readonly CoefficientContexts _lumaContexts = new();
    private readonly CoefficientContexts _chromaContexts = new();
    private readonly PlaneState[] _planes;
    private readonly float[][] _samples;
    private readonly float[] _block = new float[64];
    private readonly float[] _coefficients = new float[64];
    /// <summary>Per region: [2 × label] luma, [2 × label + 1] chroma.</summary>
    private readonly RateAwareQuantizer[] _quantizersByRegion;
    private readonly LargeBlockChooser _largeBlocks = new();
    private readonly LargeTransformChoice _largeTransforms;

    /// <summary>Per luma block of the strip: the squared error of its 8x8 quantization, which the 16x16 choice compares against.</summary>
    private float[] _lumaErrors = [];
    private int _strip = -1;

    public StripEncoder(FrameHeader header, RsgRegion[] regions, RsgLabelMap labels, RsgPixelFormat format, bool optimizeQuantization,
        LargeTransformChoice largeTransforms = LargeTransformChoice.Auto)
    {
        _largeTransforms = largeTransforms;
        _header = header;
        _regions = regions;
        _ranks = BlockRegions.Ranks(regions);
        _quantizers = new RegionQuantizers(regions, header.QuantizationTables);
        _quantizersByRegion = new RateAwareQuantizer[regions.Length * 2];
        for (int label = 0; label < regions.Length; label++)
        {
            _quantizersByRegion[2 * label] = new RateAwareQuantizer(_quantizers.Table(label, chroma: false), regions[label].Quality, optimizeQuantization, header.QuantizationTables);
            _quantizersByRegion[(2 * label) + 1] = new RateAwareQuantizer(_quantizers.Table(label, chroma: true), regions[label].Quality, optimizeQuantization, header.QuantizationTables);
        }

        _labels = labels;
        _sampler = new PlaneSampler(header, format);
        int components = header.ComponentCount;
        _planes = new PlaneState[components];
        _samples = new float[components][];
        int paddedWidth = header.McuCols * header.McuSize;
        int stripRows = Math.Min(header.StripHeight, header.McuRows * header.McuSize);
        for (int c = 0; c < components; c++)
        {
            _planes[c] = new PlaneState(isChroma: c > 0);
            // Pooled: a 1 MP strip's planes are several megabytes, and an encoder per image per thread would otherwise
            // put them on the large-object heap every time.
            _samples[c] = ArrayPool<float>.Shared.Rent(c > 0 && header.IsSubsampled ? paddedWidth * stripRows / 4 : paddedWidth * stripRows);
        }
    }

    /// <summary>Step 1: samples strip <paramref name="strip"/> of <paramref name="pixels"/> into this encoder's planes.</summary>
    public void Sample(PixelRows pixels, int strip)
    {
        FrameHeader h = _header;
        _sampler.Sample(pixels, h.StripTop(strip), h.StripMcuRowCount(strip) * h.McuSize, _samples);
        _strip = strip;
    }

    /// <summary>Blocks coded between cancellation checks: often enough that a 4-megapixel strip stops within milliseconds, rarely enough to cost nothing.</summary>
    private const int BlocksPerCancellationCheck = 4096;

    /// <summary>Step 2: codes the strip last passed to <see cref="Sample"/> into <paramref name="output"/> (cleared first).</summary>
    /// <param name="output">The strip's payload (cleared first).</param>
    /// <param name="cancellationToken">Checked every few thousand blocks; it never changes the bytes written.</param>
    public void Code(PooledBufferWriter output, CancellationToken cancellationToken = default)
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

        int maskTop = h.StripMaskTop(strip);
        int maskRows = h.StripMaskRows(strip);
        ReadOnlySpan<byte> mask = _labels.Labels.AsSpan(maskTop * h.MaskWidth, maskRows * h.MaskWidth);
        _maskContexts.Reset();
        for (int row = 0; row < maskRows; row++)
        {
            // CodeRow takes a writable span (the decoder fills it in) but only reads it when encoding, so
            // concurrent strips share the caller's label map safely.
            ReadOnlySpan<byte> above = row == 0 ? default : mask.Slice((row - 1) * h.MaskWidth, h.MaskWidth);
            Span<byte> current = _labels.Labels.AsSpan((maskTop + row) * h.MaskWidth, h.MaskWidth);
            MaskRowCoder.CodeRow(ref coder, _maskContexts, above, current, h.RegionCount);
        }

        int mcuRows = h.StripMcuRowCount(strip);
        for (int c = 0; c < _planes.Length; c++)
        {
            int blocksPerMcu = c == 0 ? h.LumaBlocksPerMcuSide : 1;
            _planes[c].Prepare(h.McuCols * blocksPerMcu, mcuRows * blocksPerMcu, c == 0 ? 8 : h.McuSize);
            BlockRegions.Assign(h, _ranks, mask, h.StripTop(strip), _planes[c]);
        }

        int lumaBlocks = _planes[0].BlocksWide * _planes[0].BlocksHigh;
        if (_lumaErrors.Length < lumaBlocks)
        {
            if (_lumaErrors.Length > 0)
            {
                ArrayPool<float>.Shared.Return(_lumaErrors);
            }

            _lumaErrors = ArrayPool<float>.Shared.Rent(lumaBlocks);
        }

        _sampler.RefineChroma(_samples);
        _lumaContexts.Reset();
        _chromaContexts.Reset();
        int untilCheck = BlocksPerCancellationCheck;
        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            if (--untilCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                untilCheck = BlocksPerCancellationCheck;
            }

            TransformAndQuantize(block.Component, block.X, block.Y);
        }

        ChooseLargeBlocks();
        LargeBlockFlags.Code(ref coder, _lumaContexts, _planes[0], _regions);

        // Every block's DC first, then the AC levels of DCT-mode blocks (spec/rsg.md §9.2).
        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            PlaneState plane = _planes[block.Component];
            int region = plane.Region[(block.Y * plane.BlocksWide) + block.X];
            if (_regions[region].Mode == RsgRegionMode.Lossless)
            {
                LosslessBlock.Skip(plane, block.X, block.Y);
                continue;
            }

            BlockCoder.CodeDc(ref coder, ContextsOf(block.Component), plane, block.X, block.Y, _quantizers.Table(region, block.Component > 0));
        }

        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            if (--untilCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                untilCheck = BlocksPerCancellationCheck;
            }

            PlaneState plane = _planes[block.Component];
            if (_regions[plane.Region[(block.Y * plane.BlocksWide) + block.X]].Mode == RsgRegionMode.Dct)
            {
                BlockCoder.CodeAc(ref coder, ContextsOf(block.Component), plane, block.X, block.Y);
            }
        }

        coder.Finish();
    }

    /// <summary>Returns the pooled plane and sample buffers.</summary>
    public void Dispose()
    {
        foreach (PlaneState plane in _planes)
        {
            plane.Dispose();
        }

        for (int c = 0; c < _samples.Length; c++)
        {
            if (_samples[c].Length > 0)
            {
                ArrayPool<float>.Shared.Return(_samples[c]);
                _samples[c] = [];
            }
        }

        if (_lumaErrors.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_lumaErrors);
            _lumaErrors = [];
        }

        _sampler.Dispose();
    }

    /// <summary>Per eligible luma area, one 16x16 transform or four 8x8 ones (§7.5, §13).</summary>
    private void ChooseLargeBlocks()
    {
        if (_largeTransforms == LargeTransformChoice.Never)
        {
            return;
        }

        // The flags' contexts evolve as LargeBlockFlags.Code will code them (same raster order), so each choice
        // sees its flag's true cost.
        PlaneState luma = _planes[0];
        Span<BitModel> flags = stackalloc BitModel[3];
        BitModel.Reset(flags);
        int width = luma.BlocksWide;
        for (int by = 0; by + 1 < luma.BlocksHigh; by += 2)
        {
            for (int bx = 0; bx + 1 < width; bx += 2)
            {
                if (LargeBlockFlags.IsEligible(luma, _regions, bx, by))
                {
                    int index = (by * width) + bx;
                    int region = luma.Region[index];
                    int context = (bx > 0 ? luma.Large[index - 2] : 0) + (by > 0 ? luma.Large[index - (2 * width)] : 0);
                    bool large = _largeBlocks.Choose(luma, _samples[0], width * 8, bx, by, _lumaErrors, _quantizersByRegion[2 * region], _quantizers.Table(region, chroma: false), flags[context],
                        _largeTransforms == LargeTransformChoice.Always);
                    flags[context].Update(large ? 1 : 0);
                }
            }
        }
    }

    private CoefficientContexts ContextsOf(int component) => component > 0 ? _chromaContexts : _lumaContexts;

    /// <summary>Forward DCT and rate-aware quantization of one block into its plane's levels.</summary>
    private void TransformAndQuantize(int component, int bx, int by)
    {
        PlaneState plane = _planes[component];
        int index = (by * plane.BlocksWide) + bx;
        int region = plane.Region[index];
        if (_regions[region].Mode == RsgRegionMode.Lossless)
        {
            return; // not coded: its levels stay as Prepare cleared them (§9.5)
        }

        bool chroma = component > 0;
        bool dcOnly = _regions[region].Mode == RsgRegionMode.DcOnly;
        ReadOnlySpan<ushort> quant = _quantizers.Table(region, chroma);

        int stride = plane.BlocksWide * 8;
        ReadOnlySpan<float> samples = _samples[component];
        Span<float> block = _block;
        for (int y = 0; y < 8; y++)
        {
            ReadOnlySpan<float> row = samples.Slice(((by * 8) + y) * stride + (bx * 8), 8);
            for (int x = 0; x < 8; x++)
            {
                block[(y * 8) + x] = row[x] - 128f;
            }
        }

        ForwardDct.Transform(block, _coefficients);
        Span<short> levels = plane.Levels.AsSpan(index * 64, 64);
        ReadOnlySpan<short> above = by > 0 ? plane.Levels.AsSpan((index - plane.BlocksWide) * 64, 64) : default;
        ReadOnlySpan<short> left = bx > 0 ? plane.Levels.AsSpan((index - 1) * 64, 64) : default;
        _quantizersByRegion[(2 * region) + (chroma ? 1 : 0)].Quantize(_coefficients, dcOnly, above, left, levels);
        if (component == 0)
        {
            _lumaErrors[index] = LargeBlockChooser.Error(_coefficients, levels, quant, 0);
        }
    }
}
