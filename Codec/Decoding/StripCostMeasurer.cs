using RegionCodec.Coefficients;
using RegionCodec.Entropy;
using RegionCodec.Lossless;
using RegionCodec.Mask;
using RegionCodec.Quantization;

namespace RegionCodec.Decoding;

/// <summary>
/// Entropy-decodes strips as §9.2 does (mask rows, regions of blocks, all DCs, then the AC data) through a
/// <see cref="MeasuringDecoder"/>, charging the mask's decisions to bucket 0 and each block's decisions to
/// its region and plane (spec/rsg.md §17). Nothing is dequantized or transformed: only what each decision cost.
/// </summary>
internal sealed class StripCostMeasurer : IDisposable
{
    /// <summary>Tally of the mask's decisions.</summary>
    public const int MaskBucket = 0;

    private readonly FrameHeader _header;
    private readonly RsgRegion[] _regions;
    private readonly int[] _ranks;
    private readonly RegionQuantizers _quantizers;
    private readonly MaskContexts _maskContexts = new();
    private readonly CoefficientContexts _lumaContexts = new();
    private readonly CoefficientContexts _chromaContexts = new();
    private readonly PlaneState[] _planes;
    private byte[] _mask = [];
    private readonly bool[] _isLossless;
    private readonly int[] _losslessBuckets;
    private LosslessContexts? _losslessContexts;   // 4 MiB with its match table: made on the first LOSS payload
    private readonly LosslessColourCache _losslessCache;
    private readonly LosslessPlane _losslessPlane = new();

    public StripCostMeasurer(FrameHeader header, RsgRegion[] regions)
    {
        _header = header;
        _regions = regions;
        _ranks = BlockRegions.Ranks(regions);
        _quantizers = new RegionQuantizers(regions, header.QuantizationTables);
        _isLossless = LosslessRegions.Flags(regions);
        _losslessBuckets = new int[regions.Length];
        for (int label = 0; label < regions.Length; label++)
        {
            _losslessBuckets[label] = BlockBucket(header, label, 0);
        }

        _losslessCache = new LosslessColourCache(header.ComponentCount == 1);
        _planes = new PlaneState[header.ComponentCount];
        for (int c = 0; c < _planes.Length; c++)
        {
            _planes[c] = new PlaneState(isChroma: c > 0);
        }
    }

    /// <summary>Buckets a frame needs: the mask, then one per region and plane.</summary>
    public static int BucketCount(FrameHeader header) => 1 + (header.RegionCount * header.ComponentCount);

    /// <summary>The bucket of plane <paramref name="component"/> of region <paramref name="label"/>.</summary>
    public static int BlockBucket(FrameHeader header, int label, int component) => 1 + (label * header.ComponentCount) + component;

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s payload (at file offset <paramref name="payloadOffset"/>),
    /// adding its decisions' information content to <paramref name="tallies"/> (<see cref="BucketCount"/> entries) and
    /// the image pixels of its mask cells to <paramref name="pixels"/> (one entry per label).
    /// Throws <see cref="RsgFormatException"/> (R11, R12) exactly where the pixel decoder would.
    /// </summary>
    public void Measure(ReadOnlySpan<byte> payload, long payloadOffset, int strip, Span<long> tallies, Span<long> pixels)
    {
        FrameHeader h = _header;
        int maskRows = h.StripMaskRows(strip);
        if (_mask.Length < maskRows * h.MaskWidth)
        {
            _mask = new byte[maskRows * h.MaskWidth];
        }

        Span<byte> mask = _mask.AsSpan(0, maskRows * h.MaskWidth);
        var coder = new MeasuringDecoder(payload, tallies) { Bucket = MaskBucket };
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

        CountPixels(mask, strip, pixels);
        int mcuRows = h.StripMcuRowCount(strip);
        for (int c = 0; c < _planes.Length; c++)
        {
            int blocksPerMcu = c == 0 ? h.LumaBlocksPerMcuSide : 1;
            _planes[c].Prepare(h.McuCols * blocksPerMcu, mcuRows * blocksPerMcu, c == 0 ? 8 : h.McuSize);
            BlockRegions.Assign(h, _ranks, mask, h.StripTop(strip), _planes[c]);
        }

        _lumaContexts.Reset();
        _chromaContexts.Reset();
        PlaneState luma = _planes[0];
        for (int by = 0; by + 1 < luma.BlocksHigh; by += 2)
        {
            for (int bx = 0; bx + 1 < luma.BlocksWide; bx += 2)
            {
                if (LargeBlockFlags.IsEligible(luma, _regions, bx, by))
                {
                    // A flag is charged to the luma of its area's region, like the area's levels.
                    coder.Bucket = BlockBucket(h, luma.Region[(by * luma.BlocksWide) + bx], 0);
                    LargeBlockFlags.CodeArea(ref coder, _lumaContexts, luma, bx, by);
                }
            }
        }

        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            PlaneState plane = _planes[block.Component];
            int region = plane.Region[(block.Y * plane.BlocksWide) + block.X];
            if (_regions[region].Mode == RsgRegionMode.Lossless)
            {
                LosslessBlock.Skip(plane, block.X, block.Y);
                continue;
            }

            coder.Bucket = BlockBucket(h, region, block.Component);
            if (!BlockCoder.CodeDc(ref coder, Contexts(block.Component), plane, block.X, block.Y, _quantizers.Table(region, block.Component > 0)))
            {
                ThrowHelper.Format(RsgError.BadCoefficient, payloadOffset + Math.Min(coder.Position, payload.Length),
                    $"DC level of block ({block.X}, {block.Y}) in plane {block.Component} is outside ±{BlockCoder.MaxLevel}");
            }
        }

