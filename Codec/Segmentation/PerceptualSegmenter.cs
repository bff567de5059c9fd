namespace RegionCodec.Segmentation;

/// <summary>
/// The default segmenter (managed, deterministic): regions are quantization classes chosen by a visual
/// masking model, so bits go where block-DCT errors show. Flat and gently shaded areas, and the calm side of an
/// edge, show blocking, banding and ringing first and get finer steps; busy texture hides error and gets coarser
/// ones. Each 8x8 block's masking (<see cref="MaskingField"/>) sets a step offset around the target quality's
/// step, <c>Strength</c> x (masking - mean masking) in log2 units, clamped to +-<see cref="MaxOffset"/>; the offsets
/// are binned into <see cref="Classes"/> classes, and the mean offset over the image is zero, so the file is about
/// the size of a one-region encode at the target quality. Labels are ordered coarse to fine (label 0 the busiest).
/// </summary>
public sealed class PerceptualSegmenter : IRsgSegmenter
{
    /// <summary>Step exponent per unit of log2 masking (0 = one region). Default tuned with butteraugli.</summary>
    public double Strength { get; init; } = 0.5;

    /// <summary>Largest step offset from the target quality's step, in log2 units (1 = double or half the step).</summary>
    public double MaxOffset { get; init; } = 0.75;

    /// <summary>Largest coarsening (positive offset) in log2 units; null = <see cref="MaxOffset"/>.</summary>
    public double? MaxCoarsening { get; init; }

    /// <summary>Number of quantization classes before classes of equal quality merge (2..8).</summary>
    public int Classes { get; init; } = 5;

    /// <summary>How far each block moves towards its calmest neighbour's masking (0..1).</summary>
    public double NeighbourErosion { get; init; } = 0.5;

    /// <summary>Mode-filter radius in cells applied to the class map (0 = none): smoother maps cost fewer mask bytes.</summary>
    public int SmoothingRadius { get; init; } = 1;

    /// <summary>Exponent of the masking weight in the centre's mean (0 = plain mean over blocks).</summary>
    public double RateWeighting { get; init; }

    /// <summary>Step offset per unit of |block mean luma - mid grey| (positive: very dark and very bright blocks coarser).</summary>
    public double LuminanceSlope { get; init; }

    public string Name => "perceptual";

    public RsgSegmentation Segment(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format, RsgSegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (Classes is < 2 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "Classes must be 2..8.");
        }

        byte[] luma = RsgLuma.Extract(pixels, width, height, stride, format);
        float[] masking = MaskingField.Compute(luma, width, height, (float)NeighbourErosion);
        // Centre: a weighted mean of the masking, weights masking^RateWeighting: busy blocks hold more of the bits,
        // so weighting them keeps the file nearer the one-region size at the target quality.
        double weightSum = 0, mean = 0;
        foreach (float m in masking)
        {
            double w = RateWeighting == 0 ? 1 : Math.Pow(Math.Max(m, 0.05), RateWeighting);
            weightSum += w;
            mean += w * m;
        }

        mean /= weightSum;
        int bwL = (width + 7) >> 3;
        var brightness = new double[masking.Length];
        if (LuminanceSlope != 0)
        {
            var sums = new long[masking.Length];
            var counts = new int[masking.Length];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int b = ((y >> 3) * bwL) + (x >> 3);
                    sums[b] += luma[(y * width) + x];
                    counts[b]++;
                }
            }

            for (int b = 0; b < masking.Length; b++)
            {
                brightness[b] = ((double)sums[b] / counts[b] / 255.0) - 0.5;
            }
        }

        // Class of every 8x8 block: 0 = calmest (finest step) .. Classes - 1 = busiest.
        int bw = (width + 7) >> 3, bh = (height + 7) >> 3;
        var blockClass = new byte[masking.Length];
        double coarsest = MaxCoarsening ?? MaxOffset;
        double binWidth = (MaxOffset + coarsest) / (Classes - 1);
        for (int i = 0; i < masking.Length; i++)
        {
            double offset = Math.Clamp((Strength * (masking[i] - mean)) + (LuminanceSlope * Math.Abs(brightness[i])), -MaxOffset, coarsest);
            blockClass[i] = (byte)Math.Clamp((int)Math.Round((offset + MaxOffset) / binWidth), 0, Classes - 1);
        }

        // Label map at the requested cell size (a cell lies inside one 8x8 block).
        int cell = options.CellSize;
        int cw = RsgLabelMap.CeilDiv(width, cell), ch = RsgLabelMap.CeilDiv(height, cell);
        var labels = new byte[(long)cw * ch];
        int perBlock = 8 / cell;
        for (int cy = 0; cy < ch; cy++)
        {
            for (int cx = 0; cx < cw; cx++)
            {
                labels[(cy * cw) + cx] = (byte)(Classes - 1 - blockClass[((cy / perBlock) * bw) + (cx / perBlock)]);
            }
        }

        if (SmoothingRadius > 0)
        {
            RsgLabelCleaner.ModeFilter(labels, cw, ch, SmoothingRadius * perBlock);
        }

        // Labels now run busiest (0) to calmest; their qualities follow the target quality.
        double[] offsets = new double[Classes];
        for (int label = 0; label < Classes; label++)
        {
            offsets[label] = -MaxOffset + ((Classes - 1 - label) * binWidth);
            offsets[label] = Math.Abs(offsets[label]) < 1e-9 ? 0 : offsets[label];
        }

        return Build(labels, cw, ch, cell, offsets, options.TargetQuality);
    }

    /// <summary>Label names, busiest (label 0) to calmest, for the default five classes; other counts are numbered.</summary>
    private static readonly string[] FiveClassNames = ["busy", "textured", "moderate", "smooth", "flat"];

    /// <summary>Drops unused classes and names what is left; the qualities follow any target quality.</summary>
    private static RsgSegmentation Build(byte[] labels, int cw, int ch, int cell, double[] stepOffsets, int targetQuality)
    {
        int count = stepOffsets.Length;
        int[] map = RsgLabelCleaner.Compact(labels);
        var offsets = new List<double>();
        var names = new List<string>();
        for (int old = 0; old < count; old++)
        {
            if (map[old] >= 0)
            {
                offsets.Add(stepOffsets[old]);
                names.Add(count == FiveClassNames.Length ? FiveClassNames[old] : $"class{count - 1 - old}");
            }
        }

        RsgRegion[] Regions(int q) => offsets.Select(o => new RsgRegion(RsgQualities.WithStepOffset(q, o))).ToArray();
        return new RsgSegmentation(new RsgLabelMap(cw, ch, cell, labels), names, Regions(targetQuality), Regions);
    }
}
