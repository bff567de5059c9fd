namespace RegionCodec.Segmentation;

/// <summary>
/// The default segmenter (managed, deterministic): regions are quantization classes chosen by a visual masking
/// model, so bits go where block-DCT errors show. Flat and gently shaded areas, and the calm side of an edge, show
/// blocking, banding and ringing first and get finer steps; busy texture hides error and keeps the target's step
/// or a slightly coarser one. Each 8x8 block's masking m (<see cref="MaskingField"/>) sets a step offset
/// <see cref="Strength"/> x (m - mean m) in log2 units, clamped to [-<see cref="MaxFiner"/>, +<see cref="MaxCoarser"/>]
/// and rounded to a grid of <see cref="ClassStep"/>: each grid point is a class, a region of the label map. The
/// class map is mode-filtered so the mask stays cheap. Coarsening is also bounded by the target's step: a block is
/// coarsened only beyond the masking level <see cref="CoarseningFloor"/> sets, because at low qualities the step
/// outgrows what moderate texture can hide, and nothing is coarsened in text and line art (<see cref="TextShare"/>),
/// whose strong two-level strokes raise the masking like texture but show ringing first. Labels run coarse to fine (label 0 the busiest), and
/// <see cref="RsgSegmentation.RegionsAt"/> gives every class its quality for any target quality.
/// </summary>
/// <remarks>
/// Tuned with butteraugli against one-region encodes of the same size on Kodak, scikit-image and 2-3 MP photographs
/// (bench <c>equal-size</c>); PSNR and SSIM reward uniform steps, so the offsets are kept small enough that PSNR-Y
/// stays within about 0.3 dB of the one-region file.
/// </remarks>
public sealed class PerceptualSegmenter : IRsgSegmenter
{
    /// <summary>Names of the default five classes, coarsest (label 0) first; other grids name classes by their offset.</summary>
    private static readonly string[] FiveClassNames = ["busy", "textured", "moderate", "smooth", "flat"];

    /// <summary>Step exponent per unit of log2 masking (0 gives one region).</summary>
    public double Strength { get; init; } = 0.2;

    /// <summary>Largest refinement below the target quality's step, in log2 units (1 = half the step).</summary>
    public double MaxFiner { get; init; } = 0.5;

    /// <summary>Largest coarsening above the target quality's step, in log2 units.</summary>
    public double MaxCoarser { get; init; } = 0.5;

    /// <summary>Spacing of the class grid in log2 units (0.25: each class's step is 19% from the next).</summary>
    public double ClassStep { get; init; } = 0.25;

    /// <summary>How far each block moves towards its calmest 4-neighbour's masking (0..1).</summary>
    public double NeighbourErosion { get; init; } = 0.5;

    /// <summary>Mode-filter radius in 8x8 blocks applied to the class map (0 = none): smoother maps cost fewer mask bytes.</summary>
    public int SmoothingRadius { get; init; } = 2;

    /// <summary>
    /// Where coarsening may start, in log2 units relative to log2 of the target quality's IJG scale (percent): no
    /// block is coarsened below masking max(image mean, log2(scale) + this). The default -3.44 puts that level at
    /// 2.2 at quality 75 (scale 50%) and 3.5 at quality 40 (125%), a mean gradient in the block's calm part of about
    /// 3.6 and 10.6 grey levels, roughly half the luma DC step (8 and 20). Without it, calm images (2-3 MP
    /// photographs, whose mean masking is low) had moderately textured skin and hair coarsened at quality 40.
    /// </summary>
    public double CoarseningFloor { get; init; } = -3.44;

    /// <summary>
    /// Gradient (|dx| + |dy| of luma, central differences, so up to 510) from which a pixel counts as part of a strong
    /// stroke: ink on paper, line art. Texture in photographs rarely reaches it in more than a few pixels of a block.
    /// </summary>
    public int StrokeGradient { get; init; } = 150;

    /// <summary>Share of a block's pixels (0..1) at <see cref="StrokeGradient"/> or above that makes it a stroke block.</summary>
    public double StrokeShare { get; init; } = 0.1;

    /// <summary>
    /// Share of a block's pixels (0..1) that must lie within a quarter of its range from its darkest or brightest value
    /// for a stroke block to count as text (<see cref="TwoLevelBlock"/>): ink on paper has two levels, texture does not.
    /// </summary>
    public double TwoLevelShare { get; init; } = 0.7;