        foreach (BlockPosition block in new BlockOrder(h, mcuRows))
        {
            PlaneState plane = _planes[block.Component];
            int region = plane.Region[(block.Y * plane.BlocksWide) + block.X];
            if (_regions[region].Mode == RsgRegionMode.Dct)
            {
                coder.Bucket = BlockBucket(h, region, block.Component);
                BlockCoder.CodeAc(ref coder, Contexts(block.Component), plane, block.X, block.Y);
            }
        }
    }

    /// <summary>
    /// Decodes strip <paramref name="strip"/>'s LOSS payload (§9.5) with the mask rows the last <see cref="Measure"/> of
    /// the same strip decoded, charging each lossless pixel's decisions to plane 0 of its region's tallies.
    /// </summary>
    public void MeasureLossless(ReadOnlySpan<byte> payload, int strip, Span<long> tallies)
    {
        FrameHeader h = _header;
        var coder = new MeasuringDecoder(payload, tallies);
        _losslessPlane.Prepare(h.Width, h.StripRows(strip));
        LosslessSampleCoder.CodeStrip(ref coder, _losslessContexts ??= new(), _losslessCache, _losslessPlane,
            _mask.AsSpan(0, h.StripMaskRows(strip) * h.MaskWidth), h.MaskWidth, h.MaskCellLog2, h.StripTop(strip), _isLossless,
            h.ComponentCount == 1, _losslessBuckets);
    }

    /// <summary>Returns the pooled plane buffers.</summary>
    public void Dispose()
    {
        _losslessPlane.Dispose();
        foreach (PlaneState plane in _planes)
        {
            plane.Dispose();
        }
    }

    /// <summary>Adds each mask cell's image pixels (cells on the right and bottom edges are clipped) to its label.</summary>
    private void CountPixels(ReadOnlySpan<byte> mask, int strip, Span<long> pixels)
    {
        FrameHeader h = _header;
        int cell = h.MaskCellSize, maskTop = h.StripMaskTop(strip), lastColumns = h.Width - ((h.MaskWidth - 1) * cell);
        for (int row = 0; row * h.MaskWidth < mask.Length; row++)
        {
            int top = (maskTop + row) * cell;
            long rows = Math.Min(h.Height, top + cell) - top;
            ReadOnlySpan<byte> labels = mask.Slice(row * h.MaskWidth, h.MaskWidth);
            for (int x = 0; x < labels.Length - 1; x++)
            {
                pixels[labels[x]] += rows * cell;
            }

            pixels[labels[^1]] += rows * lastColumns;
        }
    }

    private CoefficientContexts Contexts(int component) => component > 0 ? _chromaContexts : _lumaContexts;
}