    /// <summary>
    /// When at least this share (0..1) of the blocks the masking would coarsen are text blocks (stroke blocks of two
    /// levels), the image is text or line art and no block is coarsened: dense strong strokes raise the gradient energy
    /// like texture does, but show ringing and blur first (a scanned text page coarsened by the masking lost 15% of
    /// butteraugli at quality 75). The scanned page measures 47-52%; photographs of Kodak, scikit-image and CLIC at most 28%.
    /// Above 1 turns the rule off.
    /// </summary>
    public double TextShare { get; init; } = 0.4;

    /// <summary>
    /// Target qualities at or below this get one region: there the label map is a large share of a small file and
    /// coarser steps in busy blocks remove what little texture is left (Kodak at quality 5 and 15: butteraugli and
    /// PSNR-Y both worse than one region). Between it and <see cref="FullOffsetsFrom"/> the offsets grow linearly.
    /// </summary>
    public int OneRegionUpTo { get; init; } = 20;

    /// <summary>Target quality from which the class offsets apply in full.</summary>
    public int FullOffsetsFrom { get; init; } = 40;

    /// <summary>
    /// Finds text, UI and graphics (<see cref="CompoundDetector"/>) and returns them as one more region,
    /// <see cref="GraphicsRegionName"/>, coded <see cref="RsgRegionMode.Lossless"/> (on by default). A photograph has
    /// no such cells and gets exactly the labels and regions it would get with this off.
    /// </summary>
    public bool DetectGraphics { get; init; } = true;

    /// <summary>The detector <see cref="DetectGraphics"/> runs.</summary>
    public CompoundDetector GraphicsDetector { get; init; } = new();

    /// <summary>Name of the lossless region of text, UI and graphics.</summary>
    public const string GraphicsRegionName = "graphics";

    public string Name => "perceptual";

    /// <summary>The share (0..1) of the class offsets that applies at target quality <paramref name="quality"/>.</summary>
    private double OffsetShare(int quality) =>
        quality <= OneRegionUpTo ? 0 : Math.Clamp((double)(quality - OneRegionUpTo) / Math.Max(1, FullOffsetsFrom - OneRegionUpTo), 0, 1);

    public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (OffsetShare(options.TargetQuality) == 0)
        {
            // Too low a quality for classes to pay: one region (a uniform map codes in a few bytes).
            RsgLuma.Validate(pixels, width, height, stride, format);
            CompoundMap? lowGraphics = DetectGraphics ? GraphicsDetector.Detect(pixels, width, height, stride, format, options.CancellationToken) : null;
            return OneClass(width, height, lowGraphics, options);
        }

        CancellationToken cancellationToken = options.CancellationToken;
        byte[] luma = RsgLuma.Extract(pixels, width, height, stride, format);
        cancellationToken.ThrowIfCancellationRequested();
        CompoundMap? graphics = DetectGraphics ? GraphicsDetector.Detect(pixels, width, height, stride, format, luma, cancellationToken) : null;
        cancellationToken.ThrowIfCancellationRequested();
        int bw = (width + 7) >> 3;
        var strokePixels = new byte[bw * ((height + 7) >> 3)];
        float[] masking = MaskingField.Compute(luma, width, height, (float)NeighbourErosion, StrokeGradient, strokePixels, cancellationToken, options.Threads);
        cancellationToken.ThrowIfCancellationRequested();
        return Classify(width, height, masking, strokePixels, i => TwoLevelBlock.Test(luma, width, height, i % bw, i / bw, TwoLevelShare), graphics, options);
    }

    /// <summary>
    /// The same segmentation as <see cref="Segment"/>, measured from rows as they come, so the image is never held: a
    /// few rows and a few bytes per 8x8 block. Each call of <paramref name="openRows"/> starts a pass over the image's
    /// rows, top to bottom: one pass for a photograph; when the image has candidate cells of synthetic content, up to
    /// two more measure just those cells (the graphics region's detection).
    /// </summary>
    public RsgSegmentation SegmentRows(Func<IRsgRowSource> openRows, int width, int height, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(openRows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "The image needs at least one pixel.");
        }

        bool classes = OffsetShare(options.TargetQuality) > 0;
        if (!classes && !DetectGraphics)
        {
            return Uniform(width, height, options);
        }

        CancellationToken cancellationToken = options.CancellationToken;
        int strokeMin = (int)Math.Ceiling(StrokeShare * 64);
        using var pass = new PerceptualRowPass(width, height, format, classes, StrokeGradient, strokeMin, TwoLevelShare, DetectGraphics ? GraphicsDetector : null);
        IRsgRowSource rows = openRows();
        int rowBytes = width * format.BytesPerPixel();
        int chunkRows = Math.Clamp((1 << 20) / rowBytes, 1, height);
        byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(chunkRows * rowBytes);
        try
        {
            for (int y = 0; y < height; y += chunkRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(chunkRows, height - y);
                rows.ReadRows(chunk.AsSpan(0, count * rowBytes), count);
                for (int r = 0; r < count; r++)
                {
                    pass.Add(chunk.AsSpan(r * rowBytes, rowBytes));
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        pass.Finish();
        CompoundMap? graphics = pass.Candidates is bool[] candidates
            ? GraphicsDetector.DetectRows(openRows, width, height, format, candidates, cancellationToken)
            : null;
        if (!classes)
        {
            return OneClass(width, height, graphics, options);
        }

        float[] masking = MaskingField.FromQuarterSums(pass.QuarterSums, width, height, (float)NeighbourErosion, cancellationToken);
        bool[] twoLevel = pass.TwoLevel;
        return Classify(width, height, masking, pass.StrokePixels, i => twoLevel[i], graphics, options);
    }

    /// <summary>The one-region qualities: one class, plus the lossless graphics region when the detector found one.</summary>
    private static RsgSegmentation OneClass(int width, int height, CompoundMap? graphics, RsgSegmenterOptions options)
    {
        if (graphics is null || graphics.SyntheticCells == 0)
        {
            return Uniform(width, height, options);
        }

        int cw = RsgLabelMap.CellsAlong(width, options.CellSize), ch = RsgLabelMap.CellsAlong(height, options.CellSize);
        var labels = new byte[(long)cw * ch];
        MarkGraphics(labels, cw, ch, options.CellSize, graphics, 1);
        return new RsgSegmentation(new RsgLabelMap(cw, ch, options.CellSize, labels), ["moderate", GraphicsRegionName],
            [new RsgRegion(options.TargetQuality), GraphicsRegion(options.TargetQuality)], q => [new RsgRegion(q), GraphicsRegion(q)]);
    }

    private static RsgSegmentation Uniform(int width, int height, RsgSegmenterOptions options) =>
        new(RsgLabelMap.Uniform(width, height, options.CellSize), ["moderate"], [new RsgRegion(options.TargetQuality)], q => [new RsgRegion(q)]);

    /// <summary>
    /// Classes from the measurements: offsets from the masking relative to its mean, the text rule, the label map at the
    /// cell size, the mode filter, then the graphics region.
    /// </summary>
    /// <param name="isTwoLevel">Whether block i is two-level; asked only about blocks with enough stroke pixels.</param>
    private RsgSegmentation Classify(int width, int height, float[] masking, byte[] strokePixels, Func<int, bool> isTwoLevel, CompoundMap? graphics, RsgSegmenterOptions options)
    {
        CancellationToken cancellationToken = options.CancellationToken;
        int classes = ClassCount();
        int bw = (width + 7) >> 3;
        double mean = 0;
        foreach (float m in masking)
        {
            mean += m;
        }

        mean /= masking.Length;

        // Label of every 8x8 block: 0 = coarsest class (+MaxCoarser) .. classes - 1 = finest (-MaxFiner).
        // Finer steps are relative to the image's mean masking; coarser ones also to the target's step.
        double coarsenAbove = Math.Max(mean, Math.Log2(RsgQualities.Scale(options.TargetQuality)) + CoarseningFloor);
        double Offset(float m) => Math.Clamp(m <= mean ? Strength * (m - mean) : Strength * Math.Max(0, m - coarsenAbove), -MaxFiner, MaxCoarser);

        // Text and line art: when many of the blocks the masking would coarsen are strokes of two levels (ink on
        // paper), the busy part of the image is strokes, not texture, and nothing is coarsened.
        int strokeMin = (int)Math.Ceiling(StrokeShare * 64);
        int coarsened = 0, textBlocks = 0;
        for (int i = 0; i < masking.Length; i++)
        {
            if (Offset(masking[i]) >= ClassStep / 2)
            {
                coarsened++;
                textBlocks += strokePixels[i] >= strokeMin && isTwoLevel(i) ? 1 : 0;
            }
        }

        bool text = coarsened > 0 && textBlocks >= TextShare * coarsened;
        var blockLabel = new byte[masking.Length];
        for (int i = 0; i < masking.Length; i++)
        {
            double offset = text ? Math.Min(0, Offset(masking[i])) : Offset(masking[i]);
            blockLabel[i] = (byte)Math.Clamp((int)Math.Round((MaxCoarser - offset) / ClassStep), 0, classes - 1);
        }

        // Label map at the requested cell size (a cell lies inside one 8x8 block).
        int cell = options.CellSize;
        int cw = RsgLabelMap.CellsAlong(width, cell), ch = RsgLabelMap.CellsAlong(height, cell);
        var labels = new byte[(long)cw * ch];
        int perBlock = 8 / cell;
        for (int cy = 0; cy < ch; cy++)
        {
            for (int cx = 0; cx < cw; cx++)
            {
                labels[(cy * cw) + cx] = blockLabel[((cy / perBlock) * bw) + (cx / perBlock)];
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (SmoothingRadius > 0)
        {
            RsgLabelCleaner.ModeFilter(labels, cw, ch, SmoothingRadius * perBlock);
        }

        bool hasGraphics = graphics is not null && graphics.SyntheticCells > 0;
        if (hasGraphics)
        {
            // After the mode filter, so the lossless region keeps its exact outline; label `classes` is past the grid.
            MarkGraphics(labels, cw, ch, cell, graphics!, (byte)classes);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Build(labels, cw, ch, cell, classes, options.TargetQuality, hasGraphics);
    }

    /// <summary>The lossless region's table entry (its quality is unused by lossless coding but must be valid).</summary>
    private static RsgRegion GraphicsRegion(int quality) => new(quality, RsgRegionMode.Lossless);

    /// <summary>Sets <paramref name="label"/> on every cell of the label grid that lies in a synthetic 8x8 cell.</summary>
    private static void MarkGraphics(byte[] labels, int cw, int ch, int cell, CompoundMap graphics, byte label)
    {
        int perBlock = 8 / cell;
        for (int cy = 0; cy < ch; cy++)
        {
            for (int cx = 0; cx < cw; cx++)
            {
                if (graphics.IsSynthetic(cx / perBlock, cy / perBlock))
                {
                    labels[(cy * cw) + cx] = label;
                }
            }
        }
    }

    /// <summary>Grid points from +MaxCoarser down to -MaxFiner; throws on settings out of range.</summary>
    private int ClassCount()
    {
        if (ClassStep <= 0 || MaxFiner < 0 || MaxCoarser < 0 || Strength < 0 || NeighbourErosion is < 0 or > 1 || SmoothingRadius < 0 || !double.IsFinite(CoarseningFloor) || StrokeGradient < 1 || !(StrokeShare > 0) || TwoLevelShare is < 0 or > 1 || !(TextShare > 0))
        {
            throw new InvalidOperationException("PerceptualSegmenter needs ClassStep > 0, MaxFiner, MaxCoarser, Strength, SmoothingRadius >= 0, NeighbourErosion in 0..1, a finite CoarseningFloor, StrokeGradient >= 1, StrokeShare and TextShare > 0 and TwoLevelShare in 0..1.");
        }

        int classes = (int)Math.Round((MaxFiner + MaxCoarser) / ClassStep) + 1;
        return classes <= 32 ? classes : throw new InvalidOperationException($"PerceptualSegmenter settings give {classes} classes; at most 32.");
    }

    /// <summary>Drops unused classes and names what is left; the qualities follow any target quality.</summary>
    /// <remarks>With <paramref name="graphics"/>, label <paramref name="classes"/> is the lossless graphics region (the last label).</remarks>
    private RsgSegmentation Build(byte[] labels, int cw, int ch, int cell, int classes, int targetQuality, bool graphics)
    {
        int[] map = RsgLabelCleaner.Compact(labels);
        var offsets = new List<double>();
        var names = new List<string>();
        for (int old = 0; old < classes; old++)
        {
            if (map[old] >= 0)
            {
                double offset = MaxCoarser - (old * ClassStep);
                offsets.Add(offset);
                names.Add(classes == FiveClassNames.Length ? FiveClassNames[old] : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"step{offset:+0.00;-0.00;0}"));
            }
        }

        if (graphics)
        {
            names.Add(GraphicsRegionName);
        }

        RsgRegion[] Regions(int q)
        {
            IEnumerable<RsgRegion> dct = offsets.Select(o => new RsgRegion(RsgQualities.WithStepOffset(q, o * OffsetShare(q))));
            return (graphics ? dct.Append(GraphicsRegion(q)) : dct).ToArray();
        }

        return new RsgSegmentation(new RsgLabelMap(cw, ch, cell, labels), names, Regions(targetQuality), Regions);
    }
}
